"""A time limit for one statement, so a single query can never stall a worker: on SQLite a
progress handler that interrupts the statement past its deadline, on PostgreSQL
`SET LOCAL statement_timeout` (reset afterwards, so the rest of the transaction is unbounded)."""
from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

import sqlalchemy as sa

from ..extensions import db


class TimedOut(Exception):
    """The statement ran past its deadline and was stopped (the session is rolled back)."""


def _is_timeout(err: sa.exc.DBAPIError) -> bool:
    text = str(err.orig).lower()
    return "interrupted" in text or "statement timeout" in text or "canceling statement" in text


@contextlib.contextmanager
def statement_deadline(ms: int) -> Iterator[sa.Connection]:
    """The session's connection, with every statement run inside bounded to `ms` milliseconds."""
    conn = db.session.connection()
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        end = time.monotonic() + ms / 1000
        raw.set_progress_handler(lambda: 1 if time.monotonic() > end else 0, 100)
        try:
            yield conn
        except sa.exc.OperationalError as err:
            if _is_timeout(err):
                db.session.rollback()
                raise TimedOut from err
            raise
        finally:
            raw.set_progress_handler(None, 0)
        return
    conn.execute(sa.text(f"SET LOCAL statement_timeout = {max(1, int(ms))}"))   # 0 would mean none
    try:
        yield conn
    except sa.exc.OperationalError as err:
        if _is_timeout(err):
            db.session.rollback()
            raise TimedOut from err
        raise
    else:
        conn.execute(sa.text("SET LOCAL statement_timeout TO DEFAULT"))
