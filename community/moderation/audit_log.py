"""Reading the audit log: filters for the page and the CSV download."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..extensions import db
from .models import AuditEntry


@dataclass
class Filters:
    action: str | None = None
    actor: str | None = None
    target_type: str | None = None

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        return cls(action=(args.get("action") or "").strip() or None, actor=(args.get("actor") or "").strip() or None,
                   target_type=(args.get("target_type") or "").strip() or None)


def entries(f: Filters, *, limit: int | None) -> Iterator[AuditEntry]:
    q = sa.select(AuditEntry).order_by(AuditEntry.id.desc())
    if f.action:
        q = q.where(AuditEntry.action.startswith(f.action))
    if f.actor:
        q = q.where(AuditEntry.actor_name == f.actor)
    if f.target_type:
        q = q.where(AuditEntry.target_type == f.target_type)
    if limit:
        q = q.limit(limit)
    return iter(db.session.scalars(q.execution_options(yield_per=500)))


def neutralise(value: str) -> str:
    """Spreadsheet formula injection guard for CSV cells."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
