"""clinician answers: helpful marks, clinician-answered threads, question notifications

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("threads") as batch:
        batch.add_column(sa.Column("clinician_answered", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("posts") as batch:
        batch.add_column(sa.Column("marked_helpful", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("notify_new_questions", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_column("notify_new_questions")
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("marked_helpful")
    with op.batch_alter_table("threads") as batch:
        batch.drop_column("clinician_answered")
