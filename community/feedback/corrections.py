"""Quality staff see and correct the themes (and, for forum posts and feedback, the sentiment)
of one item; every verdict is kept next to what the tagger said, so the tagger's agreement with
staff is measured (the "Theme agreement" page). Confirming the tagger's tags unchanged is a
verdict too: it counts as agreement. The export and the dashboard read the stored tags, so a
correction shows in both at once; re-tagging keeps it."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa

from .. import permissions
from ..auth.models import User
from ..errors import Invalid, NotFound
from ..extensions import db
from ..moderation import audit
from .models import Feedback, PostTag, ThemeCorrection
from .themes import THEMES


def _record(source: str, record_id: int) -> Feedback | PostTag:
    model = {"feedback": Feedback, "post": PostTag}.get(source)
    row = db.session.get(model, record_id) if model else None
    if row is None:
        raise NotFound("No such record.")
    return row


SENTIMENTS = ("positive", "neutral", "negative")


def correct_themes(*, actor: User, source: str, record_id: int, themes: list[str]) -> ThemeCorrection:
    """Quality staff and admins set an item's themes (the sentiment stays as it is)."""
    return correct_tags(actor=actor, source=source, record_id=record_id, themes=themes)


def correct_tags(*, actor: User, source: str, record_id: int, themes: list[str], sentiment: str | None = None) -> ThemeCorrection:
    """Quality staff and admins set an item's themes and, when `sentiment` is given, its
    sentiment label. The item keeps them through re-tagging; the verdict is stored with the
    tagger's own tags. Commits; audited."""
    permissions.require(permissions.can_correct_themes(actor), "Only the care quality team corrects themes.")
    unknown = [t for t in themes if t not in THEMES]
    if unknown:
        raise Invalid("themes", f"Unknown theme: {', '.join(unknown)}.")
    if sentiment is not None and sentiment not in SENTIMENTS:
        raise Invalid("sentiment", "Sentiment is positive, neutral or negative.")
    row = _record(source, record_id)
    latest = db.session.scalar(sa.select(ThemeCorrection).where(ThemeCorrection.source == source, ThemeCorrection.record_id == record_id)
                               .order_by(ThemeCorrection.id.desc()).limit(1))
    # What the tagger said: before any correction, the stored tags; after one, the first verdict's record of them.
    tagger_themes = latest.tagger_themes if latest else row.themes
    tagger_sentiment = row.sentiment_label
    if row.sentiment_corrected:
        tagger_sentiment = db.session.scalar(
            sa.select(ThemeCorrection.tagger_sentiment).where(ThemeCorrection.source == source, ThemeCorrection.record_id == record_id,
                                                              ThemeCorrection.tagger_sentiment.is_not(None))
            .order_by(ThemeCorrection.id.desc()).limit(1)) or row.sentiment_label
    chosen = ";".join(t for t in THEMES if t in set(themes))
    verdict = ThemeCorrection(source=source, record_id=record_id, tagger_themes=tagger_themes, themes=chosen,
                              tagger_sentiment=tagger_sentiment if sentiment is not None else None, sentiment=sentiment,
                              tagger_version=row.tagger_version, corrected_by_id=actor.id)
    db.session.add(verdict)
    before = {"themes": row.themes, "sentiment": row.sentiment_label}
    row.themes, row.themes_corrected = chosen, True
    if sentiment is not None:
        row.sentiment_label, row.sentiment_corrected = sentiment, True
    db.session.flush()
    detail = {"source": source, "record_id": record_id, "from": before["themes"], "to": chosen}
    if sentiment is not None:
        detail |= {"sentiment_from": before["sentiment"], "sentiment_to": sentiment}
    audit.record(actor=actor, action="feedback.themes_corrected" if sentiment is None else "feedback.tags_corrected",
                 target=verdict, detail=detail)
    db.session.commit()
    return verdict


@dataclass
class Agreement:
    items: int = 0
    exact: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    per_theme: dict[str, Counter[str]] = field(default_factory=dict)
    sentiment_items: int = 0      # verdicts that include a sentiment label
    sentiment_agreed: int = 0

    @property
    def sentiment_agreement(self) -> float | None:
        return self.sentiment_agreed / self.sentiment_items if self.sentiment_items else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def exact_share(self) -> float | None:
        return self.exact / self.items if self.items else None


def agreement(*, actor: User) -> Agreement:
    """Tagger against staff, over each item's latest verdict. Quality staff and admins. Reads only."""
    permissions.require(permissions.can_correct_themes(actor), "Only the care quality team sees theme agreement.")
    latest = (sa.select(sa.func.max(ThemeCorrection.id)).group_by(ThemeCorrection.source, ThemeCorrection.record_id)).scalar_subquery()
    out = Agreement(per_theme={t: Counter() for t in THEMES})
    for said, set_, said_sentiment, set_sentiment in db.session.execute(
            sa.select(ThemeCorrection.tagger_themes, ThemeCorrection.themes, ThemeCorrection.tagger_sentiment, ThemeCorrection.sentiment)
            .where(ThemeCorrection.id.in_(latest))):
        if set_sentiment is not None:
            out.sentiment_items += 1
            out.sentiment_agreed += said_sentiment == set_sentiment
        a = set(said.split(";")) - {""}
        b = set(set_.split(";")) - {""}
        out.items += 1
        out.exact += a == b
        for t in a & b:
            out.tp += 1
            out.per_theme.setdefault(t, Counter())["tp"] += 1
        for t in a - b:
            out.fp += 1
            out.per_theme.setdefault(t, Counter())["fp"] += 1
        for t in b - a:
            out.fn += 1
            out.per_theme.setdefault(t, Counter())["fn"] += 1
    return out
