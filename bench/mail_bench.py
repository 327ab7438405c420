"""Email drain rate: queue N emails (community email with unsubscribe headers, both parts,
rendered from a template, as notification emails will be), then drain them with the same
`drain()` the worker and `flask --app wsgi mail send` run, to a local aiosmtpd server in a
process of its own, and report emails per second. Target: at least 50/s for 10,000.

    .venv/bin/python bench/mail_bench.py [--emails 10000] [--database URL] [--drains 1] [--tls]

--database defaults to a fresh SQLite file in a temporary folder; a PostgreSQL URL must name a
database of your own (its schema is dropped and rebuilt). --drains runs that many drains at
once (threads, as several server processes would), to show claims do not collide.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def smtp_process(port: int, count: "mp.sharedctypes.Synchronized[int]", ready: "mp.synchronize.Event",
                 tls_dir: str | None) -> None:
    import ssl

    from aiosmtpd.controller import Controller

    class Counter:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            with count.get_lock():
                count.value += 1
            return "250 OK"

    kwargs = {}
    if tls_dir:
        import trustme

        ca = trustme.CA()
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1").configure_cert(ctx)
        ca.cert_pem.write_to_path(os.path.join(tls_dir, "ca.pem"))
        kwargs = {"tls_context": ctx, "require_starttls": True}
    Controller(Counter(), hostname="127.0.0.1", port=port, **kwargs).start()
    ready.set()
    while True:
        time.sleep(3600)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--emails", type=int, default=10_000)
    parser.add_argument("--database", default=None)
    parser.add_argument("--drains", type=int, default=1)
    parser.add_argument("--tls", action="store_true")
    args = parser.parse_args()

    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tmp = tempfile.mkdtemp(prefix="harbor-mail-bench-")
    count = mp.Value("i", 0)
    ready = mp.Event()
    server = mp.Process(target=smtp_process, args=(port, count, ready, tmp if args.tls else None), daemon=True)
    server.start()
    ready.wait(30)

    os.environ["HARBOR_INSTANCE_PATH"] = tmp
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from community import create_app
    from community.auth.models import Role, User
    from community.extensions import db
    from community.mail import services as mail
    from community.mail.delivery import drain

    url = args.database or "sqlite:///" + os.path.join(tmp, "bench.sqlite3")
    app = create_app({"HARBOR_ENV": "testing", "SECRET_KEY": "bench", "DATABASE_URL": url, "RATELIMIT_ENABLED": False,
                      "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_USE_TLS": args.tls,
                      "MAIL_CA_FILE": os.path.join(tmp, "ca.pem") if args.tls else None, "MAIL_WORKER": False,
                      "BASE_URL": "https://community.example-hospital.org", "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 8})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        users = [User(username=f"bench{i}", username_key=f"bench{i}", email=f"bench{i}@example.org", password_hash="x",
                      role=Role.PATIENT) for i in range(100)]
        db.session.add_all(users)
        db.session.flush()
        for u in users:
            mail.mark_verified(u)
        db.session.commit()
        ids = [(u.id, u.email) for u in users]

        started = time.perf_counter()
        for n in range(args.emails):
            uid, addr = ids[n % len(ids)]
            mail.send_template(template="password_changed", to=addr, subject=f"New replies in 'Morning readings' ({n})",
                               kind="bench", user_id=uid, unsubscribe="bench", user=db.session.get(User, uid),
                               forgot_url="https://community.example-hospital.org/password/forgot")
            if n % 500 == 499:
                db.session.commit()
        db.session.commit()
        queued_s = time.perf_counter() - started

    def run() -> None:
        with app.app_context():
            drain()
            db.session.remove()

    started = time.perf_counter()
    threads = [threading.Thread(target=run) for _ in range(args.drains)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    drained_s = time.perf_counter() - started
    deadline = time.monotonic() + 10
    while count.value < args.emails and time.monotonic() < deadline:
        time.sleep(0.05)
    with app.app_context():
        statuses = dict(db.session.execute(sa.text("SELECT status, count(*) FROM mail_outbox GROUP BY status")).all())
    server.terminate()
    backend = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    print(f"{backend}, {args.emails} emails, {args.drains} drain(s), {'STARTTLS' if args.tls else 'plain SMTP'}")
    print(f"queued in {queued_s:.2f} s ({args.emails / queued_s:.0f}/s, rendered from templates)")
    print(f"drained in {drained_s:.2f} s: {args.emails / drained_s:.0f} emails/s; server received {count.value}; "
          f"outbox {statuses}")
    if count.value != args.emails:
        sys.exit("not every email arrived exactly once")


if __name__ == "__main__":
    main()
