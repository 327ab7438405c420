"""Private conversations between two members and blocks. Peers only: a clinician and a patient
can't start one with each other (unless ALLOW_CLINICIAN_PATIENT_DM), nor can members who
blocked each other. Every change commits and emits `chat.dm_changed` (each member's lobby is
told after the commit)."""
from __future__ import annotations

import sqlalchemy as sa

from .. import events
from ..auth.models import User
from ..errors import Invalid, NotAllowed, NotFound
from ..extensions import db
from ..notifications.services import notify
from .access import dm_refusal
from .models import Block, DirectConversation, DirectState, Room, RoomKind


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def conversation_between(a: User, b: User) -> DirectConversation | None:
    low, high = _pair(a.id, b.id)
    return db.session.scalar(sa.select(DirectConversation).where(
        DirectConversation.user_low_id == low, DirectConversation.user_high_id == high))


def request_conversation(*, actor: User, other: User) -> DirectConversation:
    """Ask another member for a private conversation. Commits."""
    reason = dm_refusal(actor, other)
    if reason is not None:
        raise NotAllowed(reason)
    conv = conversation_between(actor, other)
    if conv is not None and conv.state != DirectState.DECLINED:
        return conv
    if conv is None:
        room = Room(kind=RoomKind.DIRECT)
        db.session.add(room)
        db.session.flush()
        low, high = _pair(actor.id, other.id)
        conv = DirectConversation(room_id=room.id, user_low_id=low, user_high_id=high, requested_by_id=actor.id)
        db.session.add(conv)
    conv.state, conv.requested_by_id = DirectState.REQUESTED, actor.id
    notify(user_id=other.id, kind="chat.request", text=f"{actor.name} asks for a private conversation.", link="/chat/private")
    db.session.flush()
    events.emit("chat.dm_changed", room_id=conv.room_id, user_ids=[actor.id, other.id])
    db.session.commit()
    return conv


def _conversation_for(actor: User, room_id: int) -> DirectConversation:
    conv = db.session.get(DirectConversation, room_id)
    if conv is None or not conv.includes(actor.id):
        raise NotFound("There is no such conversation.")
    return conv


def answer_request(*, actor: User, room_id: int, accept: bool) -> DirectConversation:
    """The asked member accepts (the conversation opens) or declines. Commits."""
    conv = _conversation_for(actor, room_id)
    if conv.state != DirectState.REQUESTED or conv.requested_by_id == actor.id:
        raise Invalid("request", "There is no request for you to answer here.")
    other = db.session.get(User, conv.requested_by_id)
    if accept:
        reason = "This conversation can't be opened." if other is None else dm_refusal(actor, other)
        if reason is not None:
            raise NotAllowed(reason)
        conv.state = DirectState.OPEN
        notify(user_id=other.id, kind="chat.accepted", text=f"{actor.name} accepted your private conversation.",
               link=f"/chat/private/{conv.room_id}")
    else:
        conv.state = DirectState.DECLINED
    events.emit("chat.dm_changed", room_id=conv.room_id, user_ids=[conv.user_low_id, conv.user_high_id])
    db.session.commit()
    return conv


def conversations(*, actor: User) -> list[DirectConversation]:
    return list(db.session.scalars(sa.select(DirectConversation).where(
        sa.or_(DirectConversation.user_low_id == actor.id, DirectConversation.user_high_id == actor.id),
        DirectConversation.state != DirectState.DECLINED).order_by(DirectConversation.created_at.desc())))


def block(*, actor: User, other: User) -> None:
    """No more messages or requests between the two, either way. Commits."""
    if other.id == actor.id:
        raise Invalid("username", "You can't block yourself.")
    if db.session.get(Block, (actor.id, other.id)) is None:
        db.session.add(Block(blocker_id=actor.id, blocked_id=other.id))
    conv = conversation_between(actor, other)
    events.emit("chat.dm_changed", room_id=conv.room_id if conv else None, user_ids=[actor.id, other.id])
    db.session.commit()


def unblock(*, actor: User, other: User) -> None:
    """Commits."""
    row = db.session.get(Block, (actor.id, other.id))
    if row is not None:
        db.session.delete(row)
    db.session.commit()


def blocked_by(actor: User) -> list[User]:
    return list(db.session.scalars(sa.select(User).join(Block, Block.blocked_id == User.id).where(Block.blocker_id == actor.id)))


def is_blocking(actor: User, other: User) -> bool:
    return db.session.get(Block, (actor.id, other.id)) is not None
