"""API tokens: issued by `POST /api/v1/tokens` or the settings page, each with a label, an
expiry (`API_TOKEN_DAYS`), and when it was last used (written at most once a minute). Only the
SHA-256 of a token is stored. A password change ends them all (sessions.end_all_sessions)."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import contains_eager

from .. import permissions
from ..db import utcnow
from ..errors import Invalid, NotFound
from ..extensions import db, read_only
from ..moderation.audit import record
from . import loading
from .models import ApiToken, User

TOUCH_EVERY = dt.timedelta(minutes=1)
LABEL_MAX = 80


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(*, actor: User, name: str = "api", scope: str = "all", days: int | None = None) -> str:
    """Create an API token for the actor; the clear token is returned once and never stored.
    Audited (the label, never the token). Commits."""
    if scope not in {"all", "export"}:
        raise Invalid("scope", "Scope is 'all' or 'export'.")
    if scope == "export":
        permissions.require(permissions.can_export_feedback(actor))
    label = (name or "").strip()[:LABEL_MAX] or "api"
    lifetime = days if days is not None else int(current_app.config["API_TOKEN_DAYS"])
    if not 1 <= lifetime <= int(current_app.config["API_TOKEN_DAYS"]):
        raise Invalid("days", f"A token lasts from 1 to {current_app.config['API_TOKEN_DAYS']} days.")
    token = "hb_" + secrets.token_urlsafe(32)
    row = ApiToken(user_id=actor.id, token_hash=_digest(token), name=label, scope=scope,
                   expires_at=utcnow() + dt.timedelta(days=lifetime))
    db.session.add(row)
    db.session.flush()
    record(actor=actor, action="token.create", target=actor, target_type="user",
           detail={"token_id": row.id, "label": label, "scope": scope})
    db.session.commit()
    return token


@functools.cache
def _token_statement() -> Any:
    """The token's row by its digest, with its account in the same statement (auth/loading.py)."""
    return (sa.select(ApiToken, loading.has_verifications()).join(User, User.id == ApiToken.user_id)
            .where(ApiToken.token_hash == sa.bindparam("token_hash"))
            .options(contains_eager(ApiToken.user).lazyload(User.verifications)))


def user_for_token(token: str) -> tuple[User, ApiToken] | None:
    """The account and token row for a bearer token that is live (not revoked, not expired,
    account not banned). Marks it used, at most once a minute."""
    outer = db.session().in_transaction()
    found = db.session.execute(_token_statement(), {"token_hash": _digest(token)}).first()
    row = found.ApiToken if found is not None else None
    if found is not None:
        loading.settle(row.user, found.has_verifications)
    now = utcnow()
    if row is None or row.revoked_at is not None or row.user.banned_at is not None:
        return None
    if row.expires_at is not None and row.expires_at <= now:
        return None
    if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
        token_id, user_id = row.id, row.user_id
        if not outer:   # out of our own read's transaction, so a GET on SQLite takes the write lock
            db.session.rollback()
        flag = read_only.set(False)
        try:
            db.session.execute(sa.update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))
            db.session.commit()
        finally:
            read_only.reset(flag)
        row = db.session.get(ApiToken, token_id)
        if row is None or row.user_id != user_id or row.revoked_at is not None:
            return None
    return row.user, row


def list_tokens(*, actor: User) -> list[ApiToken]:
    """The actor's own live tokens, newest first."""
    return list(db.session.scalars(sa.select(ApiToken).where(
        ApiToken.user_id == actor.id, ApiToken.revoked_at.is_(None),
        sa.or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > utcnow())).order_by(ApiToken.id.desc())))


def revoke_token(*, actor: User, token_id: int) -> None:
    """The owner revokes one of their tokens: it stops working at once. Audited. Commits."""
    row = db.session.get(ApiToken, token_id)
    if row is None or row.user_id != actor.id or row.revoked_at is not None:
        raise NotFound("No such token.")
    row.revoked_at = utcnow()
    record(actor=actor, action="token.revoke", target=actor, target_type="user", detail={"token_id": row.id, "label": row.name})
    db.session.commit()
