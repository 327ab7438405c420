"""Chat storage. A `Room` is a condition's room or one private conversation; messages get ids
from one sequence and are written with the room row locked (messages.send), so within a room
ids increase in commit order and `history(after_id)` replays exactly what a client missed
(see messages.send)."""
from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..content import Status
from ..db import utcnow
from ..extensions import db
from ..forums.models import Condition


class RoomKind(enum.StrEnum):
    CONDITION = "condition"
    DIRECT = "dm"


class Room(db.Model):
    __tablename__ = "chat_rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[RoomKind] = mapped_column(sa.String(12))
    condition_id: Mapped[int | None] = mapped_column(sa.ForeignKey("conditions.id", ondelete="CASCADE"), unique=True)
    last_message_id: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Heat control (moderation/safety.py set_room_slow_mode): each member may send one message
    # per this many seconds in the room; 0 is off. Moderators are exempt.
    slow_mode_seconds: Mapped[int] = mapped_column(default=0, server_default="0")

    condition: Mapped[Condition | None] = relationship()

    @property
    def key(self) -> str:
        """The room name clients use: `condition:<slug>` or `dm:<id>`."""
        if self.kind == RoomKind.CONDITION and self.condition is not None:
            return f"condition:{self.condition.slug}"
        return f"dm:{self.id}"


class Message(db.Model):
    __tablename__ = "chat_messages"
    __table_args__ = (
        sa.Index("ix_chat_messages_room_id_id", "room_id", "id"),
        sa.Index("ix_chat_messages_created_at", "created_at"),   # search's date filter (chat/search.py)
        sa.UniqueConstraint("author_id", "client_id", name="uq_chat_messages_author_client"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(sa.ForeignKey("chat_rooms.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    client_id: Mapped[str | None] = mapped_column(sa.String(64))
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[Status] = mapped_column(sa.String(12), default=Status.PUBLISHED)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[dt.datetime | None]
    reactions: Mapped[dict[str, int] | None] = mapped_column(sa.JSON)   # {kind: count}, community/reactions

    room: Mapped[Room] = relationship()
    author = relationship("User", lazy="joined")


class DirectState(enum.StrEnum):
    REQUESTED = "requested"
    OPEN = "open"
    DECLINED = "declined"


class DirectConversation(db.Model):
    """A private conversation between two members (user_low_id < user_high_id): requested by
    one, open once the other accepts."""

    __tablename__ = "chat_direct"
    __table_args__ = (sa.UniqueConstraint("user_low_id", "user_high_id", name="uq_chat_direct_pair"),)

    room_id: Mapped[int] = mapped_column(sa.ForeignKey("chat_rooms.id", ondelete="CASCADE"), primary_key=True)
    user_low_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    user_high_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    state: Mapped[DirectState] = mapped_column(sa.String(12), default=DirectState.REQUESTED)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    room: Mapped[Room] = relationship()

    def other(self, user_id: int) -> int:
        return self.user_high_id if user_id == self.user_low_id else self.user_low_id

    def includes(self, user_id: int) -> bool:
        return user_id in (self.user_low_id, self.user_high_id)


class Block(db.Model):
    """`blocker` no longer receives messages or requests from `blocked` (and can't send them)."""

    __tablename__ = "chat_blocks"

    blocker_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    blocked_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ReadPosition(db.Model):
    """The last message a member has read in a room: kept on the server, so every device agrees."""

    __tablename__ = "chat_read_positions"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    room_id: Mapped[int] = mapped_column(sa.ForeignKey("chat_rooms.id", ondelete="CASCADE"), primary_key=True)
    last_read_id: Mapped[int] = mapped_column(default=0)
