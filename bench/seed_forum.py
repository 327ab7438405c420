"""Seed a Harbor database with N posts for the forum benchmark (fast bulk inserts).

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/seed_forum.py --posts 10000

Builds the schema with the migrations, then inserts conditions, members (one shared,
precomputed password hash), threads of 20 posts and their search rows. Prints the
condition slug and a thread id to load."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = ("inhaler spacer preventer peak flow winter walk breath cough steroid nurse review glucose insulin carbs "
         "metformin hypo sugar reading pump sensor fatigue pacing crash rest sleep pain tablets dose clinic "
         "appointment letter waiting referral support family work tired better worse morning evening").split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize() + "."


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=10_000)
    ap.add_argument("--conditions", type=int, default=10)
    ap.add_argument("--members", type=int, default=2_000)
    ap.add_argument("--posts-per-thread", type=int, default=20)
    args = ap.parse_args()
    env = {**os.environ, "HARBOR_ENV": "development", "SECRET_KEY": "bench"}
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env, check=True)
    os.environ.update(env)

    import sqlalchemy as sa

    from community import create_app
    from community.auth.passwords import hash_password
    from community.auth.usernames import skeleton
    from community.extensions import db

    app = create_app({"HARBOR_ENV": "development", "SECRET_KEY": "bench"})
    rng = random.Random(7)
    t0 = time.time()
    with app.app_context():
        engine = db.engine
        pg = engine.dialect.name == "postgresql"
        now = dt.datetime.now(dt.UTC)
        with engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO conditions (slug, name, description, guidelines, created_at) VALUES "
                                 "(:slug, :name, 'A condition', 'Be kind', :now)"),
                         [{"slug": f"condition-{i}", "name": f"Condition {i}", "now": now} for i in range(args.conditions)])
            pw = hash_password("bench password")
            conn.execute(sa.text(
                "INSERT INTO users (username, username_key, password_hash, role, is_verifier, created_at, session_version, "
                "approved_posts, feedback_consent, hide_presence) VALUES "
                "(:u, :k, :pw, 'PATIENT', false, :now, 1, 10, false, false)"),
                # username_key is the login look-up key (confusable skeleton), as register() writes it
                [{"u": f"member{i}", "k": skeleton(f"member{i}"), "pw": pw, "now": now} for i in range(args.members)])
            cond_ids = [r[0] for r in conn.execute(sa.text("SELECT id FROM conditions ORDER BY id"))]
            user_ids = [r[0] for r in conn.execute(sa.text("SELECT id FROM users ORDER BY id"))]
        per = args.posts_per_thread
        n_threads = max(1, args.posts // per)
        batch = 500
        start = now - dt.timedelta(days=365)
        for b in range(0, n_threads, batch):
            with engine.begin() as conn:
                threads = []
                for k in range(b, min(n_threads, b + batch)):
                    when = start + dt.timedelta(minutes=k)
                    threads.append({"c": cond_ids[k % len(cond_ids)], "a": rng.choice(user_ids), "t": f"Thread {k}: {sentence(rng)[:80]}",
                                    "when": when, "last": when + dt.timedelta(minutes=per), "n": per - 1})
                first = conn.execute(sa.text("SELECT coalesce(max(id), 0) FROM threads")).scalar()
                conn.execute(sa.text("INSERT INTO threads (condition_id, author_id, title, status, is_question, created_at, "
                                     "last_activity_at, reply_count) VALUES (:c, :a, :t, 'PUBLISHED', false, :when, :last, :n)"), threads)
                posts = []
                for i, th in enumerate(threads):
                    tid = first + 1 + i
                    for j in range(per):
                        body = " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))
                        posts.append({"t": tid, "a": rng.choice(user_ids), "o": j == 0, "b": body, "h": f"<p>{body}</p>\n",
                                      "when": th["when"] + dt.timedelta(minutes=j)})
                conn.execute(sa.text("INSERT INTO posts (thread_id, author_id, is_opening, body, body_html, status, created_at) "
                                     "VALUES (:t, :a, :o, :b, :h, 'PUBLISHED', :when)"), posts)
            if b // batch % 20 == 0:
                print(f"  {min(n_threads, b + batch) * per:,} posts in {time.time() - t0:.0f}s", flush=True)
        with engine.begin() as conn:
            if pg:
                conn.execute(sa.text("INSERT INTO post_search (post_id, document) SELECT p.id, "
                                     "setweight(to_tsvector('english', CASE WHEN p.is_opening THEN t.title ELSE '' END), 'A') || "
                                     "setweight(to_tsvector('english', p.body), 'B') FROM posts p JOIN threads t ON t.id = p.thread_id"))
                conn.execute(sa.text("ANALYZE"))
            else:
                conn.execute(sa.text("INSERT INTO post_search (rowid, title, body) SELECT p.id, CASE WHEN p.is_opening THEN t.title "
                                     "ELSE '' END, p.body FROM posts p JOIN threads t ON t.id = p.thread_id"))
                conn.execute(sa.text("ANALYZE"))
            total = conn.execute(sa.text("SELECT count(*) FROM posts")).scalar()
            thread_id = conn.execute(sa.text("SELECT id FROM threads ORDER BY id DESC LIMIT 1")).scalar()
            slug = conn.execute(sa.text("SELECT slug FROM conditions ORDER BY id LIMIT 1")).scalar()
    print(f"seeded {total:,} posts in {time.time() - t0:.0f}s")
    print(f"THREAD={thread_id} CONDITION={slug}")


if __name__ == "__main__":
    main()
