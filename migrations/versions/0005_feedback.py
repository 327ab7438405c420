"""care feedback: feedback records, stored post tags, the quality team's theme terms

Revision ID: 0005
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("condition_id", sa.Integer(), nullable=True),
        sa.Column("service", sa.String(40), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("visit_month", sa.String(7), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("clean_text", sa.Text(), nullable=False),
        sa.Column("sentiment_label", sa.String(8), nullable=False),
        sa.Column("sentiment_score", sa.Float(), nullable=False),
        sa.Column("themes", sa.String(400), nullable=False),
        sa.Column("critical", sa.Boolean(), nullable=False),
        sa.Column("tagger_version", sa.String(40), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name="fk_feedback_author_id_users", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["condition_id"], ["conditions.id"], name="fk_feedback_condition_id_conditions", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_feedback"),
    )
    op.create_index("ix_feedback_author_id", "feedback", ["author_id"])
    op.create_index("ix_feedback_created_at", "feedback", ["created_at"])
    op.create_table(
        "post_tags",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("clean_text", sa.Text(), nullable=False),
        sa.Column("sentiment_label", sa.String(8), nullable=False),
        sa.Column("sentiment_score", sa.Float(), nullable=False),
        sa.Column("themes", sa.String(400), nullable=False),
        sa.Column("critical", sa.Boolean(), nullable=False),
        sa.Column("tagger_version", sa.String(40), nullable=False),
        sa.Column("tagged_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"], name="fk_post_tags_post_id_posts", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("post_id", name="pk_post_tags"),
    )
    op.create_table(
        "theme_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(40), nullable=False),
        sa.Column("term", sa.String(80), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["added_by_id"], ["users.id"], name="fk_theme_terms_added_by_id_users", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_theme_terms"),
        sa.UniqueConstraint("theme", "term", name="uq_theme_terms_theme_term"),
    )


def downgrade():
    op.drop_table("theme_terms")
    op.drop_table("post_tags")
    op.drop_index("ix_feedback_created_at", table_name="feedback")
    op.drop_index("ix_feedback_author_id", table_name="feedback")
    op.drop_table("feedback")
