"""How moderation sees and changes chat messages (the "message" target). A private message
reaches a moderator only through a report or the screening, with the messages around it."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .. import permissions
from ..content import Status
from ..db import utcnow
from ..extensions import db
from ..forums.markdown import render_lite
from ..moderation.targets import Shown
from . import messages
from .access import can_read
from .models import Message, RoomKind


class MessageTarget:
    def load(self, target_id: int) -> Message | None:
        return db.session.get(Message, target_id)

    def preload(self, target_ids: list[int]) -> list[Any]:
        """The queue page's messages with their rooms and communities, in a few statements
        whatever their number (`load` then finds them in the session)."""
        from sqlalchemy.orm import selectinload

        from .models import Room

        return list(db.session.scalars(sa.select(Message).where(Message.id.in_(target_ids))
                                .options(selectinload(Message.room).selectinload(Room.condition))))

    def can_view(self, actor: Any, obj: Message) -> bool:
        """Reporters: readers of the room who may see the message (a tombstone has nothing to report)."""
        return obj.status != Status.DELETED and permissions.can_view_message(actor, obj, room_readable=can_read(actor, obj.room))

    def author_id(self, obj: Message) -> int | None:
        return obj.author_id

    def condition_id(self, obj: Message) -> int | None:
        return obj.room.condition_id

    def set_status(self, obj: Message, status: Status) -> None:
        messages.set_status(obj, status)

    def edit(self, obj: Message, body: str, *, editor: Any) -> None:
        obj.body = body
        obj.body_html = render_lite(body)
        obj.edited_at = utcnow()

    def show(self, obj: Message) -> Shown:
        room = obj.room
        if room.kind == RoomKind.CONDITION and room.condition is not None:
            where, link = f"Chat › {room.condition.name}", f"/chat/{room.condition.slug}#m-{obj.id}"
        else:
            where, link = "Private conversation", None
        return Shown(raw=obj.body, html=obj.body_html, where=where, link=link, status=str(obj.status))

    def context(self, obj: Message) -> list[dict[str, Any]]:
        return messages.context_around(obj)
