"""Search cost at 10k, 100k and 1M posts on SQLite and PostgreSQL: server CPU per search.

    .venv/bin/python bench/search_bench.py --posts 10000 100000 1000000          # SQLite files under /tmp
    .venv/bin/python bench/search_bench.py --posts 10000 100000 1000000 \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test_search   # rebuilt for each size

Seeding: the schema comes from the migrations (`flask db upgrade heads`), then rows are made in
Python once and bulk-loaded: `executemany` on SQLite, `COPY` on PostgreSQL (the GIN indexes
dropped during the load and built after it, as a restore would). 10 conditions, 2,000 members,
threads of 20 posts spread over 500 days, 100,000 chat messages at most (indexed by the chat
triggers), 20 published articles. Planted words are fixed fractions of all posts, so "common"
is in half of the posts at every size: tired 50%, pacing 10%, nebuliser 0.1%, zygote 0.001%.
Chat holds "tired" too (every message may carry it), so the members' chat part is measured.

Measuring: Harbor is served by gunicorn with one `NoDelayGeventWorker` (what `flask --app wsgi
serve` runs), member0 (a member of every condition, so chat is searched too) signs in, and each
query runs the real /search page `--repeat` times after a warm-up. Server CPU is utime+stime
from /proc of the gunicorn processes and, on PostgreSQL, of the database's backends (the
search's SQL runs there), before and after, divided by the number of requests."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from request_cost_bench import Client, cpu_seconds, server_pids  # noqa: E402

FILLER = ("inhaler spacer preventer peak flow winter walk breath cough steroid nurse review glucose insulin carbs "
          "metformin hypo sugar reading pump sensor fatigue crash rest sleep pain tablets dose clinic "
          "appointment letter waiting referral support family work better worse morning evening").split()
PLANTED = {"tired": 0.5, "pacing": 0.1, "nebuliser": 0.001, "zygote": 0.00001}
CONDITIONS, MEMBERS, PER_THREAD, MESSAGES_MAX, ARTICLES = 10, 2_000, 20, 100_000, 20
START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)

QUERIES = [
    ("common word (50%)", {"q": "tired"}),
    ("10% word", {"q": "pacing"}),
    ("rare word (0.1%)", {"q": "nebuliser"}),
    ("very rare word (0.001%)", {"q": "zygote"}),
    ("absent word", {"q": "xylophone"}),
    ("two words (50% and 10%)", {"q": "tired pacing"}),
    ("prefix of the common word", {"q": "tir"}),
    ("common word, page 5", {"q": "tired", "page": "5"}),
    ("common word + condition", {"q": "tired", "c": "condition-3"}),
    ("common word + author", {"q": "tired", "author": "member42"}),
    ("common word + one month", {"q": "tired", "since": "2025-06-01", "until": "2025-06-30"}),
    ("FTS syntax in the input", {"q": 'tired" OR NEAR(pacing* AND -x'}),
]


def _stamp(minutes: float, pg: bool) -> str:
    when = START + dt.timedelta(minutes=minutes)
    return when.isoformat(sep=" ") if pg else when.strftime("%Y-%m-%d %H:%M:%S.%f")


def rows(posts: int, pg: bool) -> dict[str, list[tuple]]:
    """Every table's rows, the same for both databases (seeded)."""
    from argon2 import PasswordHasher

    from community.auth.usernames import skeleton

    rng = random.Random(7)
    t, f = ("true", "false") if pg else (1, 0)
    pw = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("bench password")
    step = 500 * 24 * 60 / posts        # 500 days whatever the size: a date filter picks a fixed fraction
    n_threads = max(1, posts // PER_THREAD)
    out: dict[str, list[tuple]] = {
        "conditions": [(i + 1, f"condition-{i}", f"Condition {i}", "", "", _stamp(0, pg)) for i in range(CONDITIONS)],
        "users": [(i + 1, f"member{i}", skeleton(f"member{i}"), pw, "PATIENT", f, _stamp(0, pg), 1, 10, f, f)
                  for i in range(MEMBERS)],
        "condition_members": [(1, c + 1, _stamp(0, pg), f) for c in range(CONDITIONS)],
        "threads": [(k + 1, k % CONDITIONS + 1, rng.randrange(MEMBERS) + 1, f"Thread {k} about {rng.choice(FILLER)}",
                     "PUBLISHED", f, _stamp(k * PER_THREAD * step, pg), _stamp((k + 1) * PER_THREAD * step, pg),
                     PER_THREAD - 1) for k in range(n_threads)],
        "chat_rooms": [(c + 1, "condition", c + 1, 0, _stamp(0, pg)) for c in range(CONDITIONS)],
    }
    planted = {w: set(rng.sample(range(posts), round(posts * share))) for w, share in PLANTED.items()}
    prng = random.Random(11)

    def post_rows() -> Iterator[tuple]:       # streamed: a million bodies need not sit in memory
        for i in range(posts):
            words = [prng.choice(FILLER) for _ in range(prng.randint(10, 40))]
            for w, ids in planted.items():
                if i in ids:
                    words.insert(prng.randrange(len(words)), w)
            body = " ".join(words).capitalize() + "."
            yield (i + 1, i // PER_THREAD + 1, prng.randrange(MEMBERS) + 1, t if i % PER_THREAD == 0 else f,
                   body, f"<p>{body}</p>\n", "PUBLISHED", _stamp(i * step, pg), f)

    out["posts"] = post_rows()  # type: ignore[assignment]
    n_msgs = min(posts, MESSAGES_MAX)
    out["chat_messages"] = [(m + 1, rng.randrange(CONDITIONS) + 1, rng.randrange(MEMBERS) + 1,
                             (b := " ".join(rng.choice(FILLER + ["tired"]) for _ in range(12))), b, "published",
                             _stamp(m * 500 * 24 * 60 / n_msgs, pg)) for m in range(n_msgs)]
    out["article_revisions"] = [(a + 1, a + 1, 2, f"Living with condition {a % CONDITIONS}: tired days and pacing",
                                 " ".join(rng.choice(FILLER) for _ in range(300)), "", "[]", "approved", "", _stamp(a, pg))
                                for a in range(ARTICLES)]
    out["articles"] = [(a + 1, a % CONDITIONS + 1, 2, 3, r[3], "", r[4], "", "[]", "PUBLISHED", "", r[9], r[9], r[9], r[9],
                        _stamp(a + 365 * 24 * 60, pg), a + 1) for a, r in enumerate(out["article_revisions"])]
    return out


COLUMNS = {
    "conditions": "id, slug, name, description, guidelines, created_at",
    "users": "id, username, username_key, password_hash, role, is_verifier, created_at, session_version, approved_posts, "
             "feedback_consent, hide_presence",
    "condition_members": "user_id, condition_id, joined_at, on_profile",
    "threads": "id, condition_id, author_id, title, status, is_question, created_at, last_activity_at, reply_count",
    "posts": "id, thread_id, author_id, is_opening, body, body_html, status, created_at, marked_helpful",
    "chat_rooms": "id, kind, condition_id, last_message_id, created_at",
    "chat_messages": "id, room_id, author_id, body, body_html, status, created_at",
    "article_revisions": "id, article_id, editor_id, title, body, body_html, sources, event, note, created_at",
    "articles": "id, condition_id, author_id, reviewed_by_id, title, summary, body, body_html, sources, status, review_note, "
                "created_at, updated_at, published_at, reviewed_at, review_due, live_revision_id",
}
ORDER = ["conditions", "users", "condition_members", "threads", "posts", "chat_rooms", "chat_messages", "articles", "article_revisions"]

POST_SEARCH_SQLITE = ("INSERT INTO post_search (rowid, title, body) SELECT p.id, CASE WHEN p.is_opening THEN t.title ELSE '' END, "
                      "p.body FROM posts p JOIN threads t ON t.id = p.thread_id")
POST_SEARCH_PG = ("INSERT INTO post_search (post_id, document) SELECT p.id, "
                  "setweight(to_tsvector('english', CASE WHEN p.is_opening THEN t.title ELSE '' END), 'A') || "
                  "setweight(to_tsvector('english', p.body), 'B') FROM posts p JOIN threads t ON t.id = p.thread_id")
ARTICLE_SEARCH_SQLITE = ("INSERT INTO article_search (rowid, title, body) SELECT a.id, v.title, v.body FROM articles a "
                         "JOIN article_revisions v ON v.id = a.live_revision_id")
ARTICLE_SEARCH_PG = ("INSERT INTO article_search (article_id, document) SELECT a.id, setweight(to_tsvector('english', v.title), 'A') "
                     "|| setweight(to_tsvector('english', v.body), 'B') FROM articles a JOIN article_revisions v ON v.id = a.live_revision_id")


def migrate(url: str) -> None:
    env = {**os.environ, "HARBOR_ENV": "development", "SECRET_KEY": "bench", "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade", "heads"], cwd=ROOT, env=env,
                   check=True, capture_output=True)


