"""The quality dashboard's numbers, computed from the export's own row generator (same
filters, same small-cell rule, same created_on buckets), so every figure on a chart can be
checked against a downloaded CSV."""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from .. import permissions
from ..auth.models import User
from ..extensions import db
from .models import Feedback
from .rows import LABELS, Filters, iter_rows

CRITICAL_SHOWN = 20
QUOTES_PER_THEME = 3
NO_CONDITION = "(no condition given)"
NO_SERVICE = "(no service given)"
CHART_MIN_RECORDS = 5     # a group with fewer records gets a table row, not a chart of one or two bars
CHART_MIN_PERIODS = 2


@dataclass
class ServiceRow:
    path: str
    records: int = 0
    negative: int = 0
    authors: set[str] = field(default_factory=set)
    responded: int = 0
    changes_made: int = 0


def _nested() -> defaultdict[str, Counter[str]]:
    return defaultdict(Counter)


@dataclass
class Summary:
    total: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    periods: list[str] = field(default_factory=list)
    # group → period (created_on) → label → count
    by_condition: defaultdict[str, defaultdict[str, Counter[str]]] = field(default_factory=lambda: defaultdict(_nested))
    by_theme: defaultdict[str, defaultdict[str, Counter[str]]] = field(default_factory=lambda: defaultdict(_nested))
    negative_now: Counter[str] = field(default_factory=Counter)
    negative_before: Counter[str] = field(default_factory=Counter)
    this_month: str = ""
    last_month: str = ""
    monthly: bool = True
    critical: list[dict[str, Any]] = field(default_factory=list)
    critical_total: int = 0
    quotes: dict[str, list[str]] = field(default_factory=dict)
    small_conditions: int = 0
    # the summary row
    new_this_week: int = 0
    critical_open: int = 0
    feedback_total: int = 0
    feedback_responded: int = 0
    by_service: dict[str, ServiceRow] = field(default_factory=dict)
    min_authors: int = 5

    @property
    def negative_share(self) -> float | None:
        return self.labels["negative"] / self.total if self.total else None

    @property
    def response_rate(self) -> float | None:
        return self.feedback_responded / self.feedback_total if self.feedback_total else None

    def chartable(self, group: dict[str, Counter[str]]) -> bool:
        """Enough data for a chart: several records over more than one period."""
        return sum(sum(c.values()) for c in group.values()) >= CHART_MIN_RECORDS and len(group) >= CHART_MIN_PERIODS

    def services(self) -> tuple[list[ServiceRow], list[ServiceRow]]:
        """(services shown on their own, small services grouped): a service with fewer distinct
        authors than EXPORT_MIN_AUTHORS is not shown by name, so nobody is singled out."""
        big = [r for r in self.by_service.values() if len(r.authors) >= self.min_authors]
        small = [r for r in self.by_service.values() if len(r.authors) < self.min_authors]
        return sorted(big, key=lambda r: (-r.records, r.path)), small

    def small_total(self) -> ServiceRow:
        out = ServiceRow(path="small")
        for r in self.services()[1]:
            out.records += r.records
            out.negative += r.negative
            out.responded += r.responded
            out.changes_made += r.changes_made
        return out

    def series(self, group: dict[str, Counter[str]]) -> dict[str, list[int]]:
        return {label: [group[p][label] if p in group else 0 for p in self.periods] for label in LABELS}

    def negative_themes(self) -> list[tuple[str, int, int]]:
        keys = set(self.negative_now) | set(self.negative_before)
        return sorted(((k, self.negative_now[k], self.negative_before[k]) for k in keys), key=lambda t: (-t[1], -t[2], t[0]))


def _months(today: dt.date) -> tuple[str, str]:
    prev = today.replace(day=1) - dt.timedelta(days=1)
    return f"{today:%Y-%m}", f"{prev:%Y-%m}"


def summarise(*, actor: User, filters: Filters, context: Any, today: dt.date | None = None, min_authors: int = 5,
              new_this_week: int = 0, critical_open: int = 0) -> Summary:
    """Quality staff and admins: the dashboard for these filters. Reads only. The counts that
    need exact times (new this week, critical still open) are passed in by the caller."""
    permissions.require(permissions.can_export_feedback(actor), "Only the care quality team can see the dashboard.")
    s = Summary(small_conditions=len(context.small), min_authors=min_authors, new_this_week=new_this_week,
                critical_open=critical_open)
    s.this_month, s.last_month = _months(today or dt.date.today())
    rng = random.Random(f"{s.this_month}|{sorted(filters.as_dict().items())}")   # the same sample for the same view today
    # The export's record ids are pseudonyms; the critical list links to the item itself.
    _ids = {context.pseudonyms.record("feedback", i): i
            for i in db.session.scalars(sa.select(Feedback.id).where(Feedback.critical.is_(True)))}
    seen_per_theme: Counter[str] = Counter()
    periods: set[str] = set()
    for rid, source, created_on, condition, service, _rating, text, label, _score, themes, critical, author_key, _v, status in iter_rows(filters, context):
        s.total += 1
        s.labels[label] += 1
        periods.add(created_on)
        s.monthly = len(created_on) >= 7
        s.by_condition[condition or NO_CONDITION][created_on][label] += 1
        if source == "feedback":
            s.feedback_total += 1
            s.feedback_responded += status != "none"
            row = s.by_service.setdefault(service or NO_SERVICE, ServiceRow(path=service or NO_SERVICE))
            row.records += 1
            row.negative += label == "negative"
            row.responded += status != "none"
            row.changes_made += status == "change_made"
            if author_key:
                row.authors.add(author_key)
        theme_list = themes.split(";") if themes else []
        month = created_on[:7]
        for theme in theme_list:
            s.by_theme[theme][created_on][label] += 1
            if label == "negative":
                if month == s.this_month:
                    s.negative_now[theme] += 1
                elif month == s.last_month:
                    s.negative_before[theme] += 1
            # Reservoir sample: every quote of a theme has the same chance to be shown.
            seen_per_theme[theme] += 1
            bucket = s.quotes.setdefault(theme, [])
            if len(bucket) < QUOTES_PER_THEME:
                bucket.append(text)
            else:
                j = rng.randrange(seen_per_theme[theme])
                if j < QUOTES_PER_THEME:
                    bucket[j] = text
        if critical:
            s.critical_total += 1
            s.critical.append({"record_id": rid, "id": _ids.get(rid), "source": source, "created_on": created_on, "condition": condition,
                               "service": service, "text": text, "label": label, "themes": theme_list})
            if len(s.critical) > CRITICAL_SHOWN * 4:
                s.critical.sort(key=lambda c: c["created_on"], reverse=True)
                del s.critical[CRITICAL_SHOWN:]
    s.critical.sort(key=lambda c: c["created_on"], reverse=True)
    del s.critical[CRITICAL_SHOWN:]
    s.periods = sorted(periods)
    return s
