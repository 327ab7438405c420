"""The Socket.IO namespace `/chat` (see ../shared/CONTRACT.md): a thin adapter over the chat's
use cases (chat/services.py). Every handler answers through the ack with `{"ok": false,
"error": code}` on failure, made from the DomainError's code (errors.ack: not_allowed,
not_member, not_found, too_long, empty, rate_limited, muted, blocked, confirm_identifiers,
invalid, too_late), never exception text. Handlers never broadcast what a use case changed:
delivery.py does, after the commit.

Events a client sends: join, leave, send, history, typing, read, edit, delete, watch, react.
Events the server emits: message, message_updated, message_removed, typing, presence, read,
activity, conversations, muted, session_ended, notification (the unread count)."""
from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, has_app_context, request, session
from flask_login import current_user
from flask_socketio import Namespace, join_room
from socketio.exceptions import ConnectionRefusedError as Refused   # its message reaches the client

from .. import permissions
from ..auth import seen
from ..auth import services as accounts
from ..auth.mfa_policy import IDP_MFA_SESSION_KEY, enrolment_needed_in_session
from ..auth.models import User
from ..errors import DomainError, ack
from ..extensions import db, socketio
from ..inputs import payload_problem
from . import delivery, services
from .outage import answering, connecting
from .delivery import BROWSER_KEY, NAMESPACE, announce_presence, presence, user_room
from .live import Connection
from .members import Member, load_member

__all__ = ["ChatNamespace", "NAMESPACE", "presence"]


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
    except DomainError:
        return None


