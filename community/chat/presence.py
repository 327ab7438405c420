"""The member's choice (Settings → Profile, or the chat lobby) to hide when they are online.
Written by auth.services.apply_hide_presence (the one place); the socket layer hears of it
through `user.presence_visibility` after the commit."""
from __future__ import annotations

from typing import Any

from ..auth import services as accounts
from ..auth.models import User
from ..extensions import db


def hides_presence(user_id: int) -> bool:
    user = db.session.get(User, user_id)
    return bool(user and user.hide_presence)


def set_hide_presence(*, actor: Any, hide: bool) -> None:
    """Commits; emits `user.presence_visibility`."""
    accounts.apply_hide_presence(actor=actor, hide=hide)
    db.session.commit()
