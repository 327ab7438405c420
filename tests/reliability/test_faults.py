"""Fault tests, each bounded and on this machine only: kill -9 of a server under write load,
a private Redis stopped and started, a private PostgreSQL cluster stopped and started (never
the machine's shared servers)."""
from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.request import HTTPCookieProcessor, build_opener

import pytest

from tests.reliability.servers import PASSWORD, Server, call, cli, free_port, harbor_env, prepare_database, setup_forum


# --- kill -9 under write load ------------------------------------------------------------------

def test_kill_9_under_write_load_loses_nothing_acknowledged(tmp_path: Path):
    db_url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    prepare_database(db_url)
    server = Server(harbor_env(db_url), tmp_path / "server.log").start()
    token, thread_id = setup_forum(server.url)
    acked: dict[str, int] = {}          # Idempotency-Key -> post id, for every 201 seen
    unanswered: set[str] = set()
    stop = threading.Event()

    def writer(w: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            key = f"w{w}-{n}"
            try:
                status, body = call(f"{server.url}/api/v1/threads/{thread_id}/posts", "POST", {"body": f"crash test {key}"},
                                    token, timeout=5, headers={"Idempotency-Key": key})
            except OSError:
                unanswered.add(key)
                time.sleep(0.05)
                continue
            if status == 201:
                acked[key] = body["id"]

    writers = [threading.Thread(target=writer, args=(w,)) for w in range(3)]
    for t in writers:
        t.start()
    time.sleep(1.5)
    server.kill9()
    time.sleep(0.3)
    stop.set()
    for t in writers:
        t.join(15)
    assert len(acked) > 10
    server = Server(harbor_env(db_url), tmp_path / "server.log", port=server.port).start()
    try:
        # The requests that got no answer are retried with their key: stored at most once.
        # (409 idempotency_interrupted: stored together with the key, but killed before the answer.)
        time.sleep(10)   # past the wait for a first request that may still be running
        for key in sorted(unanswered):
            status, body = call(f"{server.url}/api/v1/threads/{thread_id}/posts", "POST", {"body": f"crash test {key}"},
                                token, headers={"Idempotency-Key": key})
            assert status == 201 or (status == 409 and body["error"]["code"] == "idempotency_interrupted"), body
            if status == 201:
                acked[key] = body["id"]
        import sqlite3

        con = sqlite3.connect(tmp_path / "crash.sqlite3")
        rows = con.execute("SELECT id, body FROM posts WHERE body LIKE 'crash test %'").fetchall()
        con.close()
        ids = {i for i, _ in rows}
        assert set(acked.values()) <= ids                          # every acknowledged post survived
        bodies = [b for _, b in rows]
        assert len(bodies) == len(set(bodies))                     # and nothing is there twice
    finally:
        server.stop()


# --- a private Redis stopped and started -------------------------------------------------------

class PrivateRedis:
    def __init__(self, tmp: Path):
        self.port, self.tmp = free_port(), tmp
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--dir", str(self.tmp)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        end = time.monotonic() + 10
        import socket

        while time.monotonic() < end:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def _web_login(base: str, username: str) -> int:
    opener = build_opener(HTTPCookieProcessor(CookieJar()))
    page = opener.open(base + "/login", timeout=10).read().decode()
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    data = {"username": username, "password": PASSWORD, **({"csrf_token": csrf.group(1)} if csrf else {})}
    resp = opener.open(base + "/login", data=urllib.parse.urlencode(data).encode(), timeout=10)
    return resp.status if not resp.geturl().endswith("/login") else 401


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server (apt-get install redis-server)")
def test_redis_stopped_and_started_logins_work_and_chat_catches_up(tmp_path: Path):
    import socketio

    redis = PrivateRedis(tmp_path)
    redis.start()
    db_url = f"sqlite:///{tmp_path / 'redis.sqlite3'}"
    prepare_database(db_url)
    env = harbor_env(db_url, REDIS_URL=f"redis://127.0.0.1:{redis.port}/0", RATELIMIT_ENABLED="true")
    one, two = Server(env, tmp_path / "one.log"), Server(env, tmp_path / "two.log")
    clients: list[Any] = []
    try:
        one.start()
        two.start()
        tokens = {}
        for name in ("writer", "reader"):
            status, body = call(one.url + "/api/v1/tokens", "POST", {"username": name, "password": PASSWORD})
            assert status == 201, body
            tokens[name] = body["token"]

        def member(url: str, token: str) -> tuple[Any, list[dict[str, Any]], threading.Event]:
            got: list[dict[str, Any]] = []
            resync = threading.Event()
            c = socketio.Client(reconnection=False)
            c.on("message", got.append, namespace="/chat")
            c.on("resync", lambda *_: resync.set(), namespace="/chat")
            c.connect(url, namespaces=["/chat"], auth={"token": token}, transports=["websocket"], wait_timeout=10)
            assert c.call("join", {"room": "condition:asthma"}, namespace="/chat", timeout=10)["ok"]
            clients.append(c)
            return c, got, resync

        writer, _, _ = member(one.url, tokens["writer"])
        reader, reader_got, reader_resync = member(two.url, tokens["reader"])
        first = writer.call("send", {"room": "condition:asthma", "body": "before", "client_id": "r-1"}, namespace="/chat", timeout=10)
        assert first["ok"]

        redis.stop()
        start = time.monotonic()
        status, body = call(one.url + "/api/v1/tokens", "POST", {"username": "writer", "password": PASSWORD})
        assert status == 201, body                                   # API login works without Redis...
        assert _web_login(two.url, "reader") in (200, 302)          # ...and so does the web login
        assert time.monotonic() - start < 10
        down = writer.call("send", {"room": "condition:asthma", "body": "while redis is down", "client_id": "r-2"},
                           namespace="/chat", timeout=10)
        assert down["ok"]                                            # stored and acknowledged

        redis.start()
        back = time.monotonic()
        assert reader_resync.wait(10), "the other process never told its sockets to catch up"
        assert time.monotonic() - back < 6                           # reconnect delay capped at a few seconds
        missed = reader.call("history", {"room": "condition:asthma", "after_id": first["id"]}, namespace="/chat", timeout=10)
        assert [m["body"] for m in missed["messages"]] == ["while redis is down"]
    finally:
        for c in clients:
            c.disconnect()
        one.stop()
        two.stop()
        redis.stop()


# --- a private PostgreSQL cluster stopped and started -----------------------------------------

PG_BIN = next((d for d in ("/usr/local/bin", "/usr/lib/postgresql/15/bin") if Path(d, "initdb").exists()), None)


class PrivateCluster:
    """initdb + pg_ctl as the postgres user, on its own port and socket folder."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="harbor-pg-fault-", dir="/tmp"))
        pw = pwd.getpwnam("postgres")
        os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/harbor"

    def _as_postgres(self, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["runuser", "-u", "postgres", "--", *argv], capture_output=True, text=True, timeout=60)

    def init(self) -> None:
        out = self._as_postgres(f"{PG_BIN}/initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres",
                                "--no-sync", "-E", "UTF8")
        assert out.returncode == 0, out.stderr

    def start(self) -> None:
        out = self._as_postgres(f"{PG_BIN}/pg_ctl", "-D", str(self.dir / "data"), "-w", "-l", str(self.dir / "log"), "-o",
                                f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
        assert out.returncode == 0, out.stderr + (self.dir / "log").read_text()

    def stop(self) -> None:
        self._as_postgres(f"{PG_BIN}/pg_ctl", "-D", str(self.dir / "data"), "-w", "-m", "fast", "stop")

    def createdb(self) -> None:
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-c", "CREATE DATABASE harbor"],
                             capture_output=True, text=True, timeout=30)
        assert out.returncode == 0, out.stderr

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def cluster() -> Iterator[PrivateCluster]:
    if PG_BIN is None or shutil.which("runuser") is None:
        pytest.skip("needs PostgreSQL's initdb/pg_ctl and runuser")
    c = PrivateCluster()
    c.init()
    c.start()
    try:
        c.createdb()
        yield c
    finally:
        c.stop()
        c.remove()


def test_postgresql_stopped_and_started_http_503_chat_unavailable_both_recover(cluster: PrivateCluster, tmp_path: Path):
    import socketio

    prepare_database(cluster.url)
    server = Server(harbor_env(cluster.url), tmp_path / "server.log").start()
    chat: Any = None
    try:
        token, thread_id = setup_forum(server.url)
        chat = socketio.Client(reconnection=False)
        chat.connect(server.url, namespaces=["/chat"], auth={"token": token}, transports=["websocket"], wait_timeout=10)
        assert chat.call("join", {"room": "condition:asthma"}, namespace="/chat", timeout=10)["ok"]

        cluster.stop()
        start = time.monotonic()
        status, page = call(f"{server.url}/t/{thread_id}", timeout=10)
        assert status == 503 and "Back in a moment" in page and time.monotonic() - start < 5
        status, body = call(f"{server.url}/api/v1/threads/{thread_id}", token=token, timeout=10)
        assert status == 503 and body["error"]["code"] == "unavailable"
        start = time.monotonic()
        ack = chat.call("send", {"room": "condition:asthma", "body": "anyone?", "client_id": "pg-1"}, namespace="/chat", timeout=10)
        assert ack["ok"] is False and ack["error"] == "unavailable" and time.monotonic() - start < 5
        assert chat.call("history", {"room": "condition:asthma", "after_id": 0}, namespace="/chat",
                         timeout=10)["error"] == "unavailable"
        fresh = socketio.Client(reconnection=False)
        reasons: list[Any] = []
        fresh.on("connect_error", reasons.append, namespace="/chat")
        start = time.monotonic()
        with pytest.raises(socketio.exceptions.ConnectionError):
            fresh.connect(server.url, namespaces=["/chat"], auth={"token": token}, transports=["websocket"], wait_timeout=10)
        assert time.monotonic() - start < 5                      # fails fast, with the reason
        assert reasons and reasons[0]["message"] == "unavailable", reasons
        fresh.disconnect()

        cluster.start()                                          # both recover by themselves
        deadline = time.monotonic() + 20
        while call(f"{server.url}/t/{thread_id}", timeout=10)[0] != 200:
            assert time.monotonic() < deadline, "HTTP did not recover"
            time.sleep(0.3)
        again = chat.call("send", {"room": "condition:asthma", "body": "anyone?", "client_id": "pg-1"}, namespace="/chat", timeout=10)
        assert again["ok"] is True
    finally:
        if chat is not None:
            chat.disconnect()
        server.stop()


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs the PostgreSQL client tools (pg_dump, pg_restore)")
def test_postgresql_backup_and_restore_refused_while_a_server_holds_the_lock(cluster: PrivateCluster, tmp_path: Path):
    import psycopg

    from community.reliability import serverlock

    prepare_database(cluster.url)
    env = harbor_env(cluster.url)
    out = cli(env, "backup", "create", str(tmp_path / "harbor.dump"))
    assert "pg_dump custom archive" in out.stdout, out.stdout
    cli(env, "users", "create", "after_backup", "--role", "patient", "--password", PASSWORD)
    with psycopg.connect(cluster.url, autocommit=True) as held:      # what each server process holds
        held.execute("SELECT pg_advisory_lock_shared(%s)", (serverlock.ADVISORY_KEY,))
        refused = cli(env, "backup", "restore", str(tmp_path / "harbor.dump"), check=False)
        assert refused.returncode != 0 and "server is using this database" in refused.stderr
    cli(env, "backup", "restore", str(tmp_path / "harbor.dump"))
    with psycopg.connect(cluster.url, autocommit=True) as conn:
        names = {r[0] for r in conn.execute("SELECT username FROM users")}
    assert names == {"writer", "reader"}
