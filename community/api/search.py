"""`GET /api/v1/search`: the search page's results as JSON (site_search.py): published articles
first (page 1), then a page of posts, and for members the chat messages of their rooms."""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import request, url_for
from werkzeug.exceptions import BadRequest

from .. import site_search
from ..auth import services as accounts
from ..errors import Invalid, NotFound
from ..forums import services as forums
from ..inputs import text_problem
from . import bp, openapi
from .auth import api_user, token_required

Q_MAX = 200
PAGE_MAX = 1000


def _text(name: str, limit: int) -> str:
    value = (request.args.get(name) or "").strip()
    if problem := text_problem(value):
        raise Invalid(name, f"'{name}': {problem}")
    if len(value) > limit:
        raise Invalid(name, f"'{name}' can be at most {limit} characters.")
    return value


def _date(name: str) -> dt.date | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise Invalid(name, f"'{name}' must be a date, YYYY-MM-DD.") from None


@bp.get("/search")
@token_required()
def search() -> dict[str, Any]:
    q = _text("q", Q_MAX)
    if not q:
        raise BadRequest("Give the words to search for in 'q'.")
    slug, who = _text("condition", 64), _text("author", 32)
    page = request.args.get("page", "1")
    if not page.isdigit() or not 1 <= int(page) <= PAGE_MAX:
        raise Invalid("page", f"'page' must be a number from 1 to {PAGE_MAX}.")
    viewer = api_user()
    condition = forums.get_condition(slug) if slug else None
    author = None
    if who:
        try:
            author = accounts.get_user(who)
        except NotFound:
            raise NotFound(f"No member is called {who}.") from None
    found = site_search.search(q, viewer=viewer, condition=condition, author=author, since=_date("since"),
                               until=_date("until"), page=int(page))
    posts = found.posts
    items: list[dict[str, Any]] = [{
        "type": "article", "id": a.article.id, "title": a.title,
        "condition": {"slug": a.condition.slug, "name": a.condition.name},
        "reviewed_by": a.article.reviewed_by.name if a.article.reviewed_by else None,
        "reviewed_at": a.article.reviewed_at.isoformat() if a.article.reviewed_at else None,
        "review_due": a.article.review_due.isoformat() if a.article.review_due else None,
        "due_for_review": a.article.is_due(), "snippet_html": str(a.snippet),
        "link": url_for("education.article", article_id=a.article.id),
        "learn": url_for("education.learn", slug=a.condition.slug),
    } for a in found.articles]
    items += [{
        "type": "post", "id": h.post.id, "thread_id": h.thread.id, "title": h.thread.title,
        "condition": {"slug": h.condition.slug, "name": h.condition.name},
        "created_at": h.post.created_at.isoformat(), "snippet_html": str(h.snippet),
        "link": url_for("forums.thread", thread_id=h.thread.id) + f"#post-{h.post.id}",
    } for h in posts.hits]
    messages = [{
        "id": m.message.id, "room": m.room_key,
        "author": {"name": m.message.author.name if m.message.author else "former member"},
        "created_at": m.message.created_at.isoformat(), "snippet_html": str(m.snippet),
    } for m in found.chat]
    return {"items": items, "messages": messages, "total": posts.total, "capped": posts.capped,
            "page": posts.page, "pages": posts.pages, "timed_out": posts.timed_out}


_S = openapi.S
openapi.add("/api/v1/search", "get", openapi._op(
    "Search published articles (first, on page 1), posts and, for members, the chat of their rooms",
    params=[{"name": "q", "in": "query", "required": True, "schema": {"type": "string", "minLength": 1, "maxLength": Q_MAX}},
            {"name": "condition", "in": "query", "required": False, "schema": _S},
            {"name": "author", "in": "query", "required": False, "schema": {"type": "string", "maxLength": 32}},
            {"name": "since", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}},
            {"name": "until", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}},
            {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": PAGE_MAX}}],
    ok_schema=openapi._obj(["items", "messages", "total", "capped", "page", "pages", "timed_out"],
                           items={"type": "array", "items": {"type": "object"}},
                           messages={"type": "array", "items": {"type": "object"}},
                           total=openapi.I, capped={"type": "boolean"}, page=openapi.I, pages=openapi.I,
                           timed_out={"type": "boolean"}),
    errors=("400", "401", "403", "404", "422", "429")))
