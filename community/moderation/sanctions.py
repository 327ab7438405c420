"""Sanctions: warn, mute (no posting or chat) for a duration, suspend until a date (read only;
can still download or delete their data), ban. Repeat offences suggest the next step."""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from .. import events, permissions
from ..auth.models import User
from ..db import utcnow
from ..errors import Invalid, NotFound
from ..extensions import db
from .audit import record
from .models import Sanction, SanctionKind
from ..notifications.services import notify

LADDER: list[tuple[SanctionKind, dt.timedelta | None]] = [
    (SanctionKind.WARN, None),
    (SanctionKind.MUTE, dt.timedelta(days=1)),
    (SanctionKind.MUTE, dt.timedelta(days=7)),
    (SanctionKind.SUSPEND, dt.timedelta(days=30)),
    (SanctionKind.BAN, None),
]


def suggest(user: User) -> tuple[SanctionKind, dt.timedelta | None]:
    """The next step for a member, from how many sanctions they already had."""
    count = db.session.scalar(sa.select(sa.func.count(Sanction.id)).where(Sanction.user_id == user.id)) or 0
    return LADDER[min(count, len(LADDER) - 1)]


def sanction(*, actor: User, user: User, kind: str, reason: str, until: dt.datetime | None = None,
             duration: dt.timedelta | None = None) -> Sanction:
    """A moderator sanctions a member. Mutes and suspensions need an end in the future.
    Suspensions and bans sign the member out everywhere (and close chat sockets).
    Audited, the member is notified. Commits."""
    permissions.require(permissions.can_moderate(actor))
    if permissions.is_moderator(user) and not permissions.is_admin(actor):
        permissions.require(False, "Only admins can sanction staff.")
    try:
        k = SanctionKind(kind)
    except ValueError:
        raise Invalid("kind", "Choose warn, mute, suspend or ban.") from None
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("reason", "Give a reason: the member will see it.")
    now = utcnow()
    if duration is not None:
        until = now + duration
    if k in {SanctionKind.MUTE, SanctionKind.SUSPEND}:
        if until is None or until <= now:
            raise Invalid("until", "Choose an end date in the future.")
    else:
        until = None
    row = Sanction(user_id=user.id, kind=k, reason=reason[:1000], until=until, created_by_id=actor.id)
    db.session.add(row)
    if k == SanctionKind.MUTE:
        user.muted_until = max(filter(None, [user.muted_until, until]))
        text = f"A moderator muted you until {until:%d %b %Y %H:%M} UTC: you can read but not post or chat. Reason: {reason}"
    elif k == SanctionKind.SUSPEND:
        user.suspended_until = max(filter(None, [user.suspended_until, until]))
        user.session_version += 1
        text = (f"Your account is suspended until {until:%d %b %Y %H:%M} UTC. You can still log in to read, "
                f"download or delete your data. Reason: {reason}")
    elif k == SanctionKind.BAN:
        user.banned_at = now
        user.session_version += 1
        text = f"Your account is banned. Reason: {reason}"
    else:
        text = f"A moderator sent you a warning: {reason}"
    db.session.flush()
    record(actor=actor, action=f"sanction.{k.value}", target=user, target_type="user",
           detail={"until": until.isoformat() if until else None}, reason=reason)
    notify(user_id=user.id, kind=f"sanction.{k.value}", text=text)
    if k in {SanctionKind.SUSPEND, SanctionKind.BAN}:
        events.emit("user.sessions_revoked", user_id=user.id)
    elif k == SanctionKind.MUTE:
        events.emit("user.muted", user_id=user.id, until=until)
    db.session.commit()
    return row


def lift(*, actor: User, sanction_id: int, reason: str = "") -> Sanction:
    permissions.require(permissions.can_moderate(actor))
    row = db.session.get(Sanction, sanction_id)
    if row is None:
        raise NotFound("No such sanction.")
    undo(actor=actor, row=row, reason=reason)
    db.session.commit()
    return row


def undo(*, actor: User, row: Sanction, reason: str = "") -> None:
    """Lift a sanction in the caller's transaction (a lift, or an upheld appeal). Audited."""
    user = db.session.get(User, row.user_id)
    row.lifted_at = utcnow()
    if row.kind == SanctionKind.MUTE:
        user.muted_until = None
    elif row.kind == SanctionKind.SUSPEND:
        user.suspended_until = None
    elif row.kind == SanctionKind.BAN:
        user.banned_at = None
    record(actor=actor, action=f"sanction.lift.{row.kind.value}", target=user, target_type="user", reason=reason)
    notify(user_id=user.id, kind="sanction.lifted", text=f"A moderator lifted your {row.kind.value}.")


def for_user(user: User) -> list[Sanction]:
    return list(db.session.scalars(sa.select(Sanction).where(Sanction.user_id == user.id).order_by(Sanction.id.desc())))


def silence_notice(user: Any) -> dict[str, Any] | None:
    """Why and until when a member can't write (shown instead of the forms they can't use),
    None when they can. Costs no query unless the member is muted, suspended or banned."""
    if not permissions.is_member(user):
        return None
    banned, until = permissions.is_banned(user), permissions.silenced_until(user)
    if not banned and until is None:
        return None
    kinds = [SanctionKind.BAN] if banned else [SanctionKind.MUTE, SanctionKind.SUSPEND]
    rows = [r for r in db.session.scalars(sa.select(Sanction).where(
        Sanction.user_id == user.id, Sanction.lifted_at.is_(None), Sanction.kind.in_(kinds)).order_by(Sanction.id.desc()))
        if banned or (r.until is not None and r.until > utcnow())]
    row = max(rows, key=lambda r: (r.until or utcnow(), r.id)) if rows else None
    from .models import Appeal

    appealed = row is not None and db.session.scalar(sa.select(Appeal.id).where(
        Appeal.user_id == user.id, Appeal.sanction_id == row.id).limit(1)) is not None
    kind = "ban" if banned else ("suspend" if permissions.is_suspended(user) else "mute")
    return {"kind": kind, "until": None if banned else until, "reason": row.reason if row else None,
            "sanction_id": row.id if row else None, "appealed": appealed}


def active_notice(user: Any) -> str | None:
    """The banner a sanctioned member sees on every page."""
    until = permissions.silenced_until(user)
    if permissions.is_suspended(user) and until:
        return f"Your account is suspended until {until:%d %b %Y %H:%M} UTC: you can read, download or delete your data."
    if until:
        return f"You are muted until {until:%d %b %Y %H:%M} UTC: you can read but not post or chat."
    return None
