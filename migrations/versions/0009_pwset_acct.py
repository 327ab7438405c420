"""users.password_set: whether the member knows their password (false for accounts made by
hospital sign-in, which have a random one, until they set one)

Revision ID: 0009_pwset_acct
Revises: 0008_roomslow
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_pwset_acct'
down_revision = '0008_roomslow'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('users', sa.Column('password_set', sa.Boolean(), server_default=sa.true(), nullable=False))
    # Accounts made by hospital sign-in (audited as auth.oidc_account_created) have a random
    # password, unless a reset or a password change has set one since.
    op.execute(sa.text(
        "UPDATE users SET password_set = :no WHERE id IN ("
        " SELECT a.target_id FROM audit_entries a"
        " WHERE a.action = 'auth.oidc_account_created' AND a.target_type = 'user' AND NOT EXISTS ("
        "  SELECT 1 FROM audit_entries b WHERE b.target_type = 'user' AND b.target_id = a.target_id"
        "  AND b.action IN ('password.reset', 'auth.password_change', 'auth.password_set') AND b.id > a.id))"
    ).bindparams(no=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('password_set')
