"""How the clinicians capability plugs into the app (called by create_app): a new question
notifies the opted-in verified clinicians inside the post's own transaction (a hook)."""
from __future__ import annotations

from typing import Any

from .. import events
from . import services


def init_app(app: Any) -> None:
    events.hook("post.saved", services.on_post_saved)
