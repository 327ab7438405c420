"""Browser-test fixtures: a real Harbor server (gunicorn, gevent worker, WebSockets) on a free
loopback port with its own SQLite database, and a Playwright browser on Debian's chromium.

`live_server.cli(...)` runs the contract's CLI against the same database (to create users)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# A busy machine (CI's two cores running the suite, chromium and several servers) can take
# well over 30 s to import and start a server: wait long, but stop at once if it exits.
READY_DEADLINE_S = float(os.environ.get("HARBOR_E2E_READY_S", "180"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    env: dict[str, str]
    proc: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    passwords: dict[str, str] = field(default_factory=dict)

    def cli(self, *args: str) -> str:
        out = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=self.env,
                             capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"flask {' '.join(args)} failed: {out.stderr or out.stdout}")
        return out.stdout

    def restart(self, **env: str) -> None:
        """Restart the server with extra environment (same database)."""
        assert self.proc is not None and self.log is not None
        stop_server(self.proc)
        self.env.update(env)
        self.proc = start_server(self.env, int(self.url.rsplit(":", 1)[1]), self.log)

    def user(self, name: str, role: str = "patient", password: str = "correct horse battery") -> str:
        self.cli("users", "create", name, "--role", role, "--password", password)
        self.passwords[name] = password
        if role in {"moderator", "quality", "admin"}:
            # Staff need two-step sign-in: enrol them as `users mfa` does (the URI is its last line).
            from urllib.parse import parse_qs, urlparse

            from tests.e2e.browser import TOTP_SECRETS

            uri = self.cli("users", "mfa", name).strip().splitlines()[-1]
            TOTP_SECRETS[name] = parse_qs(urlparse(uri).query)["secret"][0]
        return name


def server_env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "DATABASE_URL", "REDIS_URL"))}
    env.update({
        "HARBOR_ENV": "testing",
        "SECRET_KEY": "e2e-secret",
        "DATABASE_URL": f"sqlite:///{tmp / 'e2e.sqlite3'}",
        "RATELIMIT_ENABLED": "false",
        "NEW_MEMBER_HOLD_POSTS": "0",
        "PYTHONPATH": os.pathsep.join(p for p in [str(ROOT), env.get("PYTHONPATH", "")] if p),
    })
    env.update(extra)
    return env


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    from community.server import gunicorn_argv

    argv = [sys.executable, "-m", "gunicorn", *gunicorn_argv(host="127.0.0.1", port=port)[1:]]
    with log.open("ab") as out:   # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(argv, cwd=ROOT, env={**env, "SOCKETIO_ASYNC_MODE": "gevent"},
                                stdout=out, stderr=subprocess.STDOUT)
    wait_ready(proc, f"http://127.0.0.1:{port}/login", log)
    return proc


def wait_ready(proc: subprocess.Popen[bytes], url: str, log: Path, deadline_s: float = READY_DEADLINE_S) -> None:
    """Wait until `url` answers (any HTTP status), the process exits, or the generous deadline."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited early:\n" + log.read_text())
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return   # it answers: ready
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError(f"server did not answer within {deadline_s:.0f} s:\n" + log.read_text())


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    if not Path(CHROMIUM).exists():
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    env = server_env(tmp_path)
    port = _free_port()
    server = LiveServer(url=f"http://127.0.0.1:{port}", env=env, log=tmp_path / "server.log")
    server.cli("db", "upgrade", "heads")
    server.proc = start_server(env, port, server.log)
    try:
        yield server
    finally:
        stop_server(server.proc)


@pytest.fixture
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    from tests.e2e.browser import launch_browser

    with sync_playwright() as pw:
        b = launch_browser(pw)
        try:
            yield b
        finally:
            b.close()
