"""The live unread count: after a commit that changed members' counts, each of them who has a
socket open gets `notification` {"unread": n} in their own room (`user:<id>`) on `/chat`.

With one process (no message queue) only members connected here are sent anything, so a reply
to a thread with 500 watchers, few of them online, costs a few emits, not 500."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
import socketio as sio

from ..extensions import db, socketio
from .services import PUSH_KEY, take_pending

NAMESPACE = "/chat"


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def push(counts: dict[int, int]) -> None:
    server = getattr(socketio, "server", None)
    if server is None or not counts:
        return
    manager = server.manager
    local_only = not isinstance(manager, sio.PubSubManager)
    rooms = manager.rooms.get(NAMESPACE, {}) if local_only else None
    for uid, count in counts.items():
        room = user_room(uid)
        if rooms is not None and room not in rooms:
            continue
        socketio.emit("notification", {"unread": count}, to=room, namespace=NAMESPACE)


def _after_commit(session: Any) -> None:
    pending = take_pending(session)
    if pending:
        push(pending)


def _after_rollback(session: Any) -> None:
    session.info.pop(PUSH_KEY, None)


def init_app(app: Any) -> None:
    if not sa.event.contains(db.session, "after_commit", _after_commit):
        sa.event.listen(db.session, "after_commit", _after_commit)
        sa.event.listen(db.session, "after_rollback", _after_rollback)
