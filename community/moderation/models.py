"""Moderation records: watched words, queue items, reports, sanctions, context notes
and the append-only audit log (notifications live in community/notifications/)."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..db import utcnow
from ..extensions import db


class AuditEntry(db.Model):
    """Append-only: who did what to what, when and why. Never updated or deleted."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    # The actor's id goes with the account; the name recorded at the time stays.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    actor_name: Mapped[str] = mapped_column(sa.String(64))
    action: Mapped[str] = mapped_column(sa.String(64), index=True)
    target_type: Mapped[str | None] = mapped_column(sa.String(32))
    target_id: Mapped[int | None]
    detail: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    reason: Mapped[str] = mapped_column(sa.Text, default="")


class WatchAction(enum.StrEnum):
    BLOCK = "block"
    REQUIRE_APPROVAL = "require_approval"
    FLAG = "flag"
    CENSOR = "censor"


class WatchedWord(db.Model):
    __tablename__ = "watched_words"

    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str] = mapped_column(sa.String(100), unique=True)
    action: Mapped[WatchAction] = mapped_column(sa.Enum(WatchAction, native_enum=False, length=24))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))


class ItemState(enum.StrEnum):
    OPEN = "open"
    ESCALATED = "escalated"
    RESOLVED = "resolved"


class QueueItem(db.Model):
    """One piece of content (or member) waiting for a moderator, with every reason it is here."""

    __tablename__ = "queue_items"
    __table_args__ = (
        sa.Index("ix_queue_items_target", "target_type", "target_id"),
        sa.Index("ix_queue_items_state_priority", "state", "priority", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(sa.String(16))   # post | message | user
    target_id: Mapped[int]
    condition_id: Mapped[int | None] = mapped_column(sa.ForeignKey("conditions.id", ondelete="SET NULL"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    state: Mapped[ItemState] = mapped_column(sa.Enum(ItemState, native_enum=False, length=16), default=ItemState.OPEN)
    priority: Mapped[int] = mapped_column(default=0)
    reasons: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    findings: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    context: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    held: Mapped[bool] = mapped_column(default=False)   # the content waits unpublished
    report_count: Mapped[int] = mapped_column(default=0)
    claimed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    claimed_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[dt.datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decision: Mapped[str | None] = mapped_column(sa.String(24))
    decision_reason: Mapped[str | None] = mapped_column(sa.Text)
    # The safety workflow: who reached out to the author and when, whether they answered, and
    # when an unclaimed crisis item alerted again and escalated by itself.
    outreach_at: Mapped[dt.datetime | None]
    outreach_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    member_replied_at: Mapped[dt.datetime | None]
    realerted_at: Mapped[dt.datetime | None]


class ReportReason(enum.StrEnum):
    MISINFORMATION = "misinformation"
    HARASSMENT = "harassment"
    PERSONAL_INFORMATION = "personal_information"
    SELF_HARM = "self_harm"
    SPAM = "spam"
    OTHER = "other"


class Report(db.Model):
    __tablename__ = "reports"
    __table_args__ = (sa.UniqueConstraint("reporter_id", "target_type", "target_id", name="one_per_reporter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    target_type: Mapped[str] = mapped_column(sa.String(16))
    target_id: Mapped[int]
    reason: Mapped[ReportReason] = mapped_column(sa.Enum(ReportReason, native_enum=False, length=24))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    times: Mapped[int] = mapped_column(default=1)
    queue_item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("queue_items.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    handled_at: Mapped[dt.datetime | None]
    outcome: Mapped[str | None] = mapped_column(sa.String(24))


class SanctionKind(enum.StrEnum):
    WARN = "warn"
    MUTE = "mute"
    SUSPEND = "suspend"
    BAN = "ban"


class Sanction(db.Model):
    __tablename__ = "sanctions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[SanctionKind] = mapped_column(sa.Enum(SanctionKind, native_enum=False, length=16))
    reason: Mapped[str] = mapped_column(sa.Text)
    until: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    lifted_at: Mapped[dt.datetime | None]


class ContextNote(db.Model):
    """A visible "Moderator note" or "Clinician note" shown above a post: the correction in place."""

    __tablename__ = "context_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(sa.String(16))   # moderator | clinician
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    # [{"title", "url", "publisher", "date"}]; rendered into body_html too
    sources: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list, server_default="[]")
    # earlier versions, oldest first: [{"body", "sources", "at"}]
    history: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list, server_default="[]")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[dt.datetime | None]


class Outreach(db.Model):
    """A private check-in from "the moderation team" to a member (from a crisis item or the
    member's page): the moderator who wrote it is recorded but never shown to the member."""

    __tablename__ = "outreach"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("queue_items.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class OutreachMessage(db.Model):
    __tablename__ = "outreach_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    outreach_id: Mapped[int] = mapped_column(sa.ForeignKey("outreach.id", ondelete="CASCADE"), index=True)
    from_team: Mapped[bool]
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class OutreachTemplate(db.Model):
    """The moderators' editable check-in wordings (help resources are added from config)."""

    __tablename__ = "outreach_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(80), unique=True)
    body: Mapped[str] = mapped_column(sa.Text)


class Appeal(db.Model):
    """A member's appeal against one decision: a rejection of their content (`item_id`) or a
    sanction (`sanction_id`). Once per decision; a different moderator decides it."""

    __tablename__ = "appeals"
    __table_args__ = (sa.UniqueConstraint("user_id", "item_id", name="one_appeal_per_item"),
                      sa.UniqueConstraint("user_id", "sanction_id", name="one_appeal_per_sanction"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("queue_items.id", ondelete="CASCADE"))
    sanction_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sanctions.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(sa.Text)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))   # who made the appealed decision
    outcome: Mapped[str | None] = mapped_column(sa.String(16))    # upheld (member was right) | refused
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
