"""slow mode for chat rooms (chat_rooms.slow_mode_seconds), beside the threads' own

Revision ID: 0008_roomslow
Revises: 0008_search
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_roomslow'
down_revision = '0008_search'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('chat_rooms', sa.Column('slow_mode_seconds', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('chat_rooms', schema=None) as batch_op:
        batch_op.drop_column('slow_mode_seconds')
