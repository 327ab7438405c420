"""`Idempotency-Key` on the contract's POSTs (threads, posts, feedback, reports): a key repeated
by the same member within 24 hours gets the first answer again (same status and body) and
stores nothing new.

How a retry after a crash stays single: the key's row is added to the session before the
service runs, so the service's own commit stores it in the same transaction as the thread,
post, feedback or report (both or neither). The answer is written into that row just after.
Two requests with one key at once: the primary key (user, key) lets one insert win; the other
waits for the winner's answer (a few seconds at most), then replays it."""
from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

import sqlalchemy as sa
from flask import Response, current_app, request
from sqlalchemy.exc import IntegrityError

from ..db import utcnow
from ..errors import json_error
from ..extensions import db
from .models import IdempotentRequest

HEADER = "Idempotency-Key"
KEEP = dt.timedelta(hours=24)
PENDING = 0                       # status of a row whose answer is not written yet
_VALID = re.compile(r"^[\x21-\x7e]{1,128}$")
WAIT_S = 5.0


def _replay(row: IdempotentRequest) -> Response:
    resp = Response(row.body, status=row.status, mimetype="application/json")
    resp.headers["Idempotent-Replayed"] = "true"
    return resp


def _existing(user_id: int, key: str) -> IdempotentRequest | None:
    row = db.session.get(IdempotentRequest, (user_id, key), populate_existing=True)
    if row is not None and row.created_at < utcnow() - KEEP:
        db.session.delete(row)      # expired: the key may be used afresh
        db.session.flush()
        return None
    return row


def _answer_of(row: IdempotentRequest, route: str) -> Response:
    if row.route != route:
        return json_error(422, "idempotency_key_reused", "This Idempotency-Key was used for a different request.")
    if row.status == PENDING and row.created_at < utcnow() - dt.timedelta(seconds=2 * WAIT_S):
        # Stored with what it created, but the process died before writing the answer (a crash
        # in that millisecond): it is not stored twice, and its answer is unknown.
        return json_error(409, "idempotency_interrupted", "The first request with this key was stored, but its answer "
                          "was lost in a server failure. It was not stored twice: look it up before sending it again.")
    deadline = time.monotonic() + WAIT_S
    while row.status == PENDING and time.monotonic() < deadline:
        db.session.rollback()         # see the other request's commit
        time.sleep(0.05)
        fresh = db.session.get(IdempotentRequest, (row.user_id, row.key), populate_existing=True)
        if fresh is None:
            return json_error(409, "idempotency_in_progress", "The first request with this key failed: send it again.")
        row = fresh
    if row.status == PENDING:
        return json_error(409, "idempotency_in_progress", "A request with this Idempotency-Key is still being handled.")
    return _replay(row)


def idempotent(user_of: Callable[[], Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a POST route (below its authentication) so `Idempotency-Key` is honoured."""

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            key = request.headers.get(HEADER)
            if key is None:
                return fn(*args, **kwargs)
            if not _VALID.match(key):
                return json_error(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 128 visible ASCII characters.")
            user = user_of()
            route = f"{request.method} {request.path}"[:200]
            found = _existing(user.id, key)
            if found is not None:
                return _answer_of(found, route)
            db.session.add(IdempotentRequest(user_id=user.id, key=key, route=route, status=PENDING, body=""))
            try:
                db.session.flush()
            except IntegrityError:          # the same key, at the same moment, from another request
                db.session.rollback()
                found = _existing(user.id, key)
                return _answer_of(found, route) if found is not None else fn(*args, **kwargs)
            try:
                resp = current_app.make_response(fn(*args, **kwargs))
            except Exception as err:  # noqa: BLE001 - the app's own handlers make the answer
                db.session.rollback()
                resp = current_app.make_response(current_app.handle_user_exception(err))
            _store(user.id, key, route, resp)
            return resp

        return wrapper

    return deco


def _store(user_id: int, key: str, route: str, resp: Response) -> None:
    """Keep the answer, unless it says the server failed (then the key may be tried again)."""
    if resp.status_code >= 500:
        db.session.rollback()
        db.session.execute(sa.delete(IdempotentRequest).where(IdempotentRequest.user_id == user_id,
                                                              IdempotentRequest.key == key))
        db.session.commit()
        return
    body = resp.get_data(as_text=True)
    row = db.session.get(IdempotentRequest, (user_id, key))
    if row is None:                  # the service failed before its commit: nothing stored, keep its answer
        db.session.add(IdempotentRequest(user_id=user_id, key=key, route=route, status=resp.status_code, body=body))
    else:
        row.status, row.body = resp.status_code, body
    db.session.execute(sa.delete(IdempotentRequest).where(IdempotentRequest.user_id == user_id,
                                                          IdempotentRequest.created_at < utcnow() - KEEP))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
