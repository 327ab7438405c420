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
    service: Mapped[str | None] = mapped_column(sa.String(40))
    rating: Mapped[int | None]
    visit_month: Mapped[str | None] = mapped_column(sa.String(7))   # YYYY-MM
    text: Mapped[str] = mapped_column(sa.Text)
    clean_text: Mapped[str] = mapped_column(sa.Text, default="")
    sentiment_label: Mapped[str] = mapped_column(sa.String(8), default="neutral")
    sentiment_score: Mapped[float] = mapped_column(default=0.0)
    themes: Mapped[str] = mapped_column(sa.String(400), default="")   # slugs joined by ";"
    critical: Mapped[bool] = mapped_column(default=False)
    tagger_version: Mapped[str] = mapped_column(sa.String(40), default="")
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
