"""JSON shapes shared by the API routes (and the chat), so a field is spelt once."""
from __future__ import annotations

from typing import Any

from ..clinicians.badges import badge_of


def author_json(user: Any) -> dict[str, Any]:
    if user is None:
        return {"name": "former member", "badge": None}
    return {"name": user.name, "username": user.username, "badge": badge_of(user)}


def thread_summary(t: Any, condition: str | None = None) -> dict[str, Any]:
    """A thread from the read models (reading.ThreadRow, or a ThreadListRow with its condition's slug)."""
    return {
        "id": t.id,
        "title": t.title,
        "condition": condition or (t.condition.slug if getattr(t, "condition", None) else None),
        "status": str(t.status),
        "is_question": t.is_question,
        "reply_count": t.reply_count,
        "last_activity_at": t.last_activity_at.isoformat(),
        "created_at": t.created_at.isoformat(),
        "author": author_json(t.author),
    }


def post_json(p: Any) -> dict[str, Any]:
    return {
        "id": p.id,
        "author": author_json(p.author),
        "body_html": p.body_html,
        "status": str(p.status),
        "created_at": p.created_at.isoformat(),
        "edited_at": p.edited_at.isoformat() if p.edited_at else None,
        "reactions": dict(getattr(p, "reactions", None) or {}),
    }
