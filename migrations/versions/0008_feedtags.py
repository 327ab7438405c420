"""quality staff correct a forum post's (or a feedback item's) sentiment as well as its themes

Revision ID: 0008_feedtags
Revises: 0008_sealed
Create Date: 2026-12-02 05:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_feedtags'
down_revision = '0008_sealed'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('post_tags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sentiment_corrected', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sentiment_corrected', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('theme_corrections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tagger_sentiment', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('sentiment', sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table('theme_corrections', schema=None) as batch_op:
        batch_op.drop_column('sentiment')
        batch_op.drop_column('tagger_sentiment')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_column('sentiment_corrected')
    with op.batch_alter_table('post_tags', schema=None) as batch_op:
        batch_op.drop_column('sentiment_corrected')
