"""Two real server processes (gunicorn, the production worker) share chat through Redis; when
Redis goes away, messages are still stored, acknowledged and delivered on the same process,
and members on the other process catch up through `history`.

Needs the Redis server (TEST_REDIS_URL); Redis is reached through a small TCP relay so the
test can take it away and bring it back without touching the real server."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

REDIS_URL = os.environ.get("TEST_REDIS_URL")
ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not REDIS_URL, reason="Redis tests need TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/15)"),
]

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
    for name in ("alice_mp", "bob_mp", "carol_mp"):
        u = accounts.register(username=name, password="correct horse battery")
        u.approved_posts = 10
        db.session.commit()
        forums.join_condition(actor=u, condition=cond)
        print(accounts.create_token(actor=u, name="t"))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Relay:
    """A TCP relay to Redis that can be stopped (Redis "goes away") and started again."""

    def __init__(self, target: tuple[str, int]):
        self.target, self.port = target, _free_port()
        self._conns: list[socket.socket] = []
        self._server: socket.socket | None = None

    def start(self) -> None:
        srv = socket.socket()
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind(("127.0.0.1", self.port))
        srv.listen(16)
        self._server = srv
        threading.Thread(target=self._accept, args=(srv,), daemon=True).start()

    def _accept(self, srv: socket.socket) -> None:
        while True:
            try:
                client, _ = srv.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for c in self._conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
                c.close()
            except OSError:
                pass
        self._conns.clear()


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
def cluster(tmp_path: Path) -> Iterator[dict[str, Any]]:
    assert REDIS_URL
    url = urlparse(REDIS_URL)
    relay = Relay((url.hostname or "127.0.0.1", url.port or 6379))
    relay.start()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'mp.sqlite3'}", "SECRET_KEY": "multiprocess-test",
           "HARBOR_ENV": "production", "REDIS_URL": f"redis://127.0.0.1:{relay.port}{url.path or ''}",
           "RATELIMIT_ENABLED": "false", "NEW_MEMBER_HOLD_POSTS": "0"}
    seeded = subprocess.run([sys.executable, "-c", SEED], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert seeded.returncode == 0, seeded.stderr
    tokens = seeded.stdout.split()[-3:]
    from community.server import gunicorn_argv

    procs, ports, logs = [], [], []
    for i in range(2):
        port = _free_port()
        argv = gunicorn_argv(host="127.0.0.1", port=port, workers=1)
        logs.append(open(tmp_path / f"server{i}.log", "wb"))   # noqa: SIM115 - closed below
        procs.append(subprocess.Popen([sys.executable, "-m", "gunicorn", *argv[1:]], cwd=ROOT,
                                      env={**env, "SOCKETIO_ASYNC_MODE": "gevent"},
                                      stdout=subprocess.DEVNULL, stderr=logs[-1]))
        ports.append(port)
    try:
        for p in ports:
            _wait_http(p)
        yield {"ports": ports, "tokens": tokens, "relay": relay}
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
        relay.stop()


def _member(port: int, token: str) -> tuple[Any, list[dict[str, Any]]]:
    import socketio

    got: list[dict[str, Any]] = []
    sio = socketio.Client(reconnection=False)
    sio.on("message", lambda m: got.append(m), namespace="/chat")
    sio.connect(f"http://127.0.0.1:{port}", namespaces=["/chat"], auth={"token": token}, transports=["websocket"],
                wait_timeout=10)
    ack = sio.call("join", {"room": "condition:asthma"}, namespace="/chat", timeout=10)
    assert ack["ok"], ack
    return sio, got


def _wait_for(pred: Any, timeout: float = 10) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if pred():
            return True
        time.sleep(0.05)
    return False


def test_a_message_sent_to_one_process_reaches_a_member_on_the_other(cluster):
    (p1, p2), (t_alice, t_bob, t_carol) = cluster["ports"], cluster["tokens"]
    alice, _ = _member(p1, t_alice)
    bob, bob_got = _member(p2, t_bob)
    carol, carol_got = _member(p1, t_carol)
    try:
        ack = alice.call("send", {"room": "condition:asthma", "body": "hello from process one", "client_id": "mp-1"},
                         namespace="/chat", timeout=10)
        assert ack["ok"] and ack["status"] == "published"
        assert _wait_for(lambda: any(m["id"] == ack["id"] for m in bob_got)), "bob (other process) never got it"
        assert _wait_for(lambda: any(m["id"] == ack["id"] for m in carol_got))

        # Redis goes away: the sender still gets an ack, the message is stored and reaches
        # members on the same process; the other process's members miss the broadcast...
        cluster["relay"].stop()
        time.sleep(0.5)
        down = alice.call("send", {"room": "condition:asthma", "body": "while redis is down", "client_id": "mp-2"},
                          namespace="/chat", timeout=15)
        assert down["ok"] and down["status"] == "published"
        assert _wait_for(lambda: any(m["id"] == down["id"] for m in carol_got)), "same-process delivery failed"
        time.sleep(1)
        assert not any(m["id"] == down["id"] for m in bob_got)
        # ...and catch up through history, from either process.
        missed = bob.call("history", {"room": "condition:asthma", "after_id": ack["id"]}, namespace="/chat", timeout=10)
        assert [m["body"] for m in missed["messages"]] == ["while redis is down"]

        # Redis returns: live delivery across processes resumes, and the next message's
        # prev_id tells a client that it missed one.
        cluster["relay"].start()
        again_ack = None
        deadline = time.time() + 90   # python-socketio's listener retries with backoff
        while time.time() < deadline:
            again_ack = alice.call("send", {"room": "condition:asthma", "body": "redis is back",
                                            "client_id": f"mp-3-{int(time.time() * 1000)}"}, namespace="/chat", timeout=10)
            if _wait_for(lambda: any(m["id"] == again_ack["id"] for m in bob_got), timeout=3):
                break
        assert again_ack is not None and any(m["id"] == again_ack["id"] for m in bob_got)
        latest = [m for m in bob_got if m["id"] == again_ack["id"]][0]
        assert latest["prev_id"] >= down["id"]
    finally:
        for c in (alice, bob, carol):
            c.disconnect()
