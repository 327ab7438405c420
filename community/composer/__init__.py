"""The composer: Markdown preview, drafts kept on the server while a member writes (a reply
survives a closed tab), and quoting a post into a reply (static/js/composer.js). `init_app`
registers its routes and the subscribers that drop a draft once it is posted and handle the
member's data."""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from .. import events
    from . import services, views

    app.register_blueprint(views.bp)
    events.subscribe("post.saved", services.on_post_saved)
    events.hook("user.deleting", services.on_user_deleting)
    events.hook("user.exporting", services.on_user_exporting)
