"""search: articles and chat messages get full-text indexes like posts (FTS5 on SQLite,
tsvector + GIN on PostgreSQL); chat's index is kept by triggers on chat_messages, so every
writer (send, edit, moderation, account deletion) keeps it right without a Python step.

chat_search.scope says who may read a message: `c<room id>` for a condition's room,
`u<member id>` for both members of a private conversation, plus `a<author id>` (the author
filter, and leaving out members the searcher blocked). SQLite keeps them in their own FTS
column (a word of a message can never be read as a scope), PostgreSQL in a text[] column in
the same GIN index as the document.

Revision ID: 0008_search
Revises: 0008_mailpref
"""
from alembic import op

revision = "0008_search"
down_revision = '0008_mailpref'
branch_labels = None
depends_on = None

_SQLITE_SCOPE = ("(CASE WHEN r.kind = 'condition' THEN 'c' || r.id ELSE "
                 "(SELECT 'u' || d.user_low_id || ' u' || d.user_high_id FROM chat_direct d WHERE d.room_id = r.id) END) "
                 "|| CASE WHEN {m}.author_id IS NULL THEN '' ELSE ' a' || {m}.author_id END")
_SQLITE_INSERT = ("INSERT INTO chat_search (rowid, body, scope) SELECT {m}.id, {m}.body, " + _SQLITE_SCOPE
                  + " FROM chat_rooms r WHERE r.id = {m}.room_id")

_PG_SCOPE = ("(CASE WHEN r.kind = 'condition' THEN ARRAY['c' || r.id] "
             "ELSE ARRAY['u' || d.user_low_id, 'u' || d.user_high_id] END) "
             "|| (CASE WHEN {m}.author_id IS NULL THEN ARRAY[]::text[] ELSE ARRAY['a' || {m}.author_id] END)")
_PG_INSERT = ("INSERT INTO chat_search (message_id, scope, document) SELECT {m}.id, " + _PG_SCOPE
              + ", to_tsvector('english', {m}.body) FROM chat_rooms r LEFT JOIN chat_direct d ON d.room_id = r.id "
                "WHERE r.id = {m}.room_id")


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    tok = "tokenize='porter unicode61 remove_diacritics 2'"
    if sqlite:
        op.execute(f"CREATE VIRTUAL TABLE article_search USING fts5(title, body, {tok})")
        op.execute(f"CREATE VIRTUAL TABLE chat_search USING fts5(body, scope, {tok})")
        op.execute("CREATE TRIGGER chat_search_ai AFTER INSERT ON chat_messages WHEN NEW.status = 'published' BEGIN "
                   + _SQLITE_INSERT.format(m="NEW") + "; END")
        op.execute("CREATE TRIGGER chat_search_ad AFTER DELETE ON chat_messages BEGIN "
                   "DELETE FROM chat_search WHERE rowid = OLD.id; END")
        op.execute("CREATE TRIGGER chat_search_au AFTER UPDATE OF body, status, author_id, room_id ON chat_messages BEGIN "
                   "DELETE FROM chat_search WHERE rowid = OLD.id; "
                   + _SQLITE_INSERT.format(m="NEW") + " AND NEW.status = 'published'; END")
        op.execute(_SQLITE_INSERT.format(m="m").replace(" FROM chat_rooms r WHERE r.id = m.room_id",
                                                        " FROM chat_messages m JOIN chat_rooms r ON r.id = m.room_id "
                                                        "WHERE m.status = 'published'"))
        op.execute("INSERT INTO article_search (rowid, title, body) SELECT a.id, v.title, v.body FROM articles a "
                   "JOIN article_revisions v ON v.id = a.live_revision_id")
    else:
        op.execute("CREATE TABLE article_search (article_id integer PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, "
                   "document tsvector NOT NULL)")
        op.execute("CREATE INDEX ix_article_search_document ON article_search USING gin (document)")
        op.execute("CREATE TABLE chat_search (message_id integer PRIMARY KEY REFERENCES chat_messages(id) ON DELETE CASCADE, "
                   "scope text[] NOT NULL, document tsvector NOT NULL)")
        op.execute("CREATE INDEX ix_chat_search_document ON chat_search USING gin (document, scope)")
        op.execute("CREATE FUNCTION chat_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   "IF TG_OP = 'UPDATE' THEN DELETE FROM chat_search WHERE message_id = OLD.id; END IF; "
                   "IF NEW.status = 'published' THEN " + _PG_INSERT.format(m="NEW") + "; END IF; "
                   "RETURN NULL; END $$")
        op.execute("CREATE TRIGGER chat_search_sync AFTER INSERT OR UPDATE OF body, status, author_id, room_id "
                   "ON chat_messages FOR EACH ROW EXECUTE FUNCTION chat_search_sync()")
        op.execute(_PG_INSERT.format(m="m").replace(
            " FROM chat_rooms r LEFT JOIN chat_direct d ON d.room_id = r.id WHERE r.id = m.room_id",
            " FROM chat_messages m JOIN chat_rooms r ON r.id = m.room_id LEFT JOIN chat_direct d ON d.room_id = r.id "
            "WHERE m.status = 'published'"))
        op.execute("INSERT INTO article_search (article_id, document) SELECT a.id, "
                   "setweight(to_tsvector('english', v.title), 'A') || setweight(to_tsvector('english', v.body), 'B') "
                   "FROM articles a JOIN article_revisions v ON v.id = a.live_revision_id")
        # A bounded search costs less than starting parallel workers (forums/search_plan.py).
        for table in ("post_search", "article_search", "chat_search"):
            op.execute(f"ALTER TABLE {table} SET (parallel_workers = 0)")
    # Chat's date filter becomes a range of message ids, read from this index (as posts do).
    op.create_index("ix_chat_messages_created_at", "chat_messages", ["created_at"])


def downgrade():
    op.drop_index("ix_chat_messages_created_at", table_name="chat_messages")
    if op.get_bind().dialect.name == "sqlite":
        for trig in ("chat_search_ai", "chat_search_ad", "chat_search_au"):
            op.execute(f"DROP TRIGGER {trig}")
    else:
        op.execute("DROP TRIGGER chat_search_sync ON chat_messages")
        op.execute("DROP FUNCTION chat_search_sync()")
    op.execute("DROP TABLE chat_search")
    op.execute("DROP TABLE article_search")
