"""The outbox (one row per email to send) and the per-member email preferences."""
from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..db import utcnow
from ..extensions import db


class MailStatus(enum.StrEnum):
    QUEUED = "queued"      # waiting for its next attempt (a worker may hold a lease on it)
    SENT = "sent"          # handed to the SMTP server (or written as .eml); the body is dropped
    FAILED = "failed"      # the last attempt failed: shown to admins until retried or discarded


class OutboxMail(db.Model):
    __tablename__ = "mail_outbox"
    __table_args__ = (sa.Index("ix_mail_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    to_addr: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(200))
    text: Mapped[str] = mapped_column(sa.Text)
    html: Mapped[str | None] = mapped_column(sa.Text)
    # Extra headers (List-Unsubscribe ...), as a JSON object.
    headers: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    status: Mapped[MailStatus] = mapped_column(sa.Enum(MailStatus, native_enum=False, length=12), default=MailStatus.QUEUED)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # A worker's claim: rows whose lease has run out (a worker that died mid-batch) are claimed again.
    locked_until: Mapped[dt.datetime | None]
    lock_id: Mapped[str | None] = mapped_column(sa.String(32), index=True)
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None]


class EmailPreference(db.Model):
    """What a member wants by email, per scope (a kind or family of emails: "notifications",
    "announcements", ...). `setting` is "off" (unsubscribed) or any level the scope's owner
    defines ("on", "immediately", "daily", "weekly"); no row means the scope's default."""

    __tablename__ = "email_preferences"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    scope: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    setting: Mapped[str] = mapped_column(sa.String(16))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
