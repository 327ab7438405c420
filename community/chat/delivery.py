"""The socket layer's side of the domain events: what the chat rooms, lobbies and a member's
own sockets hear once a change has committed. The one way a message reaches a room is
`chat.message_created` (or `chat.message_edited` / `chat.message_changed`) → `on_*` here →
Socket.IO, whichever adapter made the change (the socket handler, the no-JavaScript form, a
moderation decision). Registered by chat/wiring.py; also keeps the per-process presence."""
from __future__ import annotations

import logging
from typing import Any

from flask import has_request_context, session

from ..extensions import socketio
from .live import Presence

log = logging.getLogger(__name__)

NAMESPACE = "/chat"
BROWSER_KEY = "chat_key"
PRESENCE_COALESCE_S = 0.5
presence = Presence()
_presence_pending: set[str] = set()


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def on_message_created(*, room_key: str, message: dict[str, Any], published: bool) -> None:
    if published:
        _broadcast_new(room_key, message)


def on_message_edited(*, room_key: str, message: dict[str, Any], published: bool, author_id: int | None) -> None:
    if published:
        socketio.emit("message_updated", message, to=room_key, namespace=NAMESPACE)
    else:   # held again after an edit: gone for everyone but its author
        socketio.emit("message_removed", {"id": message["id"], "room": room_key}, to=room_key,
                      skip_sid=(presence.sids_of(author_id) if author_id else None) or None, namespace=NAMESPACE)


def on_message_changed(*, room_key: str, message: dict[str, Any], was: str, now: str) -> None:
    """A moderation decision: an approved message appears, a rejected or hidden one goes."""
    if now == "published" and was != "published":
        _broadcast_new(room_key, message)
    elif was == "published" and now != "published":
        socketio.emit("message_removed", {"id": message["id"], "room": room_key}, to=room_key, namespace=NAMESPACE)


def _broadcast_new(room_key: str, payload: dict[str, Any]) -> None:
    socketio.emit("message", payload, to=room_key, namespace=NAMESPACE)
    activity = {"room": room_key, "id": payload["id"], "author": payload["author"]["username"]}
    socketio.emit("activity", activity, to=f"watch:{room_key}", namespace=NAMESPACE)


def on_dm_changed(*, room_id: int | None, user_ids: list[int]) -> None:
    for uid in user_ids:
        socketio.emit("conversations", {"room": f"dm:{room_id}" if room_id else None}, to=user_room(uid), namespace=NAMESPACE)


def on_read(*, user_id: int, room_key: str, last_read_id: int, skip_sid: str | None = None) -> None:
    socketio.emit("read", {"room": room_key, "last_read_id": last_read_id}, to=user_room(user_id), skip_sid=skip_sid,
                  namespace=NAMESPACE)


def announce_presence(room_key: str) -> None:
    """Tell a room who is online, at most twice a second: when 200 members arrive at once,
    one list goes out instead of 200 (each to everyone)."""
    if room_key.startswith("watch:") or room_key in _presence_pending:
        return
    _presence_pending.add(room_key)

    def later() -> None:
        socketio.sleep(PRESENCE_COALESCE_S)
        _presence_pending.discard(room_key)
        socketio.emit("presence", {"room": room_key, "online": presence.online(room_key),
                                   "members": presence.members(room_key)}, to=room_key, namespace=NAMESPACE)

    socketio.start_background_task(later)


def on_presence_visibility(*, user_id: int, hidden: bool) -> None:
    for room in presence.set_hidden(user_id, hidden):
        announce_presence(room)


def _disconnect_local(sids: list[str]) -> None:
    for sid in sids:
        try:
            socketio.server.disconnect(sid, namespace=NAMESPACE)
        except Exception:  # noqa: BLE001 - already gone
            log.debug("socket %s already gone", sid)


def on_sessions_revoked(*, user_id: int, **_: Any) -> None:
    _disconnect_local(presence.sids_of(user_id))
    # Sockets on other processes: the browser client ends them itself, and their next event
    # fails the session check in ChatNamespace._actor.
    socketio.emit("session_ended", {}, to=user_room(user_id), namespace=NAMESPACE)


def on_logged_out(*, user_id: int, **_: Any) -> None:
    key = session.pop(BROWSER_KEY, None) if has_request_context() else None
    if key is None:
        return
    _disconnect_local(presence.sids_of(user_id, key))
    socketio.emit("session_ended", {"key": key}, to=user_room(user_id), namespace=NAMESPACE)


def on_session_ended(*, user_id: int, keys: list[str], **_: Any) -> None:
    """Sessions ended from Settings → Devices: their sockets close (the browser does it for
    sockets on other processes, from `session_ended`)."""
    for key in keys:
        _disconnect_local(presence.sids_of(user_id, key))
        socketio.emit("session_ended", {"key": key}, to=user_room(user_id), namespace=NAMESPACE)


def on_muted(*, user_id: int, until: Any = None, **_: Any) -> None:
    socketio.emit("muted", {"until": until.isoformat() if until else None}, to=user_room(user_id), namespace=NAMESPACE)
