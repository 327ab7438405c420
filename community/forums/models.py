"""Conditions (one community per condition), their members, threads, posts and revisions.

`Status` lives in community/content.py (with the visibility rules); it is re-exported here
for code that still imports it from the forum models."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..content import Status
from ..db import utcnow
from ..extensions import db

__all__ = ["Condition", "ConditionMember", "Post", "PostRevision", "Status", "Thread"]   # Status: a re-export (content.py)


class Condition(db.Model):
    __tablename__ = "conditions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    guidelines: Mapped[str] = mapped_column(sa.Text, default="")
    # The community's own words for its help box (e.g. a specialist line), shown with the crisis lines.
    crisis_help: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ConditionMember(db.Model):
    """A member who joined a condition's community. `on_profile` is the member's choice to
    show that they live with it (private by default)."""

    __tablename__ = "condition_members"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    condition_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conditions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    on_profile: Mapped[bool] = mapped_column(default=False)

    condition: Mapped[Condition] = relationship()


class Thread(db.Model):
    __tablename__ = "threads"
    __table_args__ = (
        # The condition page lists published threads by latest activity (keyset pagination).
        sa.Index("ix_threads_condition_status_activity", "condition_id", "status", "last_activity_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    condition_id: Mapped[int] = mapped_column(sa.ForeignKey("conditions.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    status: Mapped[Status] = mapped_column(sa.Enum(Status, native_enum=False, length=16), default=Status.PUBLISHED)
    is_question: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Derived from published posts only, so held content never shows through counts or times.
    last_activity_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    reply_count: Mapped[int] = mapped_column(default=0)
    # Derived like the counts: a published reply from a verified clinician exists.
    clinician_answered: Mapped[bool] = mapped_column(default=False)
    # Heat controls (moderators): a locked thread takes no replies; slow mode spaces a member's replies.
    locked_at: Mapped[dt.datetime | None]
    lock_reason: Mapped[str | None] = mapped_column(sa.String(300))
    slow_mode_seconds: Mapped[int] = mapped_column(default=0, server_default="0")

    condition: Mapped[Condition] = relationship()
    author: Mapped[User | None] = relationship()


class Post(db.Model):
    __tablename__ = "posts"
    __table_args__ = (sa.Index("ix_posts_thread_status_id", "thread_id", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(sa.ForeignKey("threads.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    is_opening: Mapped[bool] = mapped_column(default=False)
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[Status] = mapped_column(sa.Enum(Status, native_enum=False, length=16), default=Status.PUBLISHED)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[dt.datetime | None]
    # The question's author marked this clinician answer as helpful.
    marked_helpful: Mapped[bool] = mapped_column(default=False)
    # {kind: count}, kept by community/reactions so the thread page reads it with the post.
    reactions: Mapped[dict[str, int] | None] = mapped_column(sa.JSON)

    thread: Mapped[Thread] = relationship()
    author: Mapped[User | None] = relationship()


class PostRevision(db.Model):
    """An earlier version of a post, kept for moderators when its author edits it."""

    __tablename__ = "post_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(sa.Text)
    title: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
