"""ignoring a member

Revision ID: 0008_ignore
Revises: 0008_oidc
"""
from alembic import op
import sqlalchemy as sa

import community.db  # noqa: F401  (UTCDateTime)

revision = "0008_ignore"
down_revision = "0008_oidc"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "member_ignores",
        sa.Column("ignorer_id", sa.Integer(), nullable=False),
        sa.Column("ignored_id", sa.Integer(), nullable=False),
        sa.Column("created_at", community.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["ignorer_id"], ["users.id"], name=op.f("fk_member_ignores_ignorer_id_users"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["ignored_id"], ["users.id"], name=op.f("fk_member_ignores_ignored_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("ignorer_id", "ignored_id", name=op.f("pk_member_ignores")),
    )
    op.create_index(op.f("ix_member_ignores_ignored_id"), "member_ignores", ["ignored_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_member_ignores_ignored_id"), table_name="member_ignores")
    op.drop_table("member_ignores")
