"""In-app notifications: decisions about a member's content and reports, warnings, and
verification news. `notify` adds to the caller's transaction."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..db import utcnow
from ..extensions import db
from .models import Notification


def notify(*, user_id: int | None, kind: str, text: str, link: str | None = None) -> None:
    if user_id is None:
        return
    db.session.add(Notification(user_id=user_id, kind=kind, text=text, link=link))


def unread_count(user: Any) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Notification.id)).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    ) or 0


def list_for(user: Any, limit: int = 50) -> list[Notification]:
    return list(db.session.scalars(
        sa.select(Notification).where(Notification.user_id == user.id).order_by(Notification.id.desc()).limit(limit)))


def mark_all_read(*, actor: Any) -> None:
    db.session.execute(sa.update(Notification).where(Notification.user_id == actor.id, Notification.read_at.is_(None))
                       .values(read_at=utcnow()))
    db.session.commit()
