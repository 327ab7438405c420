"""Every serving process holds a shared lock on its database for as long as it runs, so
`backup restore` can tell that a server still uses the database (and refuse):

- SQLite: a shared flock on `<database file>.server-lock` (the kernel drops it when the process
  ends, kill -9 included);
- PostgreSQL: a shared advisory lock held by one dedicated connection per process (dropped
  when the connection ends; re-taken by a watcher if the database restarted).

`restore` asks for the same lock exclusively, without waiting."""
from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

log = logging.getLogger(__name__)
ADVISORY_KEY = 0x4861726200000016     # "Harb" + issue 16: one key for "a Harbor server runs here"
_held: list[Any] = []                  # what this process holds (kept referenced for its lifetime)


class ServerRunning(Exception):
    pass


def sqlite_path(url: sa.URL) -> Path | None:
    return Path(url.database).resolve() if url.database and url.database != ":memory:" else None


def _lock_file(db_file: Path) -> Path:
    return db_file.with_name(db_file.name + ".server-lock")


def hold(engine: sa.Engine) -> None:
    """Called once in each serving process (the gunicorn worker, after loading the app)."""
    if engine.dialect.name == "sqlite":
        path = sqlite_path(engine.url)
        if path is None:
            return
        fd = os.open(_lock_file(path), os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_SH)
        _held.append(fd)
        return
    threading.Thread(target=_hold_advisory, args=(engine,), name="harbor-server-lock", daemon=True).start()


def _hold_advisory(engine: sa.Engine) -> None:
    """Keep a connection holding the shared advisory lock; take it again after an outage."""
    while True:
        try:
            with engine.connect() as conn:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                conn.execute(sa.text("SELECT pg_advisory_lock_shared(:k)"), {"k": ADVISORY_KEY})
                while True:
                    time.sleep(5)
                    conn.execute(sa.text("SELECT 1"))
        except Exception as err:  # noqa: BLE001 - the database went away: try again shortly
            log.info("server lock lost (%s); taking it again", type(err).__name__)
            time.sleep(2)


def check_free(engine: sa.Engine) -> Any:
    """Take the lock exclusively (no waiting) for the caller's duration; ServerRunning if a
    server holds it. Returns something to pass to `release`."""
    if engine.dialect.name == "sqlite":
        path = sqlite_path(engine.url)
        if path is None:
            return None
        fd = os.open(_lock_file(path), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise ServerRunning from None
        return fd
    conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    if not conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar():
        conn.close()
        raise ServerRunning
    return conn


def release(token: Any) -> None:
    if token is None:
        return
    if isinstance(token, int):
        os.close(token)
    else:
        # A pooled connection keeps session locks: give the lock back before the connection.
        token.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
        token.close()
