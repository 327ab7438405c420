"""TOTP secrets sealed at rest (community/auth/sealed.py): the column widens for a Fernet token
and every secret stored in clear is sealed.

Revision ID: 0008_sealed
Revises: 0007_acct
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_sealed'
down_revision = '0007_acct'
branch_labels = None
depends_on = None


def upgrade():
    from community.auth.sealed import PREFIX, seal

    bind = op.get_bind()
    # SQLite ignores VARCHAR lengths, and widening there would mean rebuilding `users`, whose
    # drop cascades to every table that references it: only other databases alter the column.
    if bind.dialect.name != "sqlite":
        op.alter_column('users', 'totp_secret', existing_type=sa.String(length=64), type_=sa.String(length=255))
    rows = bind.execute(sa.text("SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL")).all()
    for user_id, secret in rows:
        if not secret.startswith(PREFIX):
            bind.execute(sa.text("UPDATE users SET totp_secret = :s WHERE id = :id"), {"s": seal(secret), "id": user_id})


def downgrade():
    from community.auth.sealed import unseal

    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL")).all()
    for user_id, stored in rows:
        bind.execute(sa.text("UPDATE users SET totp_secret = :s WHERE id = :id"), {"s": unseal(stored), "id": user_id})
    if bind.dialect.name != "sqlite":
        op.alter_column('users', 'totp_secret', existing_type=sa.String(length=255), type_=sa.String(length=64))