def build_sqlite(path: Path, posts: int) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)
    migrate(f"sqlite:///{path}")
    t0 = time.time()
    data = rows(posts, pg=False)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("BEGIN")
    for table in ORDER:
        cols = COLUMNS[table]
        con.executemany(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(cols.split(',')))})", data[table])
    con.execute(POST_SEARCH_SQLITE)
    con.execute(ARTICLE_SEARCH_SQLITE)
    con.execute("COMMIT")
    con.execute("ANALYZE")
    for table in ("post_search", "chat_search", "article_search"):
        con.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    con.close()
    print(f"built {path}: {posts:,} posts in {time.time() - t0:.0f} s", flush=True)


def build_postgres(url: str, posts: int) -> None:
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as con:
        con.execute("DROP SCHEMA public CASCADE")
        con.execute("CREATE SCHEMA public")
    migrate(url)
    t0 = time.time()
    data = rows(posts, pg=True)
    with psycopg.connect(dsn) as con:
        con.execute("SET maintenance_work_mem = '256MB'")
        con.execute("DROP INDEX ix_post_search_document")
        con.execute("DROP INDEX ix_chat_search_document")
        with con.cursor() as cur:
            for table in ORDER:
                with cur.copy(f"COPY {table} ({COLUMNS[table]}) FROM STDIN") as copy:
                    for row in data[table]:
                        copy.write_row(row)
        con.execute(POST_SEARCH_PG)
        con.execute(ARTICLE_SEARCH_PG)
        con.execute("CREATE INDEX ix_post_search_document ON post_search USING gin (document)")
        con.execute("CREATE INDEX ix_chat_search_document ON chat_search USING gin (document, scope)")
        for table in ORDER:
            if table in ("conditions", "users", "threads", "posts", "chat_rooms", "chat_messages", "articles", "article_revisions"):
                con.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        con.commit()
    with psycopg.connect(dsn, autocommit=True) as con:
        con.execute("VACUUM ANALYZE")
    print(f"built {url.rsplit('/', 1)[1]}: {posts:,} posts in {time.time() - t0:.0f} s", flush=True)


