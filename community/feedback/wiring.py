"""How feedback plugs into the app (called by create_app): hooks that run inside other
capabilities' transactions (a saved post gets its tags, account deletion and the data download
cover care feedback), after-commit routing and alerts, responses, and feedback as a
moderation target (a crisis in care feedback reaches the queue)."""
from __future__ import annotations

from typing import Any

from .. import events, periodic
from ..moderation import targets
from . import alerts, responses, services
from .target import FeedbackTarget


def init_app(app: Any) -> None:
    events.hook("post.saved", services.on_post_saved)
    events.hook("user.deleting", services.on_user_deleting)
    events.hook("user.exporting", services.on_user_exporting)
    targets.register("feedback", FeedbackTarget())
    alerts.init_app(app)
    responses.init_app(app)
    # Escalation of unacknowledged critical items (`flask feedback escalate`), also run by the
    # server's background worker.
    periodic.register("feedback.escalate", alerts.escalate_unacknowledged, every="FEEDBACK_ESCALATE_SECONDS",
                      default=300)
