"""The export's rows: which records go out, and how each becomes a de-identified row.

One generator (`iter_rows`) feeds the CSV, the JSON Lines, the API, the CLI and the quality
dashboard, so their numbers always agree. Records are:

- feedback given through the form or the API (all of it: it was written for the quality team);
- forum posts (opening posts and replies) that are published, in a published thread, by a
  member whose `feedback_consent` is on *now* (withdrawing consent drops them from every later
  export). Pending, hidden, rejected and deleted content, chat and private conversations are
  never read here.

Before streaming, one cheap aggregate (distinct authors per condition under the same filters)
decides which conditions are too small: a condition with fewer than EXPORT_MIN_AUTHORS
distinct authors is written as `other`. If the export is filtered to such a condition, its
rows are withheld instead, since the filter itself would name what `other` hides.

Rows stream with `yield_per` (a server-side cursor on PostgreSQL), so memory stays flat."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

import sqlalchemy as sa

from ..auth.models import User
from ..content import Status
from ..errors import Invalid
from ..extensions import db
from ..forums.models import Condition, Post, Thread
from . import tagging
from .deidentify import MemberNames, Pseudonyms, date_bucket
from .models import CareService, Feedback, FeedbackResponse, PostTag
from .themes import THEMES

SOURCES = ("feedback", "post")
LABELS = ("positive", "neutral", "negative")
OTHER = "other"
BATCH = 2000


@dataclass(frozen=True)
class Filters:
    since: dt.date | None = None
    until: dt.date | None = None      # inclusive
    condition: str | None = None
    source: str | None = None
    sentiment: str | None = None
    theme: str | None = None
    critical: bool = False
    service: str | None = None        # a service-tree path: that node and everything below it (feedback only)

    def as_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in asdict(self).items() if v not in (None, False)}

    def query_args(self) -> dict[str, str]:
        return {k: ("1" if v is True else str(v)) for k, v in self.as_dict().items()}


def _date(field: str, raw: str | None) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise Invalid(field, f"'{field}' must be a date written YYYY-MM-DD.") from None


def parse_filters(get: Callable[[str], str | None]) -> Filters:
    """Filters from query arguments or CLI options (`get(name)` returns the raw text)."""
    since, until = _date("since", get("since")), _date("until", get("until"))
    if since and until and since > until:
        raise Invalid("until", "'until' must not be before 'since'.")
    condition = (get("condition") or "").strip() or None
    if condition and db.session.scalar(sa.select(Condition.id).where(Condition.slug == condition)) is None:
        raise Invalid("condition", f"There is no condition '{condition}'.")
    source = (get("source") or "").strip() or None
    if source and source not in SOURCES:
        raise Invalid("source", "'source' is feedback or post.")
    label = (get("sentiment") or "").strip() or None
    if label and label not in LABELS:
        raise Invalid("sentiment", "'sentiment' is positive, neutral or negative.")
    theme = (get("theme") or "").strip() or None
    if theme and theme not in THEMES:
        raise Invalid("theme", f"There is no theme '{theme}'.")
    critical = (get("critical") or "").strip().lower() in {"1", "true", "yes", "on"}
    service = (get("service") or "").strip() or None
    if service:
        from .care import find_service

        node = find_service(service)
        if node is None:
            raise Invalid("service", f"There is no service '{service}'.")
        service = node.path
    return Filters(since=since, until=until, condition=condition, source=source, sentiment=label, theme=theme, critical=critical,
                   service=service)


def _midnight(d: dt.date) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC)


def _where(f: Filters, created: Any, tags: Any) -> list[Any]:
    out: list[Any] = []
    if f.since:
        out.append(created >= _midnight(f.since))
    if f.until:
        out.append(created < _midnight(f.until + dt.timedelta(days=1)))
    if f.condition:
        out.append(Condition.slug == f.condition)
    if f.sentiment:
        out.append(tags.sentiment_label == f.sentiment)
    if f.theme:
        out.append((sa.literal(";") + tags.themes + sa.literal(";")).like(f"%;{f.theme};%"))
    if f.critical:
        out.append(tags.critical.is_(True))
    return out


def _branch(f: Filters) -> list[Any]:
    if not f.service:
        return []
    from .care import branch_ids, find_service

    node = find_service(f.service)
    return [Feedback.service_id.in_(branch_ids(node.id) if node else [])]


def response_status_column() -> Any:
    """The export's `response_status` for a feedback row: the strongest answer so far."""
    def has(*changes: str) -> Any:
        q = sa.select(FeedbackResponse.id).where(FeedbackResponse.feedback_id == Feedback.id)
        if changes:
            q = q.where(FeedbackResponse.change.in_(changes))
        return sa.exists(q)
    return sa.case((has("made"), "change_made"), (has("planned"), "change_planned"), (has(), "responded"), else_="none")


def feedback_select(f: Filters, *columns: Any) -> sa.Select[Any]:
    return (sa.select(*columns).select_from(Feedback).outerjoin(Condition, Condition.id == Feedback.condition_id)
            .outerjoin(CareService, CareService.id == Feedback.service_id)
            .where(*_where(f, Feedback.created_at, Feedback), *_branch(f)))


