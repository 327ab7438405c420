"""users.posts_made goes: it was written on every post and never read

Revision ID: 0007_core
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_core'
down_revision = '0007_hard'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('posts_made')


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('posts_made', sa.Integer(), nullable=False, server_default='0'))
