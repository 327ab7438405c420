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
from ..auth.models import User
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
