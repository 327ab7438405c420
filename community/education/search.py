"""Articles in search results: the approved version of published articles, for everyone who
may read the Learn tab (everyone), ranked above posts for the same words.

`article_search` (migration 0008_search: FTS5 on SQLite, tsvector + GIN on PostgreSQL, as for
posts) holds only the live, approved revision of each article: it is written when a reviewer
approves (review_article), so a draft, an edit waiting for review or a version a reviewer sent
back is never in it, and its words never find anything. Queries join the article again and
keep only those with a live revision that are not archived.

Cost: like posts, the index is walked by article id downwards and stops after
ARTICLE_CANDIDATES rows; only those are ranked (forums.search.score) and shown."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app

from ..extensions import db
from ..forums.models import Condition
from ..forums.markdown import plain_text
from ..forums.search import Filters, match_query, score, snippet, term_patterns
from .models import Article, ArticleRevision, ArticleStatus


@dataclass
class ArticleHit:
    article: Article
    condition: Condition
    title: str           # of the live (approved) revision
    snippet: Any


def _sqlite() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"


def sync_article(article: Article, live: ArticleRevision | None) -> None:
    """Index `live` (the approved revision members read) for `article`, or drop the article
    from the index when there is none. In the caller's transaction."""
    key = "rowid" if _sqlite() else "article_id"
    db.session.execute(sa.text(f"DELETE FROM article_search WHERE {key} = :id"), {"id": article.id})
    if live is None or article.status == ArticleStatus.ARCHIVED:
        return
    if _sqlite():
        db.session.execute(sa.text("INSERT INTO article_search (rowid, title, body) VALUES (:id, :t, :b)"),
                           {"id": article.id, "t": live.title, "b": live.body})
    else:
        db.session.execute(sa.text(
            "INSERT INTO article_search (article_id, document) VALUES (:id, "
            "setweight(to_tsvector('english', :t), 'A') || setweight(to_tsvector('english', :b), 'B'))"),
            {"id": article.id, "t": live.title, "b": live.body})


def find_articles(terms: list[str], filters: Filters, *, limit: int = 5, prefix: bool = False) -> list[ArticleHit]:
    """The best `limit` published articles containing every term, among the newest
    ARTICLE_CANDIDATES that do."""
    if not terms:
        return []
    cap = int(current_app.config.get("ARTICLE_CANDIDATES", 50))
    sqlite = _sqlite()
    idcol = "article_search.rowid" if sqlite else "article_search.article_id"
    where = ["article_search MATCH :q" if sqlite else "article_search.document @@ to_tsquery('english', :q)",
             "a.live_revision_id IS NOT NULL", "a.status != :archived"]
    params: dict[str, Any] = {"q": match_query(terms, prefix=prefix, sqlite=sqlite), "cap": cap,
                              "archived": ArticleStatus.ARCHIVED.name}
    if filters.condition is not None:
        where.append("a.condition_id = :condition")
        params["condition"] = filters.condition.id
    if filters.author is not None:
        where.append("a.author_id = :author")
        params["author"] = filters.author.id
    when = Article.__table__.c.published_at.type
    binds = []
    if filters.since is not None:
        where.append("a.published_at >= :since")
        binds.append(sa.bindparam("since", dt.datetime.combine(filters.since, dt.time(), dt.UTC), type_=when))
    if filters.until is not None:
        where.append("a.published_at < :until")
        binds.append(sa.bindparam("until", dt.datetime.combine(filters.until + dt.timedelta(days=1), dt.time(), dt.UTC), type_=when))
    join = "CROSS JOIN" if sqlite else "JOIN"     # SQLite: keep the index as the outer loop
    sql = (f"SELECT a.id AS id, v.title AS title, v.body AS body FROM article_search {join} articles a ON a.id = {idcol} "
           f"{join} article_revisions v ON v.id = a.live_revision_id WHERE {' AND '.join(where)} "
           f"ORDER BY {idcol} DESC LIMIT :cap")
    rows = list(db.session.execute(sa.text(sql).bindparams(*binds), params).all())
    if not rows:
        return []
    patterns = term_patterns(terms)
    best = sorted(rows, key=lambda r: (-score(r.title, r.body, patterns), -r.id))[:limit]
    found = {a.id: (a, c) for a, c in db.session.execute(
        sa.select(Article, Condition).join(Condition, Condition.id == Article.condition_id)
        .where(Article.id.in_([r.id for r in best]))).all()}
    return [ArticleHit(article=found[r.id][0], condition=found[r.id][1], title=r.title,
                       snippet=snippet(plain_text(r.body), terms)) for r in best if r.id in found]
