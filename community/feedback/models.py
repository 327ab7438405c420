"""Feedback records, the tags stored for forum posts (so the export never tags on the fly),
and the extra theme terms a quality team adds to the lexicon.

Tags are stored at write time together with `tagger_version`; `flask feedback retag`
recomputes them after the tagger, the lexicon or the identifier screening changes.
`clean_text` is the text with personal identifiers already replaced by tags ([PHONE], ...):
member names are replaced at export time, because the member list changes."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..db import utcnow
from ..extensions import db


class Feedback(db.Model):
    __tablename__ = "feedback"
    __table_args__ = (sa.Index("ix_feedback_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Kept when the account is deleted only as "no author" (the export then has no author_key).
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    condition_id: Mapped[int | None] = mapped_column(sa.ForeignKey("conditions.id", ondelete="SET NULL"))
    service: Mapped[str | None] = mapped_column(sa.String(40))   # the old care-setting slug, kept for older records
    service_id: Mapped[int | None] = mapped_column(sa.ForeignKey("care_services.id", ondelete="SET NULL"), index=True)
    rating: Mapped[int | None]
    visit_month: Mapped[str | None] = mapped_column(sa.String(7))   # YYYY-MM
    text: Mapped[str] = mapped_column(sa.Text)
    clean_text: Mapped[str] = mapped_column(sa.Text, default="")
    sentiment_label: Mapped[str] = mapped_column(sa.String(8), default="neutral")
    sentiment_score: Mapped[float] = mapped_column(default=0.0)
    themes: Mapped[str] = mapped_column(sa.String(400), default="")   # slugs joined by ";"
    critical: Mapped[bool] = mapped_column(default=False)
    tagger_version: Mapped[str] = mapped_column(sa.String(40), default="")
    themes_corrected: Mapped[bool] = mapped_column(default=False)   # quality staff set the themes: re-tagging keeps them
    sentiment_corrected: Mapped[bool] = mapped_column(default=False, server_default=sa.false())   # likewise the sentiment label
    publish_consent: Mapped[bool] = mapped_column(default=False)    # the author lets it (and its responses) be published
    critical_ack_at: Mapped[dt.datetime | None]
    critical_ack_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    escalated_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    # Not stored: what screening told the author when the feedback was given (crisis help).
    warnings = ()


class PostTag(db.Model):
    """Tags of one forum post (opening posts include their thread's title), written when the
    post is saved (`post.saved`) and by the export's catch-up pass for posts that missed it."""

    __tablename__ = "post_tags"

    post_id: Mapped[int] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    clean_text: Mapped[str] = mapped_column(sa.Text, default="")
    sentiment_label: Mapped[str] = mapped_column(sa.String(8), default="neutral")
    sentiment_score: Mapped[float] = mapped_column(default=0.0)
    themes: Mapped[str] = mapped_column(sa.String(400), default="")
    critical: Mapped[bool] = mapped_column(default=False)
    tagger_version: Mapped[str] = mapped_column(sa.String(40), default="")
    themes_corrected: Mapped[bool] = mapped_column(default=False)
    sentiment_corrected: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    tagged_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ThemeTerm(db.Model):
    """A word or phrase a quality team added to a theme (passed to ThemeTagger as `extra`)."""

    __tablename__ = "theme_terms"
    __table_args__ = (sa.UniqueConstraint("theme", "term", name="uq_theme_terms_theme_term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    theme: Mapped[str] = mapped_column(sa.String(40))
    term: Mapped[str] = mapped_column(sa.String(80))
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


# --- the service tree, its responders and subscribers ------------------------------------------

class CareService(db.Model):
    """A node of the service tree: organisation → site → department → service. `path` is the
    names from the top joined by "/" ("Cardiology/Ward 3"), unique; a path names a node at any level."""

    __tablename__ = "care_services"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("care_services.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    path: Mapped[str] = mapped_column(sa.String(400), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    @property
    def depth(self) -> int:
        return self.path.count("/") + 1


class ServiceResponder(db.Model):
    """A named responder: a clinician or quality officer who may answer feedback about this
    service and everything below it."""

    __tablename__ = "service_responders"
    __table_args__ = (sa.UniqueConstraint("service_id", "user_id", name="uq_service_responders_service_id_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(sa.ForeignKey("care_services.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    granted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ServiceSubscription(db.Model):
    """Quality staff or a responder following a branch: new feedback about it (or anything
    below it) reaches them in-app, and by email when `email` is on."""

    __tablename__ = "service_subscriptions"
    __table_args__ = (sa.UniqueConstraint("service_id", "user_id", name="uq_service_subscriptions_service_id_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(sa.ForeignKey("care_services.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    email: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class FeedbackResponse(db.Model):
    """A responder's public answer to one feedback record, saying whether a change is planned or made."""

    __tablename__ = "feedback_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id", ondelete="CASCADE"), index=True)
    responder_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    change: Mapped[str] = mapped_column(sa.String(8), default="none")    # none | planned | made
    what_changed: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ThemeCorrection(db.Model):
    """Quality staff's verdict on one item's themes: what the tagger said, what they set. Kept
    (never overwritten) so agreement between tagger and staff can be measured."""

    __tablename__ = "theme_corrections"
    __table_args__ = (sa.Index("ix_theme_corrections_source_record", "source", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(sa.String(8))      # feedback | post
    record_id: Mapped[int]
    tagger_themes: Mapped[str] = mapped_column(sa.String(400), default="")
    themes: Mapped[str] = mapped_column(sa.String(400), default="")
    # The sentiment verdict, when staff gave one (None: themes only); the tagger's label beside it.
    tagger_sentiment: Mapped[str | None] = mapped_column(sa.String(8))
    sentiment: Mapped[str | None] = mapped_column(sa.String(8))
    tagger_version: Mapped[str] = mapped_column(sa.String(40), default="")
    corrected_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
