"""How moderation plugs into the app (called by create_app): the kinds of content it acts on
that are not chat messages (posts, members; chat registers its own) and the live alerts that
follow `moderation.crisis` after the commit, and the crisis timer as a periodic job."""
from __future__ import annotations

from typing import Any

from .. import events, periodic
from ..forums.moderation_target import PostTarget
from . import alerts, oncall, safety, targets
from .screening import crisis


def init_app(app: Any) -> None:
    targets.register("post", PostTarget())
    targets.register("user", targets.UserTarget())
    alerts.init_app(app)
    crisis.use_model(app.config.get("CRISIS_MODEL", True))
    events.subscribe("moderation.crisis", alerts.on_crisis)
    events.hook("moderation.crisis", oncall.on_crisis)   # the on-call list, in the queueing transaction
    # The crisis timer (`flask moderation sweep`), also run by the server's background worker.
    periodic.register("moderation.sweep", safety.sweep_unclaimed_crises, every="MODERATION_SWEEP_SECONDS", default=60)
