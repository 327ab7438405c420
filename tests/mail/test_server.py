"""The worker inside real server processes (gunicorn with the production gevent worker, as
`flask --app wsgi serve` runs it): two servers on one database drain the outbox together,
each email arrives exactly once, and a password reset asked on one server arrives without
anyone running `mail send`."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from .smtp import free_port, smtp_server

ROOT = Path(__file__).resolve().parents[2]

SEED = """
from community import create_app
from community.auth import services as accounts
from community.extensions import db
from community.mail import services as mail
app = create_app()
with app.app_context():
    from flask_migrate import upgrade
    upgrade()
    accounts.register(username="served_member", password="correct horse battery", email="served@example.org",
                      email_verified=True)
    for i in range(30):
        mail.queue_email(to=f"bulk{i}@example.org", subject=f"bulk {i}", text="x", kind="test", unsubscribe=False)
    db.session.commit()
"""


def _wait_http(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on {port} did not start")


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[dict[str, Any]]:
    with smtp_server() as smtp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'mail.sqlite3'}", "SECRET_KEY": "mail-server-test",
               "HARBOR_ENV": "production", "RATELIMIT_ENABLED": "false", "HARBOR_INSTANCE_PATH": str(tmp_path),
               "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp.port), "MAIL_USE_TLS": "false",
               "MAIL_POLL_SECONDS": "0.5", "MAIL_FROM": "Harbor <harbor@example.org>", "REDIS_URL": ""}
        seeded = subprocess.run([sys.executable, "-c", SEED], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert seeded.returncode == 0, seeded.stderr
        from community.server import gunicorn_argv

        procs, ports, logs = [], [], []
        for i in range(2):
            port = free_port()
            argv = gunicorn_argv(host="127.0.0.1", port=port, workers=1)
            logs.append(open(tmp_path / f"server{i}.log", "wb"))   # noqa: SIM115 - closed below
            procs.append(subprocess.Popen([sys.executable, "-m", "gunicorn", *argv[1:]], cwd=ROOT,
                                          env={**env, "SOCKETIO_ASYNC_MODE": "gevent"}, stdout=subprocess.DEVNULL,
                                          stderr=logs[-1]))
            ports.append(port)
        try:
            for p in ports:
                _wait_http(p)
            yield {"ports": ports, "smtp": smtp, "logs": [tmp_path / f"server{i}.log" for i in range(2)]}
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                try:
                    p.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
            for f in logs:
                f.close()


def test_server_processes_drain_the_outbox_once(servers: dict[str, Any]) -> None:
    smtp = servers["smtp"]
    got = smtp.inbox.wait_for(30, timeout=30)
    subjects = sorted(m.message["Subject"] for m in got)
    assert subjects == sorted(f"bulk {i}" for i in range(30)), [p.read_text()[-2000:] for p in servers["logs"]]
    port = servers["ports"][1]
    resp = requests.post(f"http://127.0.0.1:{port}/api/v1/password-reset", json={"login": "served_member"}, timeout=10)
    assert resp.status_code == 202
    got = smtp.inbox.wait_for(31, timeout=15)
    assert got[-1].rcpt_tos == ["served@example.org"] and "Reset" in got[-1].message["Subject"]
    time.sleep(1.5)                                        # a few more polls of both workers: nothing is sent twice
    assert len(smtp.inbox.messages) == 31
