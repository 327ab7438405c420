"""Real Harbor processes for the reliability tests: gunicorn with the production worker on a
free port, the contract's CLI on the same database, and a tiny JSON client (urllib)."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def harbor_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "DATABASE_URL", "REDIS_URL"))}
    env.update({"HARBOR_ENV": "testing", "SECRET_KEY": "reliability-secret", "DATABASE_URL": database_url,
                "RATELIMIT_ENABLED": "false", "NEW_MEMBER_HOLD_POSTS": "0", "SOCKETIO_ASYNC_MODE": "gevent",
                "PYTHONPATH": os.pathsep.join(p for p in [str(ROOT), os.environ.get("PYTHONPATH", "")] if p)})
    env.update(extra)
    return env


def cli(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    if check and out.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed: {out.stderr or out.stdout}")
    return out


class Server:
    def __init__(self, env: dict[str, str], log: Path, port: int | None = None, access_log: bool = False):
        self.env, self.log, self.access_log = env, log, access_log
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, deadline_s: float = 180) -> Server:
        from community.server import gunicorn_argv

        argv = [sys.executable, "-m", "gunicorn",
                *gunicorn_argv(host="127.0.0.1", port=self.port, access_log=self.access_log)[1:]]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited early:\n" + self.log.read_text())
            try:
                urllib.request.urlopen(self.url + "/login", timeout=5)
                return self
            except urllib.error.HTTPError:
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not start:\n" + self.log.read_text())

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)

    def kill9(self) -> None:
        """SIGKILL to the master and its worker (a crash: nothing gets to clean up)."""
        assert self.proc is not None
        children = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True).stdout.split()
        for pid in [self.proc.pid, *map(int, children)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait(timeout=10)


def call(url: str, method: str = "GET", payload: Any = None, token: str | None = None, timeout: float = 10,
         headers: dict[str, str] | None = None) -> tuple[int, Any]:
    data = json.dumps(payload).encode() if payload is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={**(headers or {})})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
            status = resp.status
            ctype = resp.headers.get("Content-Type", "")
    except urllib.error.HTTPError as err:
        raw, status, ctype = err.read(), err.code, err.headers.get("Content-Type", "")
    return status, (json.loads(raw) if "json" in ctype and raw else raw.decode(errors="replace"))


def harbor_app(database_url: str) -> Any:
    """An app in this process on the servers' database (quicker than a CLI process each time)."""
    from community import create_app

    return create_app({"HARBOR_ENV": "testing", "SECRET_KEY": "reliability-secret", "DATABASE_URL": database_url,
                       "RATELIMIT_ENABLED": False, "REDIS_URL": None, "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 8,
                       "ARGON2_PARALLELISM": 1})


def prepare_database(database_url: str) -> Any:
    """The schema, the condition `asthma` and two members of it, `writer` and `reader`; returns
    the in-process app."""
    from flask_migrate import upgrade

    from community.auth import services as accounts
    from community.extensions import db
    from community.forums import services as forums

    app = harbor_app(database_url)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision="heads")
        cond = forums.create_condition(actor=None, slug="asthma", name="Asthma")
        for name in ("writer", "reader"):
            forums.join_condition(actor=accounts.register(username=name, password=PASSWORD), condition=cond)
        db.session.remove()
        db.engine.dispose()
    return app


def setup_forum(server_url: str) -> tuple[str, int]:
    """A token for `writer` and a new thread (prepare_database made both); returns (token, thread id)."""
    status, body = call(server_url + "/api/v1/tokens", "POST", {"username": "writer", "password": PASSWORD})
    assert status == 201, body
    token = body["token"]
    status, body = call(server_url + "/api/v1/conditions/asthma/threads", "POST",
                        {"title": "Load test thread", "body": "first"}, token)
    assert status == 201, body
    return token, body["id"]
