"""A message far over the limit, sent to the production server (gunicorn + gevent, a real
WebSocket and long-polling), gets a `too_long` ack instead of silence: Engine.IO's packet limit
sits above anything a member may send, and the length is checked by the handler."""
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

ROOT = Path(__file__).resolve().parents[2]

SEED = """
from community import create_app
from community.auth import services as accounts
from community.extensions import db
from community.forums import services as forums
app = create_app()
with app.app_context():
    from flask_migrate import upgrade
    upgrade()
    cond = forums.create_condition(actor=None, slug="asthma", name="Asthma", description="", guidelines="")
    u = accounts.register(username="big_sender", password="correct horse battery")
    u.approved_posts = 10
    db.session.commit()
    forums.join_condition(actor=u, condition=cond)
    print(accounts.create_token(actor=u, name="t"))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[dict[str, Any]]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'big.sqlite3'}", "SECRET_KEY": "big-message-test",
           "HARBOR_ENV": "production", "RATELIMIT_ENABLED": "false", "NEW_MEMBER_HOLD_POSTS": "0", "REDIS_URL": ""}
    seeded = subprocess.run([sys.executable, "-c", SEED], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert seeded.returncode == 0, seeded.stderr
    from community.server import gunicorn_argv

    port = _free_port()
    argv = gunicorn_argv(host="127.0.0.1", port=port, workers=1)
    with open(tmp_path / "server.log", "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", *argv[1:]], cwd=ROOT,
                                env={**env, "SOCKETIO_ASYNC_MODE": "gevent"}, stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.time() + 30
            while time.time() < deadline:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                        break
                except OSError:
                    time.sleep(0.2)
            yield {"port": port, "token": seeded.stdout.split()[-1]}
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_a_100_kb_message_gets_a_too_long_ack(server, transport):
    import socketio

    sio = socketio.Client(reconnection=False)
    sio.connect(f"http://127.0.0.1:{server['port']}", namespaces=["/chat"], auth={"token": server["token"]},
                transports=[transport], wait_timeout=10)
    try:
        assert sio.call("join", {"room": "condition:asthma"}, namespace="/chat", timeout=10)["ok"]
        ack = sio.call("send", {"room": "condition:asthma", "body": "é" * 100_000}, namespace="/chat", timeout=10)
        assert ack["ok"] is False and ack["error"] == "too_long" and ack["max"] == 4000
        # The connection is still good afterwards.
        ok = sio.call("send", {"room": "condition:asthma", "body": "still here"}, namespace="/chat", timeout=10)
        assert ok["ok"] is True
    finally:
        sio.disconnect()
