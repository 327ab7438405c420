"""The Socket.IO namespace `/chat` (see ../shared/CONTRACT.md): a thin adapter over
chat/services.py. Every handler answers through the ack with `{"ok": false, "error": code}`
on failure (codes: not_allowed, not_member, not_found, too_long, empty, rate_limited, muted,
blocked, confirm_identifiers, invalid, too_late), never exception text.

Events a client sends: join, leave, send, history, typing, read, edit, delete, watch.
Events the server emits: message, message_updated, message_removed, typing, presence, read,
activity, conversations, muted, session_ended."""
from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, has_app_context, request, session
from flask_login import current_user, user_logged_in
from flask_socketio import Namespace, join_room

from .. import events, permissions
from ..auth import services as accounts
from ..auth.models import User
from ..extensions import db, socketio
from . import services
from .live import Connection, Presence, RateLimiter
from .members import Member, load_member
from .models import Message

log = logging.getLogger(__name__)

NAMESPACE = "/chat"
BROWSER_KEY = "chat_key"
presence = Presence()


def _user_room(user_id: int) -> str:
    return f"user:{user_id}"


def _fail(err: services.ChatError) -> dict[str, Any]:
    out: dict[str, Any] = {"ok": False, "error": err.code, "message": err.message}
    out.update({k: v for k, v in err.extra.items() if v is not None})
    return out


def _limiter_for_app() -> RateLimiter | None:
    cfg = current_app.config
    if not cfg.get("RATELIMIT_ENABLED", True):
        return None
    lim = current_app.extensions.get("harbor_chat_limiter")
    if lim is None:
        lim = current_app.extensions["harbor_chat_limiter"] = RateLimiter(int(cfg["CHAT_RATE_BURST"]),
                                                                          float(cfg["CHAT_RATE_PER_SECOND"]))
    return lim


def _authenticate(auth: Any) -> tuple[User, str | None] | None:
    token = auth.get("token") if isinstance(auth, dict) else None
    if isinstance(token, str) and token:
        found = accounts.user_for_token(token)
        if found is None or found[1].scope != "all":
            return None
        return found[0], None
    if current_user.is_authenticated:
        return current_user._get_current_object(), session.get(BROWSER_KEY)
    return None


def _condition_of(data: Any) -> int | None:
    """The condition whose room an event names, if it names a known condition room."""
    key = data.get("room") if isinstance(data, dict) else None
    if not isinstance(key, str) or not key.startswith("condition:"):
        return None
    try:
        return services.room_ref(key).condition_id
    except services.ChatError:
        return None


