"""Chat messages in search results, for members: recent messages of the condition rooms they
joined. Chat has no text index, so the newest CHAT_SEARCH_WINDOW messages of the whole site
(a range of the primary key) are the bounded set a search looks through, in one statement:
its cost stays flat however long the chat's history grows."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app
from markupsafe import Markup

from .. import permissions
from ..extensions import db
from ..forums.models import Condition, ConditionMember, Status
from .models import Message, Room, RoomKind


@dataclass
class ChatHit:
    message: Message
    condition: Condition
    snippet: Markup


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def find_messages(*, viewer: Any, terms: list[str], snippet: Any, condition: Condition | None = None,
                  author: Any = None, since: dt.date | None = None, until: dt.date | None = None,
                  limit: int = 5) -> list[ChatHit]:
    """Up to `limit` published messages (newest first) containing every term, from the rooms of
    the conditions `viewer` joined. Nobody else (visitors, banned members) gets any."""
    if not terms or not permissions.is_member(viewer) or permissions.is_banned(viewer):
        return []
    window = int(current_app.config.get("CHAT_SEARCH_WINDOW", 2000))
    rooms_q = (sa.select(Room.id, Condition).join(Condition, Condition.id == Room.condition_id)
               .join(ConditionMember, sa.and_(ConditionMember.condition_id == Condition.id,
                                              ConditionMember.user_id == viewer.id))
               .where(Room.kind == RoomKind.CONDITION))
    if condition is not None:
        rooms_q = rooms_q.where(Condition.id == condition.id)
    rooms = {room_id: cond for room_id, cond in db.session.execute(rooms_q).all()}
    if not rooms:
        return []
    floor = sa.select(Message.id).order_by(Message.id.desc()).offset(window).limit(1).scalar_subquery()
    q = (sa.select(Message).where(Message.id > sa.func.coalesce(floor, 0), Message.room_id.in_(list(rooms)),
                                  Message.status == Status.PUBLISHED,
                                  *[Message.body.ilike(_like(t), escape="\\") for t in terms])
         .order_by(Message.id.desc()).limit(limit))
    if author is not None:
        q = q.where(Message.author_id == author.id)
    if since is not None:
        q = q.where(Message.created_at >= dt.datetime.combine(since, dt.time(), dt.UTC))
    if until is not None:
        q = q.where(Message.created_at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), dt.UTC))
    hits = [ChatHit(message=m, condition=rooms[m.room_id], snippet=snippet(m.body, terms)) for m in db.session.scalars(q)]
    return hits[:limit]
