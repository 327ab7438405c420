"""Ignoring a member, everywhere. The ignorer no longer sees the ignored member's forum posts
(collapsed to "a post by a member you ignore" in thread pages and search) nor their chat
messages (left out of `history`; the room page hands its script the ignored names for live
messages); the ignored member's mentions, replies and reactions don't notify the ignorer
(notifications/fanout.py) and they can't start or write in a private conversation with them
(chat, with the same neutral refusal as a block). The ignored member is never told. Staff
moderation views are not affected. `init_app` registers the pages, the API routes, a template
helper and the account-data hooks."""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from .. import events
    from . import services, views

    app.register_blueprint(views.bp)
    app.jinja_env.globals["is_ignoring"] = lambda member: services.is_ignoring(_viewer(), member)
    app.jinja_env.globals["can_ignore"] = lambda member: services.can_ignore(_viewer(), member)
    events.hook("user.deleting", services.on_user_deleting)
    events.hook("user.exporting", services.on_user_exporting)


def _viewer():  # type: ignore[no-untyped-def]
    from flask_login import current_user

    return current_user
