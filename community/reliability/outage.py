"""When the database can't be reached: HTTP answers 503 with a page that retries by itself
(JSON: the contract's error shape, code `unavailable`), chat acks `unavailable` (namespace.py
uses `is_outage`), and nothing waits long to find out (connect, pool and lock waits bounded in
extensions.py)."""
from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from flask import Flask, Response, render_template

from ..errors import json_error, wants_json
from ..extensions import db

log = logging.getLogger(__name__)
RETRY_AFTER_S = 5
MESSAGE = "Harbor can't reach its database right now. Nothing you sent was lost; try again in a few seconds."


def is_outage(err: BaseException) -> bool:
    """A database that is down, restarting, unreachable or locked past our wait, not a bug."""
    if isinstance(err, sa.exc.TimeoutError | sa.exc.InterfaceError | sa.exc.OperationalError):
        return True
    return isinstance(err, sa.exc.DBAPIError) and bool(err.connection_invalidated)


def forget_session() -> None:
    """Drop the session's (possibly dead) connection without raising again."""
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the connection is gone: discard it
        log.debug("rollback after an outage failed")
    try:
        db.session.remove()
    except Exception:  # noqa: BLE001
        log.debug("session remove after an outage failed")


def init_app(app: Flask) -> None:
    def _unavailable(err: Exception) -> Any:
        if not is_outage(err):
            raise err
        log.warning("database unavailable: %s", type(getattr(err, "orig", err)).__name__)
        forget_session()
        if wants_json():
            resp = json_error(503, "unavailable", MESSAGE)
        else:
            resp = Response(render_template("errors/unavailable.html", retry_after=RETRY_AFTER_S, message=MESSAGE),
                            status=503, mimetype="text/html")
        resp.headers["Retry-After"] = str(RETRY_AFTER_S)
        return resp

    app.register_error_handler(sa.exc.OperationalError, _unavailable)
    app.register_error_handler(sa.exc.InterfaceError, _unavailable)
    app.register_error_handler(sa.exc.TimeoutError, _unavailable)
    app.register_error_handler(sa.exc.DBAPIError, _unavailable)
