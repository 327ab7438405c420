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

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('totp_secret', existing_type=sa.String(length=64), type_=sa.String(length=255))
    bind = op.get_bind()
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
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('totp_secret', existing_type=sa.String(length=255), type_=sa.String(length=64))