def _exportable_posts() -> list[Any]:
    return [Post.status == Status.PUBLISHED, Thread.status == Status.PUBLISHED, User.feedback_consent.is_(True)]


def post_select(f: Filters, *columns: Any) -> sa.Select[Any]:
    return (sa.select(*columns).select_from(Post).join(Thread, Thread.id == Post.thread_id)
            .join(Condition, Condition.id == Thread.condition_id).join(User, User.id == Post.author_id)
            .join(PostTag, PostTag.post_id == Post.id)
            .where(*_exportable_posts(), *_where(f, Post.created_at, PostTag)))


def catch_up_post_tags(batch: int = 500) -> int:
    """Tag exportable posts that have no stored tags yet (e.g. approved by a moderator after
    being held, or written before this capability existed). Commits; usually finds nothing."""
    missing = (sa.select(Post.id, Post.body, Post.is_opening, Thread.title).join(Thread, Thread.id == Post.thread_id)
               .join(User, User.id == Post.author_id).outerjoin(PostTag, PostTag.post_id == Post.id)
               .where(*_exportable_posts(), PostTag.post_id.is_(None)).order_by(Post.id).limit(batch))
    done = 0
    tagger = None
    while True:
        rows = db.session.execute(missing).all()
        if not rows:
            break
        tagger = tagger or tagging.current()
        for post_id, body, is_opening, title in rows:
            tag = PostTag(post_id=post_id)
            tagging.apply(tag, tagger.tag(tagging.post_text(title, body, is_opening)))
            db.session.add(tag)
        db.session.commit()
        done += len(rows)
    return done


def author_counts(f: Filters) -> dict[str, int]:
    """Distinct authors per condition slug among the records this export will contain."""
    authors: dict[str, set[int]] = {}
    queries = []
    if f.source in (None, "feedback"):
        queries.append(feedback_select(f, Condition.slug, Feedback.author_id).where(Feedback.author_id.is_not(None)).distinct())
    if f.source in (None, "post") and not f.service:
        queries.append(post_select(f, Condition.slug, Post.author_id).distinct())
    for q in queries:
        for slug, author_id in db.session.execute(q):
            if slug is not None:
                authors.setdefault(slug, set()).add(author_id)
    return {slug: len(ids) for slug, ids in authors.items()}


@dataclass
class Context:
    """What one export needs besides the filters: its keys, its member names and its cells."""

    pseudonyms: Pseudonyms
    members: MemberNames
    bucket: Callable[[dt.datetime], str]
    small: frozenset[str]             # conditions reported as `other`
    withhold_small: bool

    @classmethod
    def build(cls, f: Filters, *, min_authors: int, precision: str) -> Context:
        names = db.session.execute(sa.select(User.username, User.display_name)).all()
        counts = author_counts(f)
        return cls(pseudonyms=Pseudonyms(), members=MemberNames(n for pair in names for n in pair),
                   bucket=date_bucket(precision), small=frozenset(s for s, n in counts.items() if n < min_authors),
                   withhold_small=f.condition is not None)


def iter_rows(f: Filters, ctx: Context, *, with_text: bool = True) -> Iterator[tuple[Any, ...]]:
    """Export rows in COLUMNS order. `with_text=False` leaves `text` empty (the dashboard's
    counts do not need it, and member-name replacement is the costly part of a row)."""
    yield from _rows("feedback", f, ctx, with_text)
    yield from _rows("post", f, ctx, with_text)


def _rows(source: str, f: Filters, ctx: Context, with_text: bool) -> Iterator[tuple[Any, ...]]:
    if f.source not in (None, source) or (source == "post" and f.service):
        return
    if source == "feedback":
        q = feedback_select(f, Feedback.id, Feedback.author_id, Feedback.created_at, Condition.slug,
                            sa.func.coalesce(CareService.path, Feedback.service), Feedback.rating, Feedback.clean_text,
                            Feedback.sentiment_label, Feedback.sentiment_score, Feedback.themes, Feedback.critical,
                            Feedback.tagger_version, response_status_column()).order_by(Feedback.id)
    else:
        q = post_select(f, Post.id, Post.author_id, Post.created_at, Condition.slug, sa.null(), sa.null(), PostTag.clean_text,
                        PostTag.sentiment_label, PostTag.sentiment_score, PostTag.themes, PostTag.critical,
                        PostTag.tagger_version, sa.literal("none")).order_by(Post.id)
    record, author, bucket, members = ctx.pseudonyms.record, ctx.pseudonyms.author, ctx.bucket, ctx.members
    small, withhold = ctx.small, ctx.withhold_small
    result = db.session.execute(q.execution_options(yield_per=BATCH, stream_results=True))
    try:
        for rid, author_id, created, slug, service, rating, text, label, score, themes, critical, version, status in result:
            if slug is None:
                slug = ""
            elif slug in small:
                if withhold:
                    continue
                slug = OTHER
            yield (record(source, rid), source, bucket(created), slug, service or "", rating,
                   members(text) if with_text else "", label, score, themes, critical, author(author_id), version, status)
    finally:
        result.close()