def _member_event(handler: Callable[[Any, str, Member, dict[str, Any]], dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """The frame of a member's event: who is behind the socket (re-checked), the payload as a
    dict, and a ChatError turned into the ack's error code with nothing half-written kept."""

    @wraps(handler)
    def event(self: ChatNamespace, sid: str, data: Any = None) -> dict[str, Any]:
        user = self._actor(sid, _condition_of(data))
        if user is None:
            return {"ok": False, "error": "not_allowed"}
        try:
            return handler(self, sid, user, data if isinstance(data, dict) else {})
        except services.ChatError as err:
            db.session.rollback()
            return _fail(err)

    return event


class ChatNamespace(Namespace):
    def trigger_event(self, event: str, *args: Any) -> Any:
        """Connect and disconnect run in Flask-SocketIO's request context: the session cookie and
        current_user say who connects. Every other event needs only the app and the socket's
        id: it runs in an app context, and its handler is given the sid. Flask's request context
        (a Request, URL matching, the session cookie opened again) cost about a tenth of each
        message's CPU (bench/README.md, "Live chat")."""
        if event in ("connect", "disconnect"):
            return super().trigger_event(event, *args)
        handler = getattr(self, f"on_{event}", None)
        environ = self.server.get_environ(args[0], namespace=self.namespace) if handler and args else None
        if not environ:
            return None
        app = environ["flask.app"]
        if has_app_context() and current_app._get_current_object() is app:
            return handler(*args)   # as Flask's request context does, use the app context already there
        with app.app_context():
            return handler(*args)

    # --- connection --------------------------------------------------------------------------

    def on_connect(self, auth: Any = None) -> None:
        found = _authenticate(auth)
        if found is None or permissions.is_banned(found[0]) or permissions.mfa_enrolment_needed(found[0]):
            raise ConnectionRefusedError("not_allowed")
        user, key = found
        presence.connect(request.sid, Connection(user_id=user.id, name=user.name, session_version=user.session_version,
                                                 browser_key=key, hidden=bool(user.hide_presence)))
        join_room(_user_room(user.id))

    def on_disconnect(self, *args: Any) -> None:
        conn = presence.disconnect(request.sid)
        for room in sorted(conn.rooms) if conn else ():
            if not room.startswith("watch:"):
                _announce_presence(room)

    def _actor(self, sid: str, condition_id: int | None = None) -> Member | None:
        """The member behind this socket, re-checked on every event: a password change,
        suspension or ban elsewhere (another process too) ends the socket here. With
        `condition_id`, whether they joined it is read in the same statement."""
        conn = presence.get(sid)
        user = load_member(conn.user_id, condition_id) if conn else None
        if user is None or permissions.is_banned(user) or (
                conn is not None and conn.browser_key is not None and user.session_version != conn.session_version):
            self.disconnect(sid)
            return None
        return user

    # --- rooms -----------------------------------------------------------------------------

    def on_join(self, sid: str, data: Any = None) -> dict[str, Any]:
        user = self._actor(sid, _condition_of(data))
        if user is None:
            return {"ok": False, "error": "not_allowed"}
        room_key = data.get("room") if isinstance(data, dict) else None
        try:
            room, messages, more = services.history(actor=user, room_key=str(room_key or ""))
            last_read = services.read_position(user, room)
            title = services.room_title(room, user)
            can_send = True
            try:
                services.check_write(user, room)
            except services.ChatError:
                can_send = False
        except services.ChatError as err:
            return _fail(err)
        db.session.commit()   # end the transaction before any network I/O (the presence broadcast)
        self.enter_room(sid, room.key)
        presence.join(sid, room.key)
        _announce_presence(room.key)
        return {"ok": True, "room": room.key, "title": title, "history": messages, "more": more,
                "last_read_id": last_read, "online": presence.online(room.key), "can_send": can_send}

    def on_leave(self, sid: str, data: Any = None) -> dict[str, Any]:
        room_key = str(data.get("room") if isinstance(data, dict) else "")
        conn = presence.get(sid)
        if conn is None or room_key not in conn.rooms:
            return {"ok": False, "error": "not_member"}
        self.leave_room(sid, room_key)
        presence.leave(sid, room_key)
        _announce_presence(room_key)
        return {"ok": True}

    def on_watch(self, sid: str, data: Any = None) -> dict[str, Any]:
        """The lobby follows activity (for unread counts) in the rooms it lists."""
        user = self._actor(sid)
        if user is None:
            return {"ok": False, "error": "not_allowed"}
        rooms = data.get("rooms") if isinstance(data, dict) else None
        watched = []
        for key in rooms if isinstance(rooms, list) else []:
            try:
                room = services.room_by_key(str(key))
                services.check_read(user, room)
            except services.ChatError:
                continue
            self.enter_room(sid, f"watch:{room.key}")
            presence.join(sid, f"watch:{room.key}")
            watched.append(room.key)
        return {"ok": True, "rooms": watched, "online": {k: presence.count(k) for k in watched}}

    def on_history(self, sid: str, data: Any = None) -> dict[str, Any]:
        user = self._actor(sid, _condition_of(data))
        if user is None:
            return {"ok": False, "error": "not_allowed", "messages": []}
        data = data if isinstance(data, dict) else {}
        after, before = data.get("after_id"), data.get("before_id")
        if (after is not None and not isinstance(after, int)) or (before is not None and not isinstance(before, int)):
            return {"ok": False, "error": "invalid", "messages": []}
        try:
            _room, messages, more = services.history(actor=user, room_key=str(data.get("room") or ""),
                                                     after_id=after, before_id=before)
        except services.ChatError as err:
            return {**_fail(err), "messages": []}
        return {"ok": True, "messages": messages, "more": more}

    # --- writing -------------------------------------------------------------------------------

    @_member_event
    def on_send(self, sid: str, user: Member, data: dict[str, Any]) -> dict[str, Any]:
        limiter = _limiter_for_app()
        if limiter is not None and not limiter.allow(user.id):
            return {"ok": False, "error": "rate_limited", "message": "You are sending messages very fast: wait a moment.",
                    "retry_after": round(limiter.retry_after(user.id), 1)}
        sent = services.send(actor=user, room_key=str(data.get("room") or ""), body=data.get("body"),
                             client_id=data.get("client_id"), confirm=bool(data.get("confirm")))
        if sent.published and not sent.duplicate:
            _broadcast_new(sent.room, sent.payload)
        return sent.ack()

    @_member_event
    def on_edit(self, sid: str, user: Member, data: dict[str, Any]) -> dict[str, Any]:
        sent = services.edit(actor=user, message_id=data.get("id"), body=data.get("body"))
        if sent.published:
            socketio.emit("message_updated", sent.payload, to=sent.room.key, namespace=NAMESPACE)
        else:
            socketio.emit("message_removed", {"id": sent.message.id, "room": sent.room.key}, to=sent.room.key,
                          skip_sid=sid, namespace=NAMESPACE)
        return sent.ack()

    @_member_event
    def on_delete(self, sid: str, user: Member, data: dict[str, Any]) -> dict[str, Any]:
        sent = services.delete(actor=user, message_id=data.get("id"))
        socketio.emit("message_updated", sent.payload, to=sent.room.key, namespace=NAMESPACE)
        return sent.ack()

    def on_typing(self, sid: str, data: Any = None) -> None:
        conn = presence.get(sid)
        room_key = str(data.get("room") if isinstance(data, dict) else "")
        if conn is not None and room_key in conn.rooms:
            socketio.emit("typing", {"room": room_key, "name": conn.name}, to=room_key, skip_sid=sid, namespace=NAMESPACE)

    @_member_event
    def on_read(self, sid: str, user: Member, data: dict[str, Any]) -> dict[str, Any]:
        room, last = services.mark_read(actor=user, room_key=str(data.get("room") or ""), message_id=data.get("id"))
        socketio.emit("read", {"room": room.key, "last_read_id": last}, to=_user_room(user.id), skip_sid=sid,
                      namespace=NAMESPACE)
        return {"ok": True, "last_read_id": last}


# --- broadcasts (also from HTTP requests: moderation decisions, the no-JavaScript form) ----------

def _broadcast_new(room: Any, payload: dict[str, Any]) -> None:
    socketio.emit("message", payload, to=room.key, namespace=NAMESPACE)
    activity = {"room": room.key, "id": payload["id"], "author": payload["author"]["username"]}
    socketio.emit("activity", activity, to=f"watch:{room.key}", namespace=NAMESPACE)


def broadcast_new(room: Any, payload: dict[str, Any]) -> None:
    _broadcast_new(room, payload)


PRESENCE_COALESCE_S = 0.5
_presence_pending: set[str] = set()


def _announce_presence(room_key: str) -> None:
    """Tell a room who is online, at most twice a second: when 200 members arrive at once,
    one list goes out instead of 200 (each to everyone)."""
    if room_key.startswith("watch:") or room_key in _presence_pending:
        return
    _presence_pending.add(room_key)

    def later() -> None:
        socketio.sleep(PRESENCE_COALESCE_S)
        _presence_pending.discard(room_key)
        socketio.emit("presence", {"room": room_key, "online": presence.online(room_key)}, to=room_key, namespace=NAMESPACE)

    socketio.start_background_task(later)


def _disconnect_local(sids: list[str]) -> None:
    for sid in sids:
        try:
            socketio.server.disconnect(sid, namespace=NAMESPACE)
        except Exception:  # noqa: BLE001 - already gone
            log.debug("socket %s already gone", sid)


def _on_sessions_revoked(*, user_id: int, **_: Any) -> None:
    _disconnect_local(presence.sids_of(user_id))
    # Sockets on other processes: the browser client ends them itself, and their next event
    # fails the session check in ChatNamespace._actor.
    socketio.emit("session_ended", {}, to=_user_room(user_id), namespace=NAMESPACE)


def _on_logged_out(*, user_id: int, **_: Any) -> None:
    key = session.pop(BROWSER_KEY, None)
    if key is None:
        return
    _disconnect_local(presence.sids_of(user_id, key))
    socketio.emit("session_ended", {"key": key}, to=_user_room(user_id), namespace=NAMESPACE)


def _on_session_ended(*, user_id: int, keys: list[str], **_: Any) -> None:
    """Sessions ended from Settings → Devices: their sockets close (the browser does it for
    sockets on other processes, from `session_ended`)."""
    for key in keys:
        _disconnect_local(presence.sids_of(user_id, key))
        socketio.emit("session_ended", {"key": key}, to=_user_room(user_id), namespace=NAMESPACE)


def _on_muted(*, user_id: int, until: Any = None, **_: Any) -> None:
    socketio.emit("muted", {"until": until.isoformat() if until else None}, to=_user_room(user_id), namespace=NAMESPACE)


def _on_message_changed(*, message_id: int, was: str, now: str) -> None:
    msg = db.session.get(Message, message_id)
    if msg is None:
        return
    payload = services.serialise(msg, msg.room.key)
    if now == "published" and was != "published":
        _broadcast_new(msg.room, payload)
    elif was == "published" and now != "published":
        socketio.emit("message_removed", {"id": msg.id, "room": msg.room.key}, to=msg.room.key, namespace=NAMESPACE)


def _on_dm_changed(*, room_id: int | None, user_ids: list[int]) -> None:
    for uid in user_ids:
        socketio.emit("conversations", {"room": f"dm:{room_id}" if room_id else None}, to=_user_room(uid), namespace=NAMESPACE)


def _on_presence_visibility(*, user_id: int, hidden: bool) -> None:
    set_hidden(user_id, hidden)


def set_hidden(user_id: int, hidden: bool) -> None:
    for room in presence.set_hidden(user_id, hidden):
        _announce_presence(room)


def _remember_browser(sender: Any, user: Any, **_: Any) -> None:
    session[BROWSER_KEY] = secrets.token_hex(8)


def init_app(app: Any) -> None:
    socketio.on_namespace(ChatNamespace(NAMESPACE))
    user_logged_in.connect(_remember_browser, app)
    events.subscribe("user.sessions_revoked", _on_sessions_revoked)
    events.subscribe("user.logged_out", _on_logged_out)
    events.subscribe("user.session_ended", _on_session_ended)
    events.subscribe("user.muted", _on_muted)
    events.subscribe("chat.message_changed", _on_message_changed)
    events.subscribe("chat.dm_changed", _on_dm_changed)
    events.subscribe("user.deleting", services.on_user_deleting)
    events.subscribe("user.exporting", services.on_user_exporting)
    events.subscribe("user.presence_visibility", _on_presence_visibility)
    events.subscribe("condition.created", _on_condition_created)


def _on_condition_created(*, condition: Any, **_: Any) -> None:
    db.session.flush()
    services.condition_room(condition)   # "creates a condition community (forum + chat room)"
