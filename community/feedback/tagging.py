"""The glue between the pure taggers (sentiment, themes, criticality, identifier screening)
and storage: one `Tagger` per lexicon state, producing the `Tags` stored on a feedback
record or a post. Its `version` is the sentiment tagger's TAGGER_VERSION, plus a digest of the
quality team's extra theme terms when there are any, so a lexicon change shows in
`tagger_version` and `flask feedback retag` knows what is out of date."""
from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..cache import Cache
from ..extensions import db
from . import criticality, sentiment, themes
from .deidentify import scrub_identifiers
from .models import ThemeTerm


@dataclass(frozen=True)
class Tags:
    clean_text: str
    sentiment_label: str
    sentiment_score: float
    themes: str          # slugs joined by ";"
    critical: bool
    tagger_version: str

    @property
    def theme_list(self) -> list[str]:
        return self.themes.split(";") if self.themes else []


class Tagger:
    def __init__(self, extra: Mapping[str, Sequence[str]] | None = None):
        self.extra = {k: tuple(v) for k, v in (extra or {}).items() if v}
        self._themes = themes.ThemeTagger(self.extra or None)
        version = str(sentiment.TAGGER_VERSION)
        if self.extra:
            digest = hashlib.sha256(repr(sorted(self.extra.items())).encode()).hexdigest()[:8]
            version = f"{version}+lex.{digest}"
        self.version = version[:40]

    def tag(self, text: str) -> Tags:
        s = sentiment.analyse(text)
        return Tags(clean_text=scrub_identifiers(text), sentiment_label=str(s.label), sentiment_score=round(float(s.score), 4),
                    themes=";".join(self._themes.tag(text)), critical=bool(criticality.is_critical(text)),
                    tagger_version=self.version)


def apply(obj: Any, tags: Tags) -> None:
    """Copy tags onto a Feedback or PostTag row."""
    obj.clean_text = tags.clean_text
    obj.sentiment_label = tags.sentiment_label
    obj.sentiment_score = tags.sentiment_score
    obj.themes = tags.themes
    obj.critical = tags.critical
    obj.tagger_version = tags.tagger_version


def lexicon_extras() -> dict[str, list[str]]:
    extra: dict[str, list[str]] = {}
    for theme, term in db.session.execute(sa.select(ThemeTerm.theme, ThemeTerm.term).order_by(ThemeTerm.theme, ThemeTerm.term)):
        extra.setdefault(theme, []).append(term)
    return extra


_cache = Cache("feedback.tagger", max_items=1)   # one lexicon state at a time


def current() -> Tagger:
    """The tagger for the lexicon as stored now (built once per lexicon state)."""
    extra = lexicon_extras()
    key = f"{sentiment.TAGGER_VERSION}|{sorted(extra.items())!r}"
    tagger = _cache.get(key)
    if tagger is None:
        tagger = _cache.put(key, Tagger(extra))
    return tagger


def post_text(title: str | None, body: str, is_opening: bool) -> str:
    """What a post contributes to the export: an opening post carries its thread's title."""
    return f"{title}\n\n{body}" if is_opening and title else body
