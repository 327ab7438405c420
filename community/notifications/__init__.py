"""Between visits: notifications (every kind, one service), following (thread levels,
condition watches, read positions, bookmarks), @mentions and the notification emails (digest
and "immediately when away", per the member's one email preference, community/mail).
`init_app` registers the pages, the API routes, the live count, the event subscribers, the
`notifications` CLI group and the periodic email jobs."""
from __future__ import annotations

from typing import Any

import click
from flask import Flask


def init_app(app: Flask) -> None:
    from .. import events, periodic
    from . import api, digest, following, live, subscribers  # noqa: F401  (api routes register on the API blueprint)
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
    # Run by the server's background worker too (community/periodic.py); cron may run the CLI.
    periodic.register("notifications.immediate", digest.run_immediate, every="NOTIFY_IMMEDIATE_SECONDS", default=60)
    periodic.register("notifications.digest", digest.run_digests, every="NOTIFY_DIGEST_SECONDS", default=900)


@click.group("notifications", help="Notification emails.")
def notifications_cli() -> None:
    pass


@notifications_cli.command("digest")
def digest_command() -> Any:
    """Queue the notification emails of members who are due (the mail worker or `mail send` sends them)."""
    from .digest import run_digests

    due, sent = run_digests()
    click.echo(f"{due} member(s) due, {sent} email(s) queued")
