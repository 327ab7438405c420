"""Search cost at 10k and 1M posts: server CPU per search page, in process.

    .venv/bin/python bench/search_bench.py --posts 10000      # builds /tmp/search10000.sqlite3 once
    .venv/bin/python bench/search_bench.py --posts 1000000

The scratch database (SQLite, under /tmp) is built with the migrations, then filled with bulk
inserts straight through sqlite3 (1M posts in about two minutes). Word frequencies are fixed
fractions of all posts, so "common" is in half the posts at every size:
  tired 50%, pacing 10%, nebuliser 0.1%, zygote 0.001% (10 posts at 1M, none at 10k).
Each query runs the real /search page (Flask test client, a member logged in, chat included)
and reports the median process CPU time of one request, over --repeat runs after a warm-up."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FILLER = ("inhaler spacer preventer peak flow winter walk breath cough steroid nurse review glucose insulin carbs "
          "metformin hypo sugar reading pump sensor fatigue crash rest sleep pain tablets dose clinic "
          "appointment letter waiting referral support family work better worse morning evening").split()
PLANTED = {"tired": 0.5, "pacing": 0.1, "nebuliser": 0.001, "zygote": 0.00001}
CONDITIONS, MEMBERS, PER_THREAD = 10, 2_000, 20


def build(path: Path, posts: int) -> None:
    env = {**os.environ, "HARBOR_ENV": "development", "SECRET_KEY": "bench", "DATABASE_URL": f"sqlite:///{path}"}
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade", "heads"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    from argon2 import PasswordHasher

    from community.auth.usernames import skeleton

    rng = random.Random(7)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    t0 = time.time()
    con.execute("BEGIN")
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    stamp = lambda minutes: (start + dt.timedelta(minutes=minutes)).isoformat(sep=" ")  # noqa: E731
    con.executemany("INSERT INTO conditions (slug, name, description, guidelines, created_at) VALUES (?, ?, '', '', ?)",
                    [(f"condition-{i}", f"Condition {i}", stamp(0)) for i in range(CONDITIONS)])
    pw = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("bench password")
    con.executemany("INSERT INTO users (username, username_key, password_hash, role, is_verifier, created_at, "
                    "session_version, approved_posts, posts_made, feedback_consent, hide_presence) "
                    "VALUES (?, ?, ?, 'PATIENT', 0, ?, 1, 10, 0, 0, 0)",
                    [(f"member{i}", skeleton(f"member{i}"), pw, stamp(0)) for i in range(MEMBERS)])
    con.executemany("INSERT INTO condition_members (user_id, condition_id, joined_at, on_profile) VALUES (1, ?, ?, 0)",
                    [(c + 1, stamp(0)) for c in range(CONDITIONS)])
    n_threads = max(1, posts // PER_THREAD)
    # Posts spread over 500 days whatever their number, so a date filter picks a fixed fraction.
    step = 500 * 24 * 60 / posts
    con.executemany("INSERT INTO threads (id, condition_id, author_id, title, status, is_question, created_at, "
                    "last_activity_at, reply_count, clinician_answered) VALUES (?, ?, ?, ?, 'PUBLISHED', 0, ?, ?, ?, 0)",
                    [(t + 1, t % CONDITIONS + 1, rng.randrange(MEMBERS) + 1, f"Thread {t} about {rng.choice(FILLER)}",
                      stamp(t * PER_THREAD * step), stamp((t + 1) * PER_THREAD * step), PER_THREAD - 1)
                     for t in range(n_threads)])
    planted = {w: set(rng.sample(range(posts), max(0, round(posts * f)))) for w, f in PLANTED.items()}
    batch: list[tuple] = []
    for i in range(posts):
        words = [rng.choice(FILLER) for _ in range(rng.randint(10, 40))]
        for w, ids in planted.items():
            if i in ids:
                words.insert(rng.randrange(len(words)), w)
        body = " ".join(words).capitalize() + "."
        batch.append((i + 1, i // PER_THREAD + 1, rng.randrange(MEMBERS) + 1, int(i % PER_THREAD == 0), body,
                      f"<p>{body}</p>\n", stamp(i * step)))
        if len(batch) == 50_000 or i == posts - 1:
            con.executemany("INSERT INTO posts (id, thread_id, author_id, is_opening, body, body_html, status, created_at, "
                            "marked_helpful) VALUES (?, ?, ?, ?, ?, ?, 'PUBLISHED', ?, 0)", batch)
            batch.clear()
    con.execute("INSERT INTO post_search (rowid, title, body) SELECT p.id, CASE WHEN p.is_opening THEN t.title ELSE '' END, "
                "p.body FROM posts p JOIN threads t ON t.id = p.thread_id")
    con.execute("INSERT INTO chat_rooms (kind, condition_id, last_message_id, created_at) "
                "SELECT 'condition', id, 0, created_at FROM conditions")
    msgs = [(rng.randrange(CONDITIONS) + 1, rng.randrange(MEMBERS) + 1,
             " ".join(rng.choice(FILLER + ["tired"]) for _ in range(12)), stamp(m)) for m in range(min(posts, 100_000))]
    con.executemany("INSERT INTO chat_messages (room_id, author_id, body, body_html, status, created_at) "
                    "VALUES (?, ?, ?, ?, 'published', ?)", [(r, a, b, b, c) for r, a, b, c in msgs])
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.execute("INSERT INTO post_search(post_search) VALUES ('optimize')")
    con.close()
    print(f"built {path} with {posts:,} posts in {time.time() - t0:.0f} s", flush=True)


QUERIES = [
    ("common word (50%)", {"q": "tired"}),
    ("10% word", {"q": "pacing"}),
    ("rare word (0.1%)", {"q": "nebuliser"}),
    ("very rare word", {"q": "zygote"}),
    ("absent word", {"q": "xylophone"}),
    ("two words (50% and 10%)", {"q": "tired pacing"}),
    ("prefix of the common word", {"q": "tir"}),
    ("common word, page 5", {"q": "tired", "page": "5"}),
    ("common word in one condition", {"q": "tired", "c": "condition-3"}),
    ("common word by one author", {"q": "tired", "author": "member42"}),
    ("common word, one month", {"q": "tired", "since": "2025-06-01", "until": "2025-06-30"}),
    ("FTS syntax in input", {"q": 'tired" OR NEAR(pacing* AND -x'}),
]


def run(path: Path, repeat: int) -> None:
    os.environ.update({"HARBOR_ENV": "development", "SECRET_KEY": "bench", "DATABASE_URL": f"sqlite:///{path}",
                       "RATELIMIT_ENABLED": "false"})
    from community import create_app

    app = create_app({"WTF_CSRF_ENABLED": False, "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 8, "ARGON2_PARALLELISM": 1})
    client = app.test_client()
    r = client.post("/login", data={"username": "member0", "password": "bench password"})
    assert r.status_code == 302, r.status_code
    print(f"{'query':34} {'CPU ms':>8} {'wall ms':>8}  results")
    for label, args in QUERIES:
        client.get("/search", query_string=args)
        cpu, wall = [], []
        for _ in range(repeat):
            c0, w0 = time.process_time(), time.perf_counter()
            resp = client.get("/search", query_string=args)
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
        assert resp.status_code == 200, (label, resp.status_code)
        html = resp.get_data(as_text=True)
        found = html.split('role="status">', 1)[1].split("<", 1)[0].strip() if 'role="status">' in html else "?"
        print(f"{label:34} {statistics.median(cpu):8.2f} {statistics.median(wall):8.2f}  {found}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=10_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    path = args.db or Path(f"/tmp/search{args.posts}.sqlite3")
    if args.rebuild or not path.exists():
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            p.unlink(missing_ok=True)
        build(path, args.posts)
    run(path, args.repeat)


if __name__ == "__main__":
    main()
