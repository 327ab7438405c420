"""The outbox (one row per email to send) and the member's one email preference."""
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


class EmailMode(enum.StrEnum):
    """How a member wants community email: never, right away when they are away from the site
    (not seen for 10 minutes), or gathered in a daily or weekly digest."""
    OFF = "off"
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"


class MailPreference(db.Model):
    """The one email preference of a member (community/mail/preferences.py): notification
    emails (immediate or digest), urgent announcements and feedback alerts all read it, and
    the one-click unsubscribe sets it to off. No row: the default (a daily digest) that sends
    no notification email until the member chooses (`opted_in`)."""

    __tablename__ = "mail_preferences"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    mode: Mapped[str] = mapped_column(sa.String(12), default=EmailMode.DAILY, index=True)
    opted_in: Mapped[bool] = mapped_column(default=False)
    # The last notification email (digest or "immediately") sent: the period / batching window runs from here.
    last_digest_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
