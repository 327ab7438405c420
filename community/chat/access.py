"""Who may read and write in a chat room (Zulip's `access_*` helpers): a condition's room is
for the members who joined the condition (and moderators); a private conversation for its two
members while it is open and nobody blocked the other. Raises the domain errors whose codes
the socket acks carry (`not_allowed`, `not_member`, `muted`)."""
from __future__ import annotations

import functools
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import permissions
from ..auth.models import Role, User
from ..errors import DomainError, NotAllowed
from ..extensions import db
from ..forums.models import ConditionMember
from ..ignoring.services import between as ignores_between
from .live import RateLimiter
from .models import Block, DirectState, Room, RoomKind
from .rooms import RoomRef, direct_of


# Every chat event checks membership: the statement is built once (functools.cache), so
# SQLAlchemy finds its compiled SQL without building and hashing it again (bench/README.md).
@functools.cache
def _joined_statement() -> Any:
    m = ConditionMember.__table__.c
    return sa.select(m.user_id).where(m.user_id == sa.bindparam("user_id"), m.condition_id == sa.bindparam("condition_id"))


def joined(user: Any, condition_id: int) -> bool:
    known = getattr(user, "membership", None)   # read with a chat event's member (members.load_member)
    if known is not None and known[0] == condition_id:
        return bool(known[1])
    params = {"user_id": user.id, "condition_id": condition_id}
    return db.session.connection().execute(_joined_statement(), params).first() is not None


def blocked_between(a_id: int, b_id: int) -> bool:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Block).where(
        sa.or_(sa.and_(Block.blocker_id == a_id, Block.blocked_id == b_id),
               sa.and_(Block.blocker_id == b_id, Block.blocked_id == a_id)))) > 0


def check_not_ignored(actor_id: int, other_id: int, neutral: str) -> None:
    """A private conversation needs neither to ignore the other. The ignored member gets the
    same neutral refusal as for a block (they are never told they are ignored); the ignorer is
    told why."""
    mine, theirs = ignores_between(actor_id, other_id)
    if theirs:
        raise NotAllowed(neutral, code="not_allowed")
    if mine:
        raise NotAllowed("You ignore this member: stop ignoring them (Settings → Ignored members) to message them.",
                         code="not_allowed")


def dm_refusal(actor: Any, other: Any) -> str | None:
    """Why `actor` can't ask `other` for a private conversation, in words for the actor, or None
    when they can. A member blocked or ignored by the other gets one neutral reason for both,
    so they can't tell which (nor that they are ignored); their own block or ignore is named."""
    if not permissions.is_member(actor) or other is None:
        return "Log in to start a private conversation."
    if actor.id == other.id:
        return "You can't start a private conversation with yourself."
    if permissions.is_muted(actor):
        until = permissions.silenced_until(actor)
        return "Your account can't send messages right now" + (f" (until {until:%d %b %Y %H:%M} UTC)." if until else ".")
    if permissions.is_banned(other):
        return f"{other.name}'s account is closed, so they can't take part in private conversations."
    if not permissions.can_start_dm(actor, other, allow_clinician_patient=allow_clinician_dm()):
        if {actor.role, other.role} == {Role.CLINICIAN, Role.PATIENT}:
            return ("Clinicians and patients can't start private conversations with each other here; "
                    "ask in the condition forum instead.")
        return "You can't start a private conversation with this member."
    mine_ignored, theirs_ignored = ignores_between(actor.id, other.id)
    blocks = set(db.session.scalars(sa.select(Block.blocker_id).where(
        sa.or_(sa.and_(Block.blocker_id == actor.id, Block.blocked_id == other.id),
               sa.and_(Block.blocker_id == other.id, Block.blocked_id == actor.id)))))
    if actor.id in blocks:
        return f"You blocked {other.name}: unblock them on Private conversations first."
    if mine_ignored:
        return "You ignore this member: stop ignoring them (Settings → Ignored members) to message them."
    if other.id in blocks or theirs_ignored:
        return NEUTRAL_DM_REFUSAL.format(name=other.name)
    return None


# The one reason a member blocked or ignored by the other is given (never which of the two).
NEUTRAL_DM_REFUSAL = "{name} isn't taking private conversation requests from you."


def allow_clinician_dm() -> bool:
    return bool(current_app.config.get("ALLOW_CLINICIAN_PATIENT_DM"))


def check_read(user: Any, room: Room | RoomRef) -> None:
    """Raise unless `user` may read `room`."""
    if not permissions.is_member(user) or permissions.is_banned(user):
        raise NotAllowed("Log in to use chat.", code="not_allowed")
    if room.kind == RoomKind.CONDITION:
        if room.condition_id is not None and not joined(user, room.condition_id) and not permissions.is_moderator(user):
            raise NotAllowed("Join this condition's community to use its chat room.", code="not_member")
        return
    conv = direct_of(room)
    if conv is None or not conv.includes(user.id):
        # Moderators see private messages only through a report (the queue shows the context).
        raise NotAllowed("This conversation is private.", code="not_member")


def can_read(user: Any, room: Room | RoomRef) -> bool:
    try:
        check_read(user, room)
    except DomainError:
        return False
    return True


def check_write(user: Any, room: Room | RoomRef) -> None:
    check_read(user, room)
    until = permissions.silenced_until(user)
    if until is not None or not permissions.can_write(user):
        raise NotAllowed("You can't send messages right now" + (f" (until {until:%d %b %Y %H:%M} UTC)." if until else "."),
                         code="muted", extra={"until": until.isoformat() if until else None})
    conv = direct_of(room)
    if conv is not None:
        other = db.session.get(User, conv.other(user.id))
        if conv.state != DirectState.OPEN:
            raise NotAllowed("This conversation opens when the other member accepts.", code="not_allowed")
        if other is None or blocked_between(user.id, other.id) or not permissions.can_start_dm(
                user, other, allow_clinician_patient=allow_clinician_dm()):
            raise NotAllowed("You can't send messages in this conversation.", code="not_allowed")
        check_not_ignored(user.id, other.id, "You can't message this member.")


class RateLimited(DomainError):
    """Too many messages at once."""

    status = 429
    code = "rate_limited"


def _limiter() -> RateLimiter | None:
    cfg = current_app.config
    if not cfg.get("RATELIMIT_ENABLED", True):
        return None
    lim = current_app.extensions.get("harbor_chat_limiter")
    if lim is None:
        lim = current_app.extensions["harbor_chat_limiter"] = RateLimiter(int(cfg["CHAT_RATE_BURST"]),
                                                                          float(cfg["CHAT_RATE_PER_SECOND"]))
    return lim


def check_rate(user_id: int) -> None:
    """Raise RateLimited when the member sends faster than CHAT_RATE_BURST at once, then
    CHAT_RATE_PER_SECOND (one token bucket per member and process, for the socket and the form)."""
    lim = _limiter()
    if lim is not None and not lim.allow(user_id):
        raise RateLimited("You are sending messages very fast: wait a moment.",
                          extra={"retry_after": round(lim.retry_after(user_id), 1)})


def can_write(user: Any, room: Room | RoomRef) -> tuple[bool, str]:
    """Whether `user` may send in `room`, and why not."""
    try:
        check_write(user, room)
    except DomainError as err:
        return False, err.message
    return True, ""