def backend_pids(url: str) -> list[int]:
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as con:
        return [r[0] for r in con.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                          "AND pid <> pg_backend_pid()")]


def measure(url: str, repeat: int) -> dict[str, tuple[float, str]]:
    port = 21000 + os.getpid() % 9000
    env = {**os.environ, "DATABASE_URL": url, "HARBOR_ENV": "development", "SECRET_KEY": "bench",
           "RATELIMIT_ENABLED": "false", "SOCKETIO_ASYNC_MODE": "gevent"}
    env.pop("REDIS_URL", None)
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "--worker-class", "community.server.NoDelayGeventWorker",
                             "--workers", "1", "--bind", f"127.0.0.1:{port}", "--no-control-socket", "--log-level", "warning",
                             "wsgi:app"], cwd=ROOT, env=env)
    pg = url.startswith("postgresql")
    out: dict[str, tuple[float, str]] = {}
    try:
        for _ in range(300):
            try:
                if Client(port).request("GET", "/login")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        member = Client(port)
        member.login("member0", "bench password")
        for label, args in QUERIES:
            path = "/search?" + urllib.parse.urlencode(args)
            status, page = member.request("GET", path)           # warm-up
            assert status == 200, (label, status)
            pids = server_pids(proc.pid) + (backend_pids(url) if pg else [])
            c0 = cpu_seconds(pids)
            for _ in range(repeat):
                status, page = member.request("GET", path)
                assert status == 200, (label, status)
            ms = (cpu_seconds(pids) - c0) * 1000 / repeat
            text = page.decode()
            found = text.split('role="status">', 1)[1].split("<", 1)[0].strip() if 'role="status">' in text else "?"
            chat = text.count("results-chat") and text.split('results-chat">', 1)[1].split("</ol>", 1)[0].count("<li>")
            out[label] = (ms, f"{found} (+{chat} chat)")
            print(f"  {label:30} {ms:8.2f} ms CPU   {found} (+{chat} chat)", flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, nargs="+", default=[10_000])
    ap.add_argument("--database-url", help="a PostgreSQL database to rebuild for each size (never the tests' `test`)")
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--rebuild", action="store_true", help="SQLite: rebuild the file even if it exists")
    args = ap.parse_args()
    if args.database_url and args.database_url.rstrip("/").endswith("/test"):
        sys.exit("refusing to rebuild the shared database `test`")
    results: dict[int, dict[str, tuple[float, str]]] = {}
    for n in args.posts:
        if args.database_url:
            build_postgres(args.database_url, n)
            url = args.database_url
        else:
            path = Path(f"/tmp/search{n}.sqlite3")
            if args.rebuild or not path.exists():
                build_sqlite(path, n)
            url = f"sqlite:///{path}"
        print(f"{n:,} posts ({'PostgreSQL' if args.database_url else 'SQLite'}), server CPU per search page, "
              f"{args.repeat} requests each:", flush=True)
        results[n] = measure(url, args.repeat)
    sizes = sorted(results)
    print("\n| query | " + " | ".join(f"{n:,}" for n in sizes) + (f" | {sizes[-1]:,} / {sizes[0]:,} |" if len(sizes) > 1 else " |"))
    print("| --- " * (len(sizes) + 1 + (len(sizes) > 1)) + "|")
    for label, _ in QUERIES:
        cells = [f"{results[n][label][0]:.2f}" for n in sizes]
        ratio = f" | {results[sizes[-1]][label][0] / max(results[sizes[0]][label][0], 0.01):.2f}" if len(sizes) > 1 else ""
        print(f"| {label} | " + " | ".join(cells) + ratio + " |")
    print("\nresults shown (largest size): " + "; ".join(f"{label}: {results[sizes[-1]][label][1]}" for label, _ in QUERIES))


if __name__ == "__main__":
    main()
