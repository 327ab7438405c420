"""What a member hears about between visits: notifications (one row per member and event, or
per group of events such as "3 replies in a thread"), thread subscriptions (watching /
normal / muted, and the last post read), per-condition "watch new threads" and bookmarks.
The member's email preference is the mail capability's (community/mail/preferences.py)."""
from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..db import utcnow
from ..extensions import db


class Notification(db.Model):
    """`text` names the thread and community, never a post's text (it may be shown on a shared
    screen or in an email). `count` > 1: a group (`group_key`) of events of one kind, shown as
    "3 replies in ..." with `subject`. `event_key` names the latest event merged in, so the same
    event never notifies twice."""

    __tablename__ = "notifications"
    __table_args__ = (
        sa.Index("ix_notifications_user_read", "user_id", "read_at", "id"),
        sa.Index("ix_notifications_event_key", "event_key", "user_id"),
        sa.Index("ix_notifications_user_group", "user_id", "group_key", "read_at"),
        sa.Index("ix_notifications_user_created", "user_id", "created_at", "id"),
        sa.Index("ix_notifications_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(32))
    text: Mapped[str] = mapped_column(sa.Text)
    link: Mapped[str | None] = mapped_column(sa.String(255))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    read_at: Mapped[dt.datetime | None]
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    target_type: Mapped[str | None] = mapped_column(sa.String(16))
    target_id: Mapped[int | None]
    group_key: Mapped[str | None] = mapped_column(sa.String(64))
    event_key: Mapped[str | None] = mapped_column(sa.String(64))
    subject: Mapped[str | None] = mapped_column(sa.String(255))
    count: Mapped[int] = mapped_column(default=1, server_default="1")
    emailed_at: Mapped[dt.datetime | None]


class Level(enum.StrEnum):
    WATCHING = "watching"
    NORMAL = "normal"
    MUTED = "muted"


class ThreadSubscription(db.Model):
    """A member's relation to a thread: their level (`chosen` once they set it themselves, so
    replying no longer changes it) and the last post they read, for "new since your last visit"."""

    __tablename__ = "thread_subscriptions"
    __table_args__ = (sa.Index("ix_thread_subscriptions_thread_level", "thread_id", "level"),)

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(sa.ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True)
    level: Mapped[str] = mapped_column(sa.String(12), default=Level.NORMAL)
    chosen: Mapped[bool] = mapped_column(default=False)
    last_read_post_id: Mapped[int] = mapped_column(default=0)
    read_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ConditionSubscription(db.Model):
    """The member is told about every new thread in a condition they joined."""

    __tablename__ = "condition_subscriptions"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    condition_id: Mapped[int] = mapped_column(sa.ForeignKey("conditions.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Bookmark(db.Model):
    __tablename__ = "bookmarks"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
