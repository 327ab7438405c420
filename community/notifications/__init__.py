"""Between visits: notifications (every kind, one service), following (thread levels,
condition watches, read positions, bookmarks), @mentions and the notification-email
preference with its digest. `init_app` registers the pages, the API routes, the live count,
the event subscribers and the `notifications` CLI group."""
from __future__ import annotations

from typing import Any

import click
from flask import Flask


def init_app(app: Flask) -> None:
    from ..mail.services import register_scope

    register_scope("notifications", "Notification emails (replies, mentions, digests)")
    from .. import events
    from . import api, following, live, subscribers  # noqa: F401  (api routes register on the API blueprint)
    from .views import bp

    # Fan-out after the request (worker.py); tests run it inline unless they ask otherwise.
    app.config.setdefault("NOTIFY_IN_BACKGROUND", not app.config.get("TESTING"))
    app.register_blueprint(bp)
    live.init_app(app)
    events.subscribe("post.saved", subscribers.on_post_saved)
    events.subscribe("post.deleted", subscribers.on_post_deleted)
    events.subscribe("moderation.decided", subscribers.on_moderation_decided)
    events.subscribe("chat.message_sent", subscribers.on_chat_message_sent)
    events.subscribe("reaction.added", subscribers.on_reaction_added)
    events.subscribe("condition.left", following.on_condition_left)
    events.hook("user.deleting", subscribers.on_user_deleting)
    events.hook("user.exporting", subscribers.on_user_exporting)
    app.cli.add_command(notifications_cli)


@click.group("notifications", help="Notification emails.")
def notifications_cli() -> None:
    pass


@notifications_cli.command("digest")
def digest_command() -> Any:
    """Build the digests of members who are due and hand them to the mail capability."""
    from .digest import run_digests

    due, sent = run_digests()
    click.echo(f"{due} member(s) due, {sent} digest(s) handed to mail"
               + ("" if sent == due else " (no mail capability yet: nothing sent)" if sent == 0 else ""))
