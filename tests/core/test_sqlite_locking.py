"""SQLite writers wait for the write lock in Python (cooperatively, so a gevent process is
not frozen by SQLite's blocking busy wait while the lock holder can't run to commit)."""
from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from community import extensions
from tests.factories import make_user


def test_a_writer_waits_past_sqlites_own_busy_timeout(app):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("sqlite:///"):
        pytest.skip("SQLite only")
    other = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")           # another process holds the write lock...
    hold = extensions.SQLITE_BUSY_MS / 1000 * 8

    def release() -> None:
        time.sleep(hold)
        other.execute("COMMIT")                # ...for 8 times SQLite's own wait

    t = threading.Thread(target=release)
    started = time.monotonic()
    t.start()
    try:
        user = make_user()                     # a write: BEGIN IMMEDIATE, waits, then succeeds
    finally:
        t.join()
        other.close()
    assert user.id and time.monotonic() - started >= hold * 0.9
