"""Full-text search over thread titles and posts, at a bounded cost however many posts match.

One `post_search` table holds the searchable text of published posts only: an FTS5 virtual
table on SQLite (rowid = post id), a tsvector column with a GIN index on PostgreSQL (both made
by the migrations). Queries still join the live rows, so nothing a searcher may not see is shown.

Cost: a search never scores, counts or sorts every match. It takes the newest
SEARCH_CANDIDATES matching posts (the index walks post ids downwards and stops there), ranks
only those (SQLite: term counts in Python, `score`; PostgreSQL: ts_rank of the window in SQL,
the plan picked by search_plan.py) and pages through them, so a word in half of a million posts costs
what it costs at ten thousand. The price: past that window the oldest matches are not offered
(the page says "the newest N matches"; a date, author or condition filter reaches further
back). Each search runs under SEARCH_TIMEOUT_MS (statement_deadline), so one query can never
stall the worker. User input is reduced to words and each is quoted: FTS syntax is never
interpreted."""
from __future__ import annotations

import datetime as dt
import functools
import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask import current_app
from markupsafe import Markup

from ..auth.models import User
from ..content import Status
from ..extensions import db
from ..reliability.deadline import TimedOut, statement_deadline
from .markdown import html_text
from .models import Condition, Post, Thread
from .search_plan import unprepared, words_are_common

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12
PREFIX_MIN = 3          # the last word also matches as a prefix when it has at least this many letters


@dataclass
class Hit:
    post: Post
    thread: Thread
    condition: Condition
    snippet: Markup


@dataclass
class Filters:
    condition: Condition | None = None
    author: User | None = None
    since: dt.date | None = None      # inclusive, UTC days
    until: dt.date | None = None      # inclusive

    @property
    def any(self) -> bool:
        return any(v is not None for v in (self.condition, self.author, self.since, self.until))


@dataclass
class Results:
    hits: list[Hit]
    total: int
    page: int
    pages: int
    terms: list[str]
    capped: bool = False        # more posts matched than the candidate window holds
    timed_out: bool = False
    filters: Filters = field(default_factory=Filters)


def _dialect() -> str:
    return db.session.get_bind().dialect.name


@functools.cache
def _sync_statements(dialect: str) -> tuple[Any, Any]:
    """The index's DELETE and INSERT of one post, per dialect (built once)."""
    if dialect == "sqlite":
        return (sa.text("DELETE FROM post_search WHERE rowid = :id"),
                sa.text("INSERT INTO post_search (rowid, title, body) VALUES (:id, :t, :b)"))
    return (sa.text("DELETE FROM post_search WHERE post_id = :id"),
            sa.text("INSERT INTO post_search (post_id, document) VALUES (:id, "
                    "setweight(to_tsvector('english', :t), 'A') || setweight(to_tsvector('english', :b), 'B'))"))


def sync_post(post: Post, thread: Thread, *, new: bool = False) -> None:
    """Index a post if it (and its thread) is published; otherwise drop it from the index.
    A `new` post has nothing in the index to drop."""
    delete, insert = _sync_statements(_dialect())
    if not new:
        db.session.execute(delete, {"id": post.id})
    if post.status != Status.PUBLISHED or thread.status != Status.PUBLISHED:
        return
    db.session.execute(insert, {"id": post.id, "t": thread.title if post.is_opening else "", "b": post.body})


def terms_of(query: str) -> list[str]:
    return _WORD.findall(query.casefold())[:MAX_TERMS]


def _id_range(filters: Filters) -> tuple[int | None, int | None]:
    """Dates as a range of post ids (ids grow with time), read from the created_at index in
    two one-row lookups; the exact dates are checked again on the rows found."""
    lo = hi = None
    if filters.since is not None:
        start = dt.datetime.combine(filters.since, dt.time(), dt.UTC)
        lo = db.session.scalar(sa.select(Post.id).where(Post.created_at >= start).order_by(Post.created_at).limit(1))
        lo = lo if lo is not None else 2**62
    if filters.until is not None:
        end = dt.datetime.combine(filters.until + dt.timedelta(days=1), dt.time(), dt.UTC)
        hi = db.session.scalar(sa.select(Post.id).where(Post.created_at < end).order_by(Post.created_at.desc()).limit(1))
        hi = hi if hi is not None else 0
    return lo, hi