def _member_event(handler: Callable[[Any, str, Member, dict[str, Any]], dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """The frame of a member's event: who is behind the socket (re-checked), the payload as a
    dict, and a DomainError turned into the ack (errors.ack rolls the transaction back)."""

    @wraps(handler)
    def event(self: ChatNamespace, sid: str, data: Any = None) -> dict[str, Any]:
        user = self._actor(sid, _condition_of(data))
        if user is None:
            return {"ok": False, "error": "not_allowed"}
        try:
            return handler(self, sid, user, data if isinstance(data, dict) else {})
        except DomainError as err:
            return ack(err)

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
        if problem := payload_problem(args[1:]):
            return {"ok": False, "error": "invalid", "message": problem}
        app = environ["flask.app"]
        if has_app_context() and current_app._get_current_object() is app:
            return answering(event, handler, args)   # as Flask's request context does, use the app context there
        with app.app_context():
            return answering(event, handler, args)

    # --- connection --------------------------------------------------------------------------

    def on_connect(self, auth: Any = None) -> None:
        def check() -> tuple[tuple[User, str | None] | None, bool]:
            found = _authenticate(auth)
            # A browser session whose hospital sign-in was multi-factor needs no Harbor TOTP (auth/oidc_views.py).
            provider_mfa = found is not None and found[1] is not None and bool(session.get(IDP_MFA_SESSION_KEY))
            refused = found is not None and (permissions.is_banned(found[0])
                                             or enrolment_needed_in_session(found[0], provider_mfa=provider_mfa))
            return found, refused

        found, refused = connecting(check)
        if found is None or refused:
            raise Refused("not_allowed")
        user, key = found
        presence.connect(request.sid, Connection(user_id=user.id, name=user.name, username=user.username,
                                                 session_version=user.session_version, browser_key=key,
                                                 hidden=bool(user.hide_presence)))
        join_room(user_room(user.id))

    def on_disconnect(self, *args: Any) -> None:
        conn = presence.disconnect(request.sid)
        for room in sorted(conn.rooms) if conn else ():
            if not room.startswith("watch:"):
                announce_presence(room)

    def _actor(self, sid: str, condition_id: int | None = None) -> Member | None:
        """The member behind this socket, re-checked on every event: a password change,
        suspension or ban elsewhere (another process too) ends the socket here. With
        `condition_id`, whether they joined it is read in the same statement."""
        conn = presence.get(sid)
        if conn is not None:
            seen.touch_socket(conn.user_id)     # socket activity counts as being on the site (once a minute)
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
            can_send, _why = services.can_write(user, room)
        except DomainError as err:
            return ack(err)
        db.session.commit()   # end the transaction before any network I/O (the presence broadcast)
        self.enter_room(sid, room.key)
        presence.join(sid, room.key)
        announce_presence(room.key)
        return {"ok": True, "room": room.key, "title": title, "history": messages, "more": more,
                "last_read_id": last_read, "online": presence.online(room.key), "members": presence.members(room.key),
                "can_send": can_send}

    def on_leave(self, sid: str, data: Any = None) -> dict[str, Any]:
        room_key = str(data.get("room") if isinstance(data, dict) else "")
        conn = presence.get(sid)
        if conn is None or room_key not in conn.rooms:
            return {"ok": False, "error": "not_member"}
        self.leave_room(sid, room_key)
        presence.leave(sid, room_key)
        announce_presence(room_key)
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
            except DomainError:
                continue
            if not services.can_read(user, room):
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
        except DomainError as err:
            return {**ack(err), "messages": []}
        return {"ok": True, "messages": messages, "more": more}

    # --- writing -------------------------------------------------------------------------------

    @_member_event
    def on_send(self, sid: str, user: Member, data: dict[str, Any]) -> dict[str, Any]:
        services.check_rate(user.id)
        return services.send(actor=user, room_key=str(data.get("room") or ""), body=data.get("body"),
                             client_id=data.get("client_id"), confirm_identifiers=bool(data.get("confirm"))).ack()

    @_member_event
    def on_edit(self, sid: str, user: Member, data: dict[str, Any]) -> dict[str, Any]:
        return services.edit(actor=user, message_id=data.get("id"), body=data.get("body")).ack()

    @_member_event
    def on_delete(self, sid: str, user: Member, data: dict[str, Any]) -> dict[str, Any]:
        return services.delete(actor=user, message_id=data.get("id")).ack()

    def on_react(self, sid: str, data: Any = None) -> dict[str, Any]:
        """`react` {"message_id", "kind", "on"?}: add (on true), take back (on false) or toggle
        a reaction; the room gets `message_updated` with the message's `reactions`."""
        from ..errors import DomainError, handled
        from ..reactions import services as reactions

        user = self._actor(sid)
        if user is None:
            return {"ok": False, "error": "not_allowed"}
        data = data if isinstance(data, dict) else {}
        on = data.get("on")
        try:
            found, counts = reactions.react(actor=user, target_type="message", target_id=data.get("message_id"),
                                            kind=data.get("kind"), on=on if isinstance(on, bool) else None)
        except DomainError as err:
            handled(err)
            code = {"not_found": "not_found", "unknown_kind": "invalid", "held": "not_allowed"}.get(err.code, "not_allowed")
            return {"ok": False, "error": code, "message": err.message}
        socketio.emit("message_updated", {**services.serialise(found.model, found.room_key), "reactions": counts},
                      to=found.room_key, namespace=NAMESPACE)
        return {"ok": True, "reactions": counts}

    def on_typing(self, sid: str, data: Any = None) -> None:
        conn = presence.get(sid)
        room_key = str(data.get("room") if isinstance(data, dict) else "")
        if conn is not None and room_key in conn.rooms:
            socketio.emit("typing", {"room": room_key, "name": conn.name, "username": conn.username}, to=room_key, skip_sid=sid, namespace=NAMESPACE)

    @_member_event
    def on_read(self, sid: str, user: Member, data: dict[str, Any]) -> dict[str, Any]:
        room, last = services.mark_read(actor=user, room_key=str(data.get("room") or ""), message_id=data.get("id"))
        delivery.on_read(user_id=user.id, room_key=room.key, last_read_id=last, skip_sid=sid)   # this socket's own notice
        return {"ok": True, "last_read_id": last}


def remember_browser(sender: Any, user: Any, **_: Any) -> None:
    """On login: the key that ties this browser's sockets to its session (logout ends them)."""
    session[BROWSER_KEY] = secrets.token_hex(8)
