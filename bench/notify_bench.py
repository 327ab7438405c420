"""Notification fan-out cost: server CPU that a reply adds when its thread has 500 watchers.

Builds a fresh database (DATABASE_URL, default a temporary SQLite file) with the migrations,
two threads in one condition (one watched by 500 members, one by nobody but its author), then
times `forums.reply(...)` in-process (the use case plus its after-commit subscribers, which is
what a request runs) with `time.process_time()` (CPU of this process; the database server's
own CPU on PostgreSQL is not included), alternating the two threads. Two cases for the watched
thread: "new" (every watcher's notifications read first, so 500 rows are inserted) and
"grouped" (the watchers still have the thread's unread notification, so 500 rows are updated).

    .venv/bin/python bench/notify_bench.py [--watchers 500] [--rounds 200]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--watchers", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--inline", action="store_true", help="fan out inside the request (NOTIFY_IN_BACKGROUND off)")
    args = ap.parse_args()
    os.environ.setdefault("HARBOR_INSTANCE_PATH", tempfile.mkdtemp(prefix="notify-bench-"))
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp(prefix='notify-bench-')}/bench.sqlite3"

    import sqlalchemy as sa
    from flask_migrate import upgrade

    from community import create_app
    from community.auth.models import Role, User
    from community.extensions import db
    from community.forums import services as forums
    from community.notifications.models import Notification, ThreadSubscription
    from community.notifications.worker import wait_idle

    app = create_app({"HARBOR_ENV": "testing", "SECRET_KEY": "bench", "DATABASE_URL": url, "RATELIMIT_ENABLED": False,
                      "NEW_MEMBER_HOLD_POSTS": 0, "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 8,
                      "ARGON2_PARALLELISM": 1, "REDIS_URL": None,
                      "NOTIFY_IN_BACKGROUND": not args.inline})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade(revision="heads")
        cond = forums.create_condition(actor=None, slug="bench", name="Bench")
        db.session.execute(sa.insert(User), [
            {"username": f"w{i}", "username_key": f"w{i}", "password_hash": "x", "role": Role.PATIENT,
             "approved_posts": 10} for i in range(args.watchers + 2)])
        db.session.commit()
        users = list(db.session.scalars(sa.select(User).order_by(User.id)))
        author, replier, watchers = users[0], users[1], users[2:]
        watched = forums.start_thread(actor=author, condition=cond, title="Morning readings", body="How are yours?").thread
        quiet = forums.start_thread(actor=author, condition=cond, title="A quiet thread", body="Nobody watches").thread
        db.session.execute(sa.insert(ThreadSubscription), [
            {"user_id": u.id, "thread_id": watched.id, "level": "watching"} for u in watchers])
        db.session.commit()
        # The replier watches both threads after the first reply; warm up the statement caches.
        for t in (watched, quiet):
            forums.reply(actor=replier, thread=t, body="Warm-up reply.")

        def timed(thread, read_first: bool) -> tuple[float, float]:
            """(CPU of the request's thread, CPU of the whole process until the fan-out is done)."""
            if read_first:
                db.session.execute(sa.update(Notification).where(Notification.read_at.is_(None))
                                   .values(read_at=sa.func.now()))
                db.session.commit()
            actor = db.session.get(User, replier.id)
            t = db.session.get(type(thread), thread.id)
            start, start_all = time.thread_time(), time.process_time()
            with app.test_request_context("/t/1/reply", method="POST"):   # as in a request: fan-out goes to the worker
                forums.reply(actor=actor, thread=t, body="Slow and steady works for me.")
            request = (time.thread_time() - start) * 1000
            db.session.commit()   # as the request's teardown does: end its transaction (SQLite's lock)
            assert wait_idle(30)
            return request, (time.process_time() - start_all) * 1000

        cases = ("no watchers", "500 watchers, new", "500 watchers, grouped")
        results: dict[str, list[tuple[float, float]]] = {c: [] for c in cases}
        for _ in range(args.rounds):
            results["no watchers"].append(timed(quiet, False))
            results["500 watchers, new"].append(timed(watched, True))
            results["no watchers"].append(timed(quiet, False))
            results["500 watchers, grouped"].append(timed(watched, False))
        rows = db.session.scalar(sa.select(sa.func.count()).select_from(Notification))
        base = [statistics.median(x[i] for x in results["no watchers"]) for i in (0, 1)]
        mode = "inline (in the request)" if args.inline else "background worker"
        print(f"database: {db.engine.dialect.name}, watchers: {len(watchers)}, rounds: {args.rounds}, "
              f"fan-out: {mode}, notifications stored: {rows}")
        print("| case | request CPU p50 ms | p90 | added to the request (p50) | request + fan-out CPU p50 ms | added in all (p50) |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name, xs in results.items():
            req = sorted(x[0] for x in xs)
            tot = sorted(x[1] for x in xs)
            p50, p90, t50 = statistics.median(req), req[int(len(req) * 0.9)], statistics.median(tot)
            print(f"| {name} | {p50:.3f} | {p90:.3f} | {p50 - base[0]:+.3f} ms | {t50:.3f} | {t50 - base[1]:+.3f} ms |")

if __name__ == "__main__":
    main()