def match_query(terms: list[str], *, prefix: bool, sqlite: bool) -> str:
    """The index's query for `terms` (all must match). Terms are words only (\\w+), each quoted:
    nothing the user typed is read as FTS syntax."""
    if sqlite:
        quoted = [f'"{t}"' for t in terms]
        if prefix:
            quoted[-1] += "*"
        return " ".join(quoted)
    parts = [f"'{t}'" for t in terms]
    if prefix:
        parts[-1] += ":*"
    return " & ".join(parts)


MATCH_PG = "post_search.document @@ to_tsquery('english', :q)"
# The same test, in a form no index serves, and estimated at half the rows: the planner then
# walks the primary key downwards and stops after the window (no SET round trips needed).
PRIMARY_KEY_WALK_PG = "coalesce(post_search.document @@ to_tsquery('english', :q), false)"


def _candidates(terms: list[str], filters: Filters, cap: int, *, prefix: bool) -> list[sa.Row[Any]]:
    """The newest `cap` visible posts that match, with the text to rank them by. The index is
    walked by post id downwards and stops after `cap` rows (no score, count or sort over every
    match: an FTS5 bm25() alone reads the whole doclist of each word for its IDF, 10 ms for a
    word in half of a million posts)."""
    lo, hi = _id_range(filters)
    sqlite = _dialect() == "sqlite"
    params: dict[str, Any] = {"cap": cap, "q": match_query(terms, prefix=prefix, sqlite=sqlite),
                              "published": Status.PUBLISHED.name}
    idcol = "post_search.rowid" if sqlite else "post_search.post_id"
    join = "CROSS JOIN" if sqlite else "JOIN"     # SQLite: keep the index as the outer loop
    where = ["post_search MATCH :q" if sqlite else MATCH_PG]
    if filters.author is not None:
        # Driven from the author's posts, newest first through their index, each looked up in
        # the search index: one member's posts are few next to a common word's matches.
        source = f"posts p {join} post_search ON {idcol} = p.id"
        where.append("p.author_id = :author")
        params["author"] = filters.author.id
        order = "p.id DESC"
    else:
        source = f"post_search {join} posts p ON p.id = {idcol}"
        order = f"{idcol} DESC"
    driver = "p.id" if filters.author is not None else idcol    # the range goes to the walked index
    # The range goes to the walked index, and to posts' too (p.id is the same id; without it
    # PostgreSQL may merge-join by walking posts from the newest, past every later post).
    for col in {driver, "p.id"}:
        if lo is not None:
            where.append(f"{col} >= :lo")
            params["lo"] = lo
        if hi is not None:
            where.append(f"{col} <= :hi")
            params["hi"] = hi
    if filters.since is not None:
        where.append("p.created_at >= :since")
        params["since"] = dt.datetime.combine(filters.since, dt.time(), dt.UTC)
    if filters.until is not None:
        where.append("p.created_at < :until")
        params["until"] = dt.datetime.combine(filters.until + dt.timedelta(days=1), dt.time(), dt.UTC)
    if filters.condition is not None:
        where.append("t.condition_id = :condition")
        params["condition"] = filters.condition.id
    where += ["p.status = :published", "t.status = :published"]
    if sqlite:
        sql = (f"SELECT p.id AS post_id, CASE WHEN p.is_opening THEN t.title ELSE '' END AS title, p.body AS body "
               f"FROM {source} {join} threads t ON t.id = p.thread_id WHERE {' AND '.join(where)} ORDER BY {order} LIMIT :cap")
    else:
        # PostgreSQL ranks the window itself: ts_rank over the stored tsvector (title weight A,
        # body B) of the `cap` rows only (the subquery's LIMIT comes first), no texts sent back.
        sql = (f"SELECT c.post_id, ts_rank(c.document, to_tsquery('english', :q)) AS rank FROM ("
               f"SELECT p.id AS post_id, post_search.document AS document "
               f"FROM {source} {join} threads t ON t.id = p.thread_id WHERE {' AND '.join(where)} ORDER BY {order} LIMIT :cap) c")
    when = Post.__table__.c.created_at.type
    binds = [sa.bindparam(k, v, type_=when if isinstance(v, dt.datetime) else None) for k, v in params.items()]
    if sqlite or filters.author is not None:
        return list(db.session.execute(sa.text(sql).bindparams(*binds)).all())
    # PostgreSQL: walk the primary key for common words, take the GIN index's matches for rare
    # ones (search_plan.py: the planner guesses a rare word's frequency wrong).
    if words_are_common("post_search", terms, prefix=prefix):
        sql = sql.replace(MATCH_PG, PRIMARY_KEY_WALK_PG)     # no index can answer it: the id order is walked
    else:
        sql = sql.replace(f"ORDER BY {order} LIMIT", f"ORDER BY {idcol} + 0 DESC LIMIT")     # no index gives this order
    return list(db.session.execute(sa.text(sql).bindparams(*binds)).all())


