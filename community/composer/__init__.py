"""The composer: Markdown preview, drafts kept on the server while a member writes (a reply
survives a closed tab), and quoting a post into a reply (static/js/composer.js). `init_app`
registers its routes and the hooks that drop a draft with the post made from it and handle
the member's data."""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from .. import events
    from . import services, views

    app.register_blueprint(views.bp)
    events.hook("post.saved", services.on_post_saved)
    events.hook("user.deleting", services.on_user_deleting)
    events.hook("user.exporting", services.on_user_exporting)
