"""The append-only audit log: every decision, sanction, context note, watched-word change,
role change, verification decision and export writes one entry through `record`.
`record` adds to the caller's transaction; the caller commits."""
from __future__ import annotations

from typing import Any

from ..extensions import db
from .models import AuditEntry


def record(*, actor: Any, action: str, target: Any = None, target_type: str | None = None,
           target_id: int | None = None, detail: dict[str, Any] | None = None, reason: str = "") -> AuditEntry:
    if target is not None:
        target_type = target_type or getattr(target, "__tablename__", type(target).__name__).rstrip("s")
        target_id = target_id if target_id is not None else getattr(target, "id", None)
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        actor_name=getattr(actor, "username", None) or "system",
        action=action,
        target_type=target_type,
        target_id=target_id,
        detail=detail or {},
        reason=(reason or "")[:1000],
    )
    db.session.add(entry)
    return entry