_SUFFIX = re.compile(r"(?:ing|ed|es|s|ly)$")


def score(title: str, body: str, patterns: list[re.Pattern[str]]) -> float:
    """BM25-like, within the candidates: each word's count in the title (weight 4) and body,
    saturating, normalised by length. Words' stems are matched loosely (the index stems)."""
    title, body = title.casefold(), body.casefold()
    length = max(1.0, len(body) / 400)
    total = 0.0
    for rx in patterns:
        tf = 4 * len(rx.findall(title)) + len(rx.findall(body))
        total += tf / (tf + 1.2 * (0.25 + 0.75 * length))
    return total


def term_patterns(terms: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(r"\b" + re.escape(_SUFFIX.sub("", t) if len(t) > 4 else t)) for t in terms]


def search(query: str, *, condition: Condition | None = None, author: User | None = None,
           since: dt.date | None = None, until: dt.date | None = None, page: int = 1, per_page: int = 20,
           also: Callable[[list[str], Filters], None] | None = None) -> Results:
    """Ranked results (best first) among the newest matching published posts. `also(terms,
    filters)` runs within the same time limit, after the posts' candidates (site_search's
    articles and chat: one deadline, not three)."""
    filters = Filters(condition=condition, author=author, since=since, until=until)
    terms = terms_of(query)
    page = max(1, page)
    if not terms:
        return Results([], 0, page, 0, [], filters=filters)
    cfg = current_app.config
    cap = int(cfg.get("SEARCH_CANDIDATES", 500))
    try:
        with statement_deadline(int(cfg.get("SEARCH_TIMEOUT_MS", 500))), unprepared():
            found = _candidates(terms, filters, cap, prefix=False)
            if not found and len(terms[-1]) >= PREFIX_MIN:
                # Nothing for the words as typed: perhaps the last one is unfinished ("metfor").
                found = _candidates(terms, filters, cap, prefix=True)
            if also is not None:
                also(terms, filters)
    except TimedOut:
        current_app.logger.warning("search stopped at its time limit (%d terms)", len(terms))
        return Results([], 0, page, 0, terms, timed_out=True, filters=filters)
    if found and "rank" in found[0]._fields:
        ranked = sorted(found, key=lambda r: (-r.rank, -r.post_id))
    else:
        patterns = term_patterns(terms)
        ranked = sorted(found, key=lambda r: (-score(r.title, r.body, patterns), -r.post_id))
    total = len(ranked)
    page_ids = [r.post_id for r in ranked[(page - 1) * per_page: page * per_page]]
    rows = db.session.execute(
        sa.select(Post, Thread, Condition).join(Thread, Thread.id == Post.thread_id)
        .join(Condition, Condition.id == Thread.condition_id).where(Post.id.in_(page_ids))).all() if page_ids else []
    by_id = {p.id: (p, t, c) for p, t, c in rows}
    hits = [Hit(post=p, thread=t, condition=c, snippet=snippet(html_text(p.body_html), terms))
            for p, t, c in (by_id[i] for i in page_ids if i in by_id)]
    return Results(hits, total, page, max(1, math.ceil(total / per_page)), terms, capped=total >= cap, filters=filters)


def snippet(text: str, terms: list[str], width: int = 160) -> Markup:
    """An escaped excerpt around the first match, with matched words in <mark>."""
    low = text.casefold()
    pos = min((i for i in (low.find(t) for t in terms) if i >= 0), default=0)
    start = max(0, pos - width // 3)
    piece = text[start:start + width]
    out = html.escape(piece)
    alternatives = "|".join(re.escape(html.escape(t)) for t in sorted(set(terms), key=len, reverse=True))
    out = re.sub(r"(?i)\b((?:" + alternatives + r")\w*)", r"<mark>\1</mark>", out)
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return Markup(prefix + out + suffix)
