"""Fixtures: `app` (on SQLite, and again on PostgreSQL when TEST_DATABASE_URL is set),
`client`, `runner`, `auth` (log a user in), `socket_client(user)`, and the database reset
between tests. The schema comes from the migrations, once per database per session."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from community import create_app
from community.extensions import SEARCH_TABLES, db

# The tests never read the developer's own instance/config.py (python3 dev.py serve writes a
# SECRET_KEY there): every app, in this process and in the servers tests start, gets an empty
# instance folder.
os.environ["HARBOR_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="harbor-test-instance-")

PG_URL = os.environ.get("TEST_DATABASE_URL")
REDIS_URL = os.environ.get("TEST_REDIS_URL")

BASE_CONFIG: dict[str, Any] = {
    "HARBOR_ENV": "testing",
    "SECRET_KEY": "test-secret",
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST": 8,
    "ARGON2_PARALLELISM": 1,
    "NEW_MEMBER_HOLD_POSTS": 0,
    "REDIS_URL": None,
    "SERVER_NAME": None,
}

_migrated: set[str] = set()


class HarborClient(FlaskClient):
    """Tests keep one app context open (so they can use services between requests), which
    Flask reuses for every request; forget the per-request login cache so each request
    loads its own user, as it would in production."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        from flask import g, has_app_context

        if has_app_context():
            g.pop("_login_user", None)
        return super().open(*args, **kwargs)


def _database_url(backend: str, tmp_root: Path) -> str:
    if backend == "sqlite":
        return "sqlite:///" + str(tmp_root / "harbor-test.sqlite3")
    if not PG_URL:
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test)")
    return PG_URL


def _migrate_once(app: Flask, url: str) -> None:
    if url in _migrated:
        return
    from flask_migrate import upgrade

    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade(revision="heads")
    _migrated.add(url)


def _reset(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(sa.text("TRUNCATE " + ", ".join(tables + list(SEARCH_TABLES)) + " RESTART IDENTITY CASCADE"))
            else:
                for name in tables + list(SEARCH_TABLES):
                    conn.execute(sa.text(f"DELETE FROM {name}"))
                conn.execute(sa.text("DELETE FROM sqlite_sequence")) if conn.execute(
                    sa.text("SELECT 1 FROM sqlite_master WHERE name='sqlite_sequence'")).first() else None


@pytest.fixture(scope="session")
def tmp_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("harbor")


def make_app(backend: str, tmp_root: Path, **overrides: Any) -> Flask:
    url = _database_url(backend, tmp_root)
    config = {**BASE_CONFIG, "DATABASE_URL": url, "UPLOAD_FOLDER": str(tmp_root / "uploads"), **overrides}
    app = create_app(config)
    app.test_client_class = HarborClient
    _migrate_once(app, url)
    _reset(app)
    return app


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request: pytest.FixtureRequest, tmp_root: Path) -> Iterator[Flask]:
    overrides = getattr(request, "param_overrides", None) or {}
    marker = request.node.get_closest_marker("config")
    if marker:
        overrides = {**overrides, **marker.kwargs}
    application = make_app(request.param, tmp_root, **overrides)
    with application.app_context():
        yield application
        db.session.remove()
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


def login(client: FlaskClient, user: Any, password: str = "correct horse battery", **data: Any) -> Any:
    """Log in through the form; for an account with two-step sign-in, also the second step."""
    resp = client.post("/login", data={"username": user.username, "password": password, **data})
    if resp.status_code == 302 and resp.headers["Location"].endswith("/login/code"):
        from tests.factories import otp_for

        resp = client.post("/login/code", data={"code": otp_for(user)})
    return resp


class Auth:
    def __init__(self, client: FlaskClient):
        self.client = client

    def login(self, user: Any, password: str = "correct horse battery", **data: Any) -> Any:
        return login(self.client, user, password, **data)

    def logout(self) -> Any:
        return self.client.post("/logout")


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)


@pytest.fixture
def socket_client(app: Flask) -> Any:
    """`socket_client(user)`: a Socket.IO test client on /chat logged in as `user`."""
    from community.extensions import socketio

    made: list[Any] = []

    def factory(user: Any, password: str = "correct horse battery", *, connect: bool = True) -> Any:
        http = app.test_client()
        login(http, user, password)
        sc = socketio.test_client(app, namespace="/chat", flask_test_client=http)
        made.append(sc)
        return sc

    yield factory
    for sc in made:
        if sc.is_connected("/chat"):
            sc.disconnect(namespace="/chat")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "config(**kwargs): app config overrides for this test")
    config.addinivalue_line("markers", "e2e: browser tests (Playwright + Debian chromium)")
    config.addinivalue_line("markers", "redis: needs the Redis server (TEST_REDIS_URL)")
