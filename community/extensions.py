"""Flask extensions, created here and bound in `create_app` (no import cycles, one of each)."""
from __future__ import annotations

import contextlib
import contextvars
import sqlite3
import time
from collections.abc import Iterator

import sqlalchemy as sa
from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from . import events
from .db import Base

# Sessions run the domain events their transaction queued once it commits (events.py).
db = SQLAlchemy(model_class=Base, session_options={"class_": events.EventSession})
events.bind_session(lambda: db.session())
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
socketio = SocketIO()

# Read-only requests open deferred SQLite transactions; everything else takes the write lock
# up front (BEGIN IMMEDIATE) so concurrent writers wait on the busy timeout instead of failing.
read_only = contextvars.ContextVar("harbor_read_only", default=False)
SOCKET_PACKET_MAX = 1024 * 1024
SQLITE_BUSY_MS = 50          # SQLite's own (blocking) wait for a lock
SQLITE_LOCK_WAIT_S = 30.0    # how long a writer waits for the write lock in all...
# ...unless the caller must answer sooner: chat events ack within 5 s (namespace.py sets 4 s).
lock_wait_s = contextvars.ContextVar("harbor_lock_wait_s", default=SQLITE_LOCK_WAIT_S)
# PostgreSQL away: a new connection gives up after this, a checkout from a full pool too, and a
# connection whose server stopped answering is dropped by the kernel after PG_TCP_USER_TIMEOUT_MS.
PG_CONNECT_TIMEOUT_S = 3
PG_POOL_TIMEOUT_S = 3
PG_TCP_USER_TIMEOUT_MS = 5000


def init_app(app: Flask) -> None:
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        app.config["SQLALCHEMY_ENGINE_OPTIONS"].setdefault("connect_args", {"timeout": 30})
    else:
        opts = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
        opts.setdefault("pool_pre_ping", True)
        opts.setdefault("pool_timeout", PG_POOL_TIMEOUT_S)
        opts.setdefault("connect_args", {"connect_timeout": PG_CONNECT_TIMEOUT_S, "keepalives": 1,
                                         "keepalives_idle": 10, "keepalives_interval": 2, "keepalives_count": 3,
                                         "tcp_user_timeout": PG_TCP_USER_TIMEOUT_MS})
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"),
                     render_as_batch=True, compare_type=True, include_object=_include_object)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to continue."
    login_manager.session_protection = "basic"
    csrf.init_app(app)
    app.config["RATELIMIT_ENABLED"] = bool(app.config.get("RATELIMIT_ENABLED", True))
    limiter.init_app(app)
    queue: dict[str, object] = {"client_manager": None}    # None: this process only (always given: the
    if app.config.get("REDIS_URL"):                          # socketio object outlives test apps)
        from .reliability.queue import HarborRedisManager   # survives a Redis outage (see there)

        queue["client_manager"] = HarborRedisManager(app.config["REDIS_URL"], channel="flask-socketio")
    socketio.init_app(
        app,
        async_mode=app.config["SOCKETIO_ASYNC_MODE"],
        **queue,
        # None: only the site's own origin (Origin must match the Host the request came to).
        # SOCKETIO_ORIGINS lists extra origins ("https://a.example,https://b.example"), never "*".
        cors_allowed_origins=_origins(app.config.get("SOCKETIO_ORIGINS")),
        # Well above any message a member may send (chat.services.BODY_MAX characters), so an
        # over-long message reaches the handler and gets a `too_long` ack: over this limit
        # Engine.IO drops the packet (WebSocket: closes the connection) and the client hears nothing.
        max_http_buffer_size=SOCKET_PACKET_MAX,
        manage_session=False,
    )
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _configure_sqlite(db.engine)

    @app.before_request
    def _mark_read_only() -> None:
        read_only.set(request.method in {"GET", "HEAD", "OPTIONS"})

    @app.teardown_request
    def _clear_read_only(_exc: BaseException | None) -> None:
        # The worker thread or greenlet may serve socket events next: those write.
        read_only.set(False)


@contextlib.contextmanager
def single_read() -> Iterator[sa.Connection]:
    """A connection for a read that is one statement (one statement is its own consistent
    snapshot). The session's connection when the session is already in a transaction, and
    always on SQLite (where BEGIN costs nothing); otherwise, on PostgreSQL, a pooled
    connection in autocommit, which spares the BEGIN and ROLLBACK round trips the session's
    transaction would cost, and is given back at once (the session is left untouched)."""
    if db.session().in_transaction() or db.engine.dialect.name == "sqlite":
        yield db.session.connection()
        return
    with db.engine.connect() as conn:
        yield conn.execution_options(isolation_level="AUTOCOMMIT")


def _origins(raw: object) -> list[str] | None:
    if not raw:
        return None
    items = raw if isinstance(raw, list | tuple) else str(raw).split(",")
    origins = [str(o).strip().rstrip("/") for o in items if str(o).strip() and str(o).strip() != "*"]
    return origins or None


SEARCH_TABLES = ("post_search", "article_search", "chat_search")


def _include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # The search index tables are made by hand per database (FTS5 / tsvector), not autogenerated.
    return not (type_ == "table" and name.startswith(SEARCH_TABLES))


def _configure_sqlite(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # let the "begin" hook below issue BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        # A short wait inside SQLite; longer waits for the write lock happen in _on_begin,
        # where they can yield (a blocking 30 s wait inside SQLite would freeze a whole gevent
        # process, including the greenlet that holds the lock and is about to commit).
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        # Straight to the driver: every transaction (every chat event) begins here, and
        # SQLAlchemy's statement machinery around the BEGIN cost several times the BEGIN.
        raw = conn.connection.driver_connection
        if read_only.get():
            raw.execute("BEGIN")
            return
        deadline = time.monotonic() + lock_wait_s.get()
        pause = 0.002
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise sa.exc.OperationalError("BEGIN IMMEDIATE", None, err) from err
            time.sleep(pause)    # cooperative under gevent (monkey-patched), GIL-free in threads
            pause = min(pause * 2, 0.05)
