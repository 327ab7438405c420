"""When a member was last on the site (`users.last_seen_at`): "immediately when away" emails
wait until a member has not been seen for 10 minutes (community/notifications/digest.py).

Refreshed by every signed-in request (a browser session or an API token) and every chat
socket event, at most once a minute per member: the value is on the user row the request
loads anyway, so an ordinary page costs no query for it, and the one write a minute is one
UPDATE whose WHERE also refuses a write another process made less than a minute ago. Socket
events (which never load the ORM user) keep this process's own last write per member."""
from __future__ import annotations

import datetime as dt
import time
from typing import Any

import sqlalchemy as sa
from flask import Flask, Response, current_app, g, session

from ..db import utcnow
from ..extensions import db
from .models import User

EVERY = dt.timedelta(minutes=1)


def _written() -> dict[int, float]:
    """This app's (this process's) last write per member: user id → time.monotonic()."""
    return current_app.extensions.setdefault("harbor_seen", {})  # type: ignore[no-any-return]


def _recent_here(user_id: int) -> bool:
    at = _written().get(user_id)
    return at is not None and time.monotonic() - at < EVERY.total_seconds()


def due(user_id: int, last_seen_at: Any = ..., now: dt.datetime | None = None) -> bool:
    """Does this member's last_seen_at need a write? `last_seen_at` as loaded with the user row
    decides; `...` (not loaded: a socket event, an instance expired by a commit) asks this
    process's own record of its last write."""
    if last_seen_at is not ...:
        return last_seen_at is None or (now or utcnow()) - last_seen_at >= EVERY
    return not _recent_here(user_id)


def statement(user_id: int, now: dt.datetime) -> Any:
    u = User.__table__.c
    return (sa.update(User.__table__).where(u.id == user_id, sa.or_(u.last_seen_at.is_(None), u.last_seen_at <= now - EVERY))
            .values(last_seen_at=now))


def touch(user_id: int, *, now: dt.datetime | None = None) -> None:
    """Add the write to the caller's transaction (the caller commits)."""
    now = now or utcnow()
    written = _written()
    written[user_id] = time.monotonic()
    if len(written) > 100_000:         # a long-lived process: forget the oldest half
        for uid in sorted(written, key=written.__getitem__)[:50_000]:
            written.pop(uid, None)
    db.session.execute(statement(user_id, now).execution_options(synchronize_session=False))


def touch_socket(user_id: int) -> None:
    """A chat socket event of this member: the write (at most once a minute) goes in its own
    short transaction when the event owns the session, else into the caller's."""
    if not due(user_id):
        return
    outer = db.session().in_transaction()
    touch(user_id)
    if not outer:
        db.session.commit()


def _after_request(response: Response) -> Response:
    if response.status_code >= 500:
        return response
    user = g.get("_login_user")
    if user is None or not getattr(user, "is_authenticated", False):
        user = g.get("api_user")
    if user is None or not isinstance(user, User) or user.id is None:
        return response
    loaded = user.__dict__.get("last_seen_at", ...)    # no refresh query for an expired instance
    if not due(user.id, loaded):
        return response
    from .sessions import write_outside

    user_id = user.id
    write_outside(lambda: touch(user_id), outer=bool(getattr(session, "outer", False)))
    return response


def init_app(app: Flask) -> None:
    app.after_request(_after_request)
