"""crisis help text per condition

Revision ID: 0007_crisis
Revises: 0006

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0007_crisis"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("conditions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("crisis_help", sa.Text(), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("conditions", schema=None) as batch_op:
        batch_op.drop_column("crisis_help")
