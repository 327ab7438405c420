"""Reactions (heart, hug, me too, helpful) on posts and chat messages. `init_app` registers
the page routes, the API routes and the account-data subscribers; the chat's `react` event
lives in the chat namespace and calls the same service."""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from .. import events
    from . import services, views

    from .models import LABELS, SYMBOLS

    kinds = [(k.value, LABELS[k], SYMBOLS[k]) for k in LABELS]
    app.register_blueprint(views.bp)
    app.jinja_env.globals["reaction_kinds"] = lambda: kinds
    events.hook("user.deleting", services.on_user_deleting)
    events.hook("user.exporting", services.on_user_exporting)
