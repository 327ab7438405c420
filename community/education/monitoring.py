"""What is spreading, for moderators and quality staff: the domains posts linked to this
week, the misinformation watched phrases' counts by week, posts with context notes, and
misinformation reports by condition. Reads only; small bounded queries."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from ..db import utcnow
from ..extensions import db
from ..forums.models import Condition, Post, Status, Thread
from ..moderation.models import ContextNote, QueueItem, Report, ReportReason
from .sourcelists import flagged_domains, trusted_domains
from .sources import linked_domains, listed

SCAN_POSTS = 5000   # the newest posts of the week scanned for links: bounded work per page


@dataclass
class MonitoringReport:
    domains: list[tuple[str, int, str]] = field(default_factory=list)        # domain, posts, "trusted"/"flagged"/""
    noted_posts: list[dict[str, Any]] = field(default_factory=list)
    reports_by_condition: list[tuple[str, int]] = field(default_factory=list)
    weeks: list[str] = field(default_factory=list)                            # "YYYY-MM-DD" week starts, oldest first
    phrases: list[tuple[str, list[int]]] = field(default_factory=list)         # watched phrase or signal, count per week
    since: dt.datetime | None = None


def report(*, now: dt.datetime | None = None, days: int = 7) -> MonitoringReport:
    now = now or utcnow()
    since = now - dt.timedelta(days=days)
    out = MonitoringReport(since=since)
    bodies = db.session.scalars(sa.select(Post.body).where(Post.created_at >= since, Post.status != Status.DELETED)
                                .order_by(Post.id.desc()).limit(SCAN_POSTS))
    counts: Counter[str] = Counter()
    for body in bodies:
        counts.update(linked_domains(body))
    trusted, flagged = trusted_domains(), flagged_domains()
    out.domains = [(d, n, "flagged" if listed(d, flagged) else "trusted" if listed(d, trusted) else "")
                   for d, n in counts.most_common(20)]
    rows = db.session.execute(
        sa.select(ContextNote.kind, ContextNote.created_at, Post.id, Thread.id, Thread.title, Condition.name)
        .join(Post, Post.id == ContextNote.post_id).join(Thread, Thread.id == Post.thread_id)
        .join(Condition, Condition.id == Thread.condition_id)
        .order_by(ContextNote.id.desc()).limit(20)).all()
    out.noted_posts = [{"kind": r[0], "at": r[1], "post_id": r[2], "thread_id": r[3], "title": r[4], "condition": r[5]}
                       for r in rows]
    out.reports_by_condition = [(name or "Chat and other", n) for name, n in db.session.execute(
        sa.select(Condition.name, sa.func.count(Report.id))
        .select_from(Report).outerjoin(Post, sa.and_(Report.target_type == "post", Post.id == Report.target_id))
        .outerjoin(Thread, Thread.id == Post.thread_id).outerjoin(Condition, Condition.id == Thread.condition_id)
        .where(Report.reason == ReportReason.MISINFORMATION, Report.created_at >= since)
        .group_by(Condition.name).order_by(sa.func.count(Report.id).desc())).all()]
    _over_time(out, now)
    return out


WEEKS = 8
SIGNALS = {"misinformation_source": "links to flagged sources", "report.misinformation": "misinformation reports"}


def _over_time(out: MonitoringReport, now: dt.datetime) -> None:
    """Weekly counts, over the last WEEKS weeks, of watched phrases found in screened content
    (from the queue's findings) and of the two misinformation signals."""
    start = (now - dt.timedelta(weeks=WEEKS - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    start -= dt.timedelta(days=start.weekday())
    out.weeks = [(start + dt.timedelta(weeks=i)).date().isoformat() for i in range(WEEKS)]
    counts: dict[str, list[int]] = {}
    rows = db.session.execute(sa.select(QueueItem.created_at, QueueItem.reasons, QueueItem.findings)
                              .where(QueueItem.created_at >= start).order_by(QueueItem.id.desc()).limit(SCAN_POSTS))
    for created, reasons, findings in rows:
        week = min(max((created - start).days // 7, 0), WEEKS - 1)
        keys = {SIGNALS[r] for r in reasons or () if r in SIGNALS}
        keys |= {f"“{f['detail']}”" for f in findings or () if f.get("code") == "watched_word" and f.get("detail")}
        for k in keys:
            counts.setdefault(k, [0] * WEEKS)[week] += 1
    out.phrases = sorted(counts.items(), key=lambda kv: -sum(kv[1]))[:15]
