"""The admins' lists of trusted and flagged source domains: adding, moving and removing a
domain (the look-up the gate and renderer use is `sourcelists`)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .. import permissions
from ..errors import Invalid, NotFound
from ..extensions import db
from ..moderation.audit import record
from .models import DomainKind, SourceDomain
from .sourcelists import invalidate
from .sources import normalise_domain


def set_domain(*, actor: Any, domain: str, kind: DomainKind, note: str = "") -> SourceDomain:
    """An admin (or the CLI, actor None) marks a domain trusted or flagged; a domain is on one
    list at a time, so flagging a trusted domain moves it. Audited. Commits."""
    if actor is not None:
        permissions.require(permissions.can_manage_sources(actor))
    try:
        name = normalise_domain(domain)
    except ValueError as err:
        raise Invalid("domain", str(err)) from None
    row = db.session.scalar(sa.select(SourceDomain).where(SourceDomain.domain == name))
    if row is None:
        row = SourceDomain(domain=name, kind=kind, note=note.strip()[:300], added_by_id=getattr(actor, "id", None))
        db.session.add(row)
    else:
        row.kind, row.note = kind, (note.strip()[:300] or row.note)
    db.session.flush()
    record(actor=actor, action=f"source.{kind}", target_type="source_domain", target_id=row.id, detail={"domain": name})
    db.session.commit()
    invalidate()
    return row


def remove_domain(*, actor: Any, domain_id: int) -> None:
    permissions.require(permissions.can_manage_sources(actor))
    row = db.session.get(SourceDomain, domain_id)
    if row is None:
        raise NotFound("No such domain on the lists.")
    record(actor=actor, action="source.removed", target_type="source_domain", target_id=row.id, detail={"domain": row.domain})
    db.session.delete(row)
    db.session.commit()
    invalidate()


def all_domains() -> list[SourceDomain]:
    return list(db.session.scalars(sa.select(SourceDomain).order_by(SourceDomain.kind, SourceDomain.domain)))
