"""What quality staff read to check the tags of forum posts: the posts the export contains
(published, in a published thread, by a member who consented to their use), de-identified as
in the export, with their stored sentiment and themes and the words that put each theme on
them. Reads only; the correction itself is `corrections.correct_tags(source="post", ...)`."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from .. import permissions
from ..auth.models import User
from ..errors import NotFound
from ..extensions import db
from ..forums.models import Condition, Post
from . import tagging
from .deidentify import date_bucket
from .inbox import _members
from .models import PostTag, ThemeCorrection
from .rows import Filters, post_select

LISTED = 50


@dataclass
class PostItem:
    post_id: int
    condition: str
    month: str
    text: str
    sentiment: str
    score: float
    themes: list[str]
    themes_corrected: bool
    sentiment_corrected: bool
    critical: bool
    theme_words: dict[str, list[str]]
    verdicts: int = 0          # corrections kept for this post


def _columns() -> tuple[object, ...]:
    return (Post.id, Condition.name, Post.created_at, PostTag.clean_text, PostTag.sentiment_label, PostTag.sentiment_score,
            PostTag.themes, PostTag.themes_corrected, PostTag.sentiment_corrected, PostTag.critical)


def _item(row: sa.Row[tuple[object, ...]], members: object, *, words: bool) -> PostItem:
    pid, condition, created, clean, label, score, themes, t_corr, s_corr, critical = row
    bucket = date_bucket(current_app.config.get("EXPORT_DATE_PRECISION", "month"))
    text = members(clean or "")  # type: ignore[operator]
    return PostItem(post_id=pid, condition=condition or "", month=bucket(created), text=text, sentiment=label, score=score,
                    themes=themes.split(";") if themes else [], themes_corrected=bool(t_corr), sentiment_corrected=bool(s_corr),
                    critical=bool(critical), theme_words=tagging.current()._themes.spans(text) if words else {})


def _require(actor: User) -> None:
    permissions.require(permissions.can_correct_themes(actor), "Only the care quality team checks the tags of forum posts.")


def post_item(*, actor: User, post_id: int) -> PostItem:
    """One exported post's tags. Quality staff and admins. A post the export leaves out
    (held, deleted, or its author withdrew consent) is not found."""
    _require(actor)
    row = db.session.execute(post_select(Filters(), *_columns()).where(Post.id == post_id)).first()
    if row is None:
        raise NotFound("No such forum post in the care quality data.")
    item = _item(row, _members(), words=True)
    item.verdicts = db.session.scalar(sa.select(sa.func.count(ThemeCorrection.id)).where(
        ThemeCorrection.source == "post", ThemeCorrection.record_id == post_id)) or 0
    return item


def recent_posts(*, actor: User, filters: Filters, limit: int = LISTED) -> list[PostItem]:
    """The newest exported posts under the filters (sentiment, theme, condition, dates)."""
    _require(actor)
    members = _members()
    q = post_select(filters, *_columns()).order_by(Post.id.desc()).limit(limit)
    return [_item(r, members, words=False) for r in db.session.execute(q)]
