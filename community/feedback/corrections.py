"""Quality staff see and correct the themes of one item; every verdict is kept next to what
the tagger said, so the tagger's agreement with staff is measured (the "Theme agreement"
page). Confirming the tagger's themes unchanged is a verdict too: it counts as agreement."""
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


def correct_themes(*, actor: User, source: str, record_id: int, themes: list[str]) -> ThemeCorrection:
    """Quality staff and admins set an item's themes. The item keeps them through re-tagging;
    the verdict is stored with the tagger's own themes. Commits; audited."""
    permissions.require(permissions.can_correct_themes(actor), "Only the care quality team corrects themes.")
    unknown = [t for t in themes if t not in THEMES]
    if unknown:
        raise Invalid("themes", f"Unknown theme: {', '.join(unknown)}.")
    row = _record(source, record_id)
    latest = db.session.scalar(sa.select(ThemeCorrection).where(ThemeCorrection.source == source, ThemeCorrection.record_id == record_id)
                               .order_by(ThemeCorrection.id.desc()).limit(1))
    # What the tagger said: before any correction, the stored themes; after one, the first verdict's record of it.
    tagger_themes = latest.tagger_themes if latest else row.themes
    chosen = ";".join(t for t in THEMES if t in set(themes))
    verdict = ThemeCorrection(source=source, record_id=record_id, tagger_themes=tagger_themes, themes=chosen,
                              tagger_version=row.tagger_version, corrected_by_id=actor.id)
    db.session.add(verdict)
    row.themes, row.themes_corrected = chosen, True
    db.session.flush()
    audit.record(actor=actor, action="feedback.themes_corrected", target=verdict,
                 detail={"source": source, "record_id": record_id, "from": tagger_themes, "to": chosen})
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
    for said, set_ in db.session.execute(sa.select(ThemeCorrection.tagger_themes, ThemeCorrection.themes)
                                         .where(ThemeCorrection.id.in_(latest))):
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
