"""Full-text search over thread titles and posts.

One `post_search` table holds the searchable text of published posts only: an FTS5 virtual
table on SQLite, a tsvector column with a GIN index on PostgreSQL (both made by the
migrations). Queries still join the live rows, so nothing a searcher may not see is shown."""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

import sqlalchemy as sa
from markupsafe import Markup

from ..content import Status
from ..extensions import db
from .models import Condition, Post, Thread

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


@dataclass
class Hit:
    post: Post
    thread: Thread
    condition: Condition
    snippet: Markup


@dataclass
class Results:
    hits: list[Hit]
    total: int
    page: int
    pages: int
    terms: list[str]


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def sync_post(post: Post, thread: Thread) -> None:
    """Index a post if it (and its thread) is published; otherwise drop it from the index."""
    db.session.execute(sa.text("DELETE FROM post_search WHERE " + ("rowid" if _dialect() == "sqlite" else "post_id") + " = :id"), {"id": post.id})
    if post.status != Status.PUBLISHED or thread.status != Status.PUBLISHED:
        return
    title = thread.title if post.is_opening else ""
    if _dialect() == "sqlite":
        db.session.execute(sa.text("INSERT INTO post_search (rowid, title, body) VALUES (:id, :t, :b)"),
                           {"id": post.id, "t": title, "b": post.body})
    else:
        db.session.execute(
            sa.text("INSERT INTO post_search (post_id, document) VALUES (:id, "
                    "setweight(to_tsvector('english', :t), 'A') || setweight(to_tsvector('english', :b), 'B'))"),
            {"id": post.id, "t": title, "b": post.body},
        )


def terms_of(query: str) -> list[str]:
    return _WORD.findall(query.casefold())[:MAX_TERMS]


def search(query: str, *, condition: Condition | None = None, page: int = 1, per_page: int = 20) -> Results:
    """Ranked results (best first) for published posts in published threads."""
    terms = terms_of(query)
    page = max(1, page)
    if not terms:
        return Results([], 0, page, 0, [])
    if _dialect() == "sqlite":
        match = " ".join(f'"{t}"' for t in terms[:-1]) + f' "{terms[-1]}"*'
        ranked = sa.text("SELECT rowid AS post_id, bm25(post_search, 4.0, 1.0) AS score FROM post_search "
                         "WHERE post_search MATCH :q").bindparams(q=match.strip())
        order_desc = False  # bm25: lower is better
    else:
        ranked = sa.text("SELECT post_id, ts_rank(document, to_tsquery('english', :q)) AS score FROM post_search "
                         "WHERE document @@ to_tsquery('english', :q)").bindparams(
            q=" & ".join(terms[:-1] + [terms[-1] + ":*"]))
        order_desc = True
    r = ranked.columns(post_id=sa.Integer, score=sa.Float).subquery("r")
    base = (
        sa.select(Post, Thread, Condition, r.c.score)
        .join(r, r.c.post_id == Post.id)
        .join(Thread, Thread.id == Post.thread_id)
        .join(Condition, Condition.id == Thread.condition_id)
        .where(Post.status == Status.PUBLISHED, Thread.status == Status.PUBLISHED)
    )
    if condition is not None:
        base = base.where(Thread.condition_id == condition.id)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(base.subquery())) or 0
    order = r.c.score.desc() if order_desc else r.c.score.asc()
    rows = db.session.execute(base.order_by(order, Post.id.desc()).limit(per_page).offset((page - 1) * per_page)).all()
    hits = [Hit(post=p, thread=t, condition=c, snippet=snippet(p.body, terms)) for p, t, c, _ in rows]
    return Results(hits, total, page, max(1, math.ceil(total / per_page)), terms)


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
