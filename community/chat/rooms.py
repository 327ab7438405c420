"""Chat rooms: a condition's room (made with the condition, or on first use) and the rooms of
private conversations, found by the contract's room names (`condition:<slug>`, `dm:<id>`).

`room_ref` is the send path's view of a room, kept in the app's cache (cache.py): a room's id,
kind and condition never change once made."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from .. import cache
from ..auth.models import User
from ..errors import NotFound
from ..extensions import db
from ..forums.models import Condition, ConditionMember
from .models import DirectConversation, DirectState, Room, RoomKind


def condition_room(condition: Condition) -> Room:
    """The condition's room, made on first use (the CLI's `conditions create` makes it too)."""
    room = db.session.scalar(sa.select(Room).where(Room.condition_id == condition.id))
    if room is None:
        room = Room(kind=RoomKind.CONDITION, condition_id=condition.id)
        db.session.add(room)
        try:
            db.session.flush()
        except IntegrityError:   # another request made it first
            db.session.rollback()
            room = db.session.scalar(sa.select(Room).where(Room.condition_id == condition.id))
            assert room is not None
    return room


def on_condition_created(*, condition: Any, **_: Any) -> None:
    """Hook of `condition.created`: "creates a condition community (forum + chat room)"."""
    db.session.flush()
    condition_room(condition)


def room_by_key(key: str) -> Room:
    kind, _, rest = (key or "").partition(":")
    room: Room | None = None
    if kind == "condition" and rest:
        cond = db.session.scalar(sa.select(Condition).where(Condition.slug == rest))
        room = condition_room(cond) if cond is not None else None
    elif kind == "dm" and rest.isdigit():
        room = db.session.get(Room, int(rest))
        room = room if room is not None and room.kind == RoomKind.DIRECT else None
    if room is None:
        raise NotFound("There is no such room.")
    return room


@dataclass(frozen=True)
class RoomRef:
    """What the send path needs of a room (access.check_read/check_write accept it as they
    accept a Room)."""

    id: int
    kind: str
    condition_id: int | None
    key: str


_refs = cache.Cache("chat.rooms", max_items=10_000)


def room_ref(key: str) -> RoomRef:
    ref = _refs.get(key)
    if ref is None:
        room = room_by_key(key)
        ref = RoomRef(room.id, str(room.kind), room.condition_id, room.key)
        _refs.put(ref.key, ref)
    return ref


def direct_of(room: Room | RoomRef) -> DirectConversation | None:
    return db.session.get(DirectConversation, room.id) if room.kind == RoomKind.DIRECT else None


def rooms_for(user: User) -> list[Room]:
    """Every room the member can open: joined conditions' rooms, then open conversations."""
    conds = db.session.scalars(sa.select(Condition).join(ConditionMember, ConditionMember.condition_id == Condition.id)
                               .where(ConditionMember.user_id == user.id).order_by(Condition.name)).all()
    rooms = [condition_room(c) for c in conds]
    convs = db.session.scalars(sa.select(DirectConversation).where(
        sa.or_(DirectConversation.user_low_id == user.id, DirectConversation.user_high_id == user.id),
        DirectConversation.state == DirectState.OPEN)).all()
    return rooms + [c.room for c in convs]


def room_title(room: Room, viewer: User) -> str:
    if room.kind == RoomKind.CONDITION and room.condition is not None:
        return room.condition.name
    conv = direct_of(room)
    other = db.session.get(User, conv.other(viewer.id)) if conv else None
    return f"Private conversation with {other.name if other else 'former member'}"
