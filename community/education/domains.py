"""The admins' lists of trusted and flagged source domains, and the cached look-up the
moderation gate and the post renderer use (one read per process every few seconds, and at once
after a change made in this process)."""
from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import permissions
from ..errors import Invalid, NotFound
from ..extensions import db
from ..moderation.audit import record
from .models import DomainKind, SourceDomain
from .sources import normalise_domain

RECHECK_SECONDS = 5.0
_cache: dict[str, Any] = {}


def _lists() -> dict[DomainKind, frozenset[str]]:
    token = current_app.extensions.setdefault("harbor_domains_token", object())
    now = time.monotonic()
    if _cache.get("app") is token and now - _cache.get("at", -1e9) < RECHECK_SECONDS:
        return _cache["lists"]  # type: ignore[no-any-return]
    rows = db.session.execute(sa.select(SourceDomain.domain, SourceDomain.kind)).all()
    lists = {k: frozenset(d for d, kind in rows if kind == k) for k in DomainKind}
    _cache.update(app=token, at=now, lists=lists)
    return lists


def invalidate() -> None:
    _cache.clear()


def flagged_domains() -> frozenset[str]:
    return _lists()[DomainKind.FLAGGED]


def trusted_domains() -> frozenset[str]:
    return _lists()[DomainKind.TRUSTED]


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
