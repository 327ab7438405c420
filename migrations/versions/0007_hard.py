"""consent at registration: the version of the Privacy notice, Terms and guidelines a member accepted, and when

Revision ID: 0007_hard
Revises: 0006
Create Date: 2026-12-01 21:40:00

"""
from alembic import op
import sqlalchemy as sa

import community.db  # noqa: F401  (UTCDateTime)


revision = '0007_hard'
down_revision = '0007_notify'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('terms_version', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('terms_accepted_at', community.db.UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('terms_accepted_at')
        batch_op.drop_column('terms_version')
