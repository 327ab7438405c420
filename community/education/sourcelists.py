"""The cached look-up of the trusted and flagged source domains that the moderation gate and
the post renderer use: one read per process every few seconds, and at once after a change made
in this process. Imports models only, so the gate and the renderer can depend on it."""
from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa
from flask import current_app

from ..extensions import db
from .models import DomainKind, SourceDomain

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
