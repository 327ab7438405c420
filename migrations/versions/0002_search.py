"""full-text search index: FTS5 on SQLite, tsvector + GIN on PostgreSQL

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE post_search USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')")
    else:
        op.execute("CREATE TABLE post_search (post_id integer PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE, "
                   "document tsvector NOT NULL)")
        op.execute("CREATE INDEX ix_post_search_document ON post_search USING gin (document)")


def downgrade():
    op.execute("DROP TABLE post_search")
