"""Health education: reviewed articles per condition (with their revisions and sources),
announcements with per-member dismissals, and the admins' trusted / flagged source domains."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..db import utcnow
from ..extensions import db


class ArticleStatus(enum.StrEnum):
    IN_REVIEW = "in_review"            # written or edited, waiting for a second clinician
    CHANGES_REQUESTED = "changes_requested"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Article(db.Model):
    """A condition's reviewed health-information article. Members see it only once another
    verified clinician approved it (`status` published); `review_due` is when it must be
    looked at again (a year after approval by default)."""

    __tablename__ = "articles"
    __table_args__ = (sa.Index("ix_articles_condition_status", "condition_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    condition_id: Mapped[int] = mapped_column(sa.ForeignKey("conditions.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.String(300), default="")
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    # [{"title", "url", "publisher", "date"}]: structured, checked by education.sources
    sources: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    status: Mapped[ArticleStatus] = mapped_column(sa.Enum(ArticleStatus, native_enum=False, length=24),
                                                  default=ArticleStatus.IN_REVIEW)
    review_note: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    published_at: Mapped[dt.datetime | None]
    reviewed_at: Mapped[dt.datetime | None]
    review_due: Mapped[dt.datetime | None]
    # When the "due for review" notice went out, so it goes out once per due date.
    due_notified_at: Mapped[dt.datetime | None]
    # What members read: the approved revision (an edit waits for review while it stays live).
    # No foreign key (the two tables would point at each other); revisions go with the article.
    live_revision_id: Mapped[int | None]

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])
    live: Mapped[ArticleRevision | None] = relationship(
        primaryjoin="foreign(Article.live_revision_id) == ArticleRevision.id", viewonly=True)

    def is_due(self, now: dt.datetime | None = None) -> bool:
        return self.review_due is not None and self.review_due <= (now or utcnow())


class ArticleRevision(db.Model):
    """Every saved version of an article (the revision history), newest last."""

    __tablename__ = "article_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text, default="")
    sources: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    event: Mapped[str] = mapped_column(sa.String(32))    # written | edited | approved | changes_requested
    note: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    editor: Mapped[User | None] = relationship()


class ArticleQuestion(db.Model):
    """A forum thread a member started to ask about an article (shown under it)."""

    __tablename__ = "article_questions"

    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(sa.ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True)


class AnnouncementLevel(enum.StrEnum):
    INFO = "info"
    URGENT = "urgent"


class Announcement(db.Model):
    """A banner from the institution: site-wide (no condition) or for one condition's members,
    shown until the member dismisses it or it expires."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    condition_id: Mapped[int | None] = mapped_column(sa.ForeignKey("conditions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    level: Mapped[AnnouncementLevel] = mapped_column(sa.Enum(AnnouncementLevel, native_enum=False, length=16))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime | None]
    withdrawn_at: Mapped[dt.datetime | None]


class AnnouncementDismissal(db.Model):
    __tablename__ = "announcement_dismissals"

    announcement_id: Mapped[int] = mapped_column(sa.ForeignKey("announcements.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    dismissed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DomainKind(enum.StrEnum):
    TRUSTED = "trusted"
    FLAGGED = "flagged"   # known for health misinformation: links hold a post for review


class SourceDomain(db.Model):
    __tablename__ = "source_domains"

    id: Mapped[int] = mapped_column(primary_key=True)
    domain: Mapped[str] = mapped_column(sa.String(253), unique=True)
    kind: Mapped[DomainKind] = mapped_column(sa.Enum(DomainKind, native_enum=False, length=16))
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
