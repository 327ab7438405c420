"""How the chat capability plugs into the app (called by create_app): its Socket.IO namespace,
its moderation target, the domain events it reacts to inside other capabilities' transactions
(hooks: a new condition gets its room, account deletion and the data download cover chat
messages) and those whose effects it delivers after the commit (subscribers: delivery.py)."""
from __future__ import annotations

from typing import Any

from flask_login import user_logged_in

from .. import events
from ..extensions import socketio
from ..moderation import targets
from . import delivery, messages, rooms
from .access import dm_refusal
from .namespace import NAMESPACE, ChatNamespace, remember_browser
from .target import MessageTarget


def init_app(app: Any) -> None:
    socketio.on_namespace(ChatNamespace(NAMESPACE))
    user_logged_in.connect(remember_browser, app)
    targets.register("message", MessageTarget())
    # A profile's "Ask for a private conversation" shows only where one can start.
    app.extensions.setdefault("harbor_member_action_checks", {})["chat.request_dm"] = \
        lambda viewer, member: dm_refusal(viewer, member) is None
    events.hook("condition.created", rooms.on_condition_created)
    events.hook("user.deleting", messages.on_user_deleting)
    events.hook("user.exporting", messages.on_user_exporting)
    events.subscribe("chat.message_created", delivery.on_message_created)
    events.subscribe("chat.message_edited", delivery.on_message_edited)
    events.subscribe("chat.message_changed", delivery.on_message_changed)
    events.subscribe("chat.dm_changed", delivery.on_dm_changed)
    events.subscribe("user.presence_visibility", delivery.on_presence_visibility)
    events.subscribe("user.sessions_revoked", delivery.on_sessions_revoked)
    events.subscribe("user.logged_out", delivery.on_logged_out)
    events.subscribe("user.session_ended", delivery.on_session_ended)
    events.subscribe("user.muted", delivery.on_muted)
