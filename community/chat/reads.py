"""Read positions and unread counts: the last message a member read in each room, kept on the
server so every device agrees."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..content import Status
from ..errors import Invalid
from ..extensions import db
from .access import check_read
from .models import Message, ReadPosition, Room
from .rooms import room_by_key


def mark_read(*, actor: Any, room_key: str, message_id: Any) -> tuple[Room, int]:
    """The member read up to `message_id` (never moves back). Commits."""
    room = room_by_key(room_key)
    check_read(actor, room)
    if not isinstance(message_id, int) or message_id < 0:
        raise Invalid("id", "Say which message was read.")
    message_id = min(message_id, room.last_message_id)
    pos = db.session.get(ReadPosition, (actor.id, room.id))
    if pos is None:
        pos = ReadPosition(user_id=actor.id, room_id=room.id, last_read_id=0)
        db.session.add(pos)
    pos.last_read_id = max(pos.last_read_id or 0, message_id)
    db.session.commit()
    return room, pos.last_read_id


def unread_counts(*, actor: Any, rooms: list[Room]) -> dict[int, int]:
    """Room id → published messages by others after the member's read position."""
    if not rooms:
        return {}
    ids = [r.id for r in rooms]
    rp = sa.orm.aliased(ReadPosition)
    rows = db.session.execute(
        sa.select(Message.room_id, sa.func.count(Message.id))
        .outerjoin(rp, sa.and_(rp.room_id == Message.room_id, rp.user_id == actor.id))
        .where(Message.room_id.in_(ids), Message.status == Status.PUBLISHED,
               sa.or_(Message.author_id.is_(None), Message.author_id != actor.id),
               Message.id > sa.func.coalesce(rp.last_read_id, 0))
        .group_by(Message.room_id)).all()
    return {rid: n for rid, n in rows}


def read_position(actor: Any, room: Room) -> int:
    pos = db.session.get(ReadPosition, (actor.id, room.id))
    return pos.last_read_id if pos else 0
