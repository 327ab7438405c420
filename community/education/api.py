"""The contract's education routes: articles and their review, announcements, context notes."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..api import bp, openapi
from ..api.auth import api_user, token_required
from ..api.routes import body
from ..errors import Invalid
from ..forums import services as forums
from ..moderation import services as moderation
from . import announcements, articles


@bp.get("/conditions/<slug>/articles")
@token_required()
def list_articles(slug: str) -> dict[str, Any]:
    viewer = api_user()
    items = articles.list_articles(viewer=viewer, condition=forums.get_condition(slug))
    return {"items": [articles.article_json(a, viewer=viewer) for a in items]}


@bp.get("/articles/<int:article_id>")
@token_required()
def get_article(article_id: int) -> dict[str, Any]:
    viewer = api_user()
    return articles.article_json(articles.get_article(viewer=viewer, article_id=article_id), viewer=viewer)


@bp.post("/conditions/<slug>/articles")
@token_required()
def create_article(slug: str) -> tuple[dict[str, Any], int]:
    data = body("title", "body", "sources", types={"title": str, "body": str, "sources": list, "summary": str})
    a = articles.create_article(actor=api_user(), condition=forums.get_condition(slug), title=data["title"], body=data["body"],
                                sources=data["sources"], summary=data.get("summary") or "")
    return {"id": a.id, "status": str(a.status)}, 201


@bp.post("/articles/<int:article_id>/review")
@token_required()
def review_article(article_id: int) -> dict[str, Any]:
    data = body("action", types={"action": str, "note": str})
    actor = api_user()
    a = articles.review_article(actor=actor, article=articles.get_article(viewer=actor, article_id=article_id),
                                action=data["action"], note=data.get("note") or "")
    return {"id": a.id, "status": str(a.status)}


@bp.post("/announcements")
@token_required()
def create_announcement() -> tuple[dict[str, Any], int]:
    data = body("title", "body", "level", types={"title": str, "body": str, "level": str, "condition": str, "expires_at": str})
    expires = None
    if data.get("expires_at"):
        try:
            expires = dt.datetime.fromisoformat(data["expires_at"])
        except ValueError:
            raise Invalid("expires_at", "Give expires_at as an ISO 8601 date and time.") from None
    cond = forums.get_condition(data["condition"]) if data.get("condition") else None
    a = announcements.create_announcement(actor=api_user(), title=data["title"], body=data["body"], level=data["level"],
                                          condition=cond, expires_at=expires)
    return {"id": a.id, "level": str(a.level)}, 201


@bp.post("/posts/<int:post_id>/notes")
@token_required()
def add_note(post_id: int) -> tuple[dict[str, Any], int]:
    data = body("body", "sources", types={"body": str, "sources": list})
    actor = api_user()
    note = moderation.add_context_note(actor=actor, post=forums.get_post(viewer=actor, post_id=post_id),
                                       body=data["body"], sources=data["sources"])
    return {"id": note.id, "body": note.body, "sources": note.sources, "kind": note.kind}, 201


_S, _I = {"type": "string"}, {"type": "integer"}
_SOURCES = {"type": "array", "minItems": 1, "maxItems": 20, "items": openapi._obj(
    ["title", "url"], title={"type": "string", "minLength": 1, "maxLength": 300}, url={"type": "string", "format": "uri"},
    publisher=_S, date=_S)}
_SLUG = [openapi._path("slug")]
openapi.add("/api/v1/conditions/{slug}/articles", "get", openapi._op("A condition's articles (published ones for members)", params=_SLUG))
openapi.add("/api/v1/conditions/{slug}/articles", "post", openapi._op(
    "Write an article (verified clinicians and admins); it waits for review", ok="201", params=_SLUG,
    body=openapi._obj(["title", "body", "sources"], title={"type": "string", "minLength": 5, "maxLength": 200},
                      body={"type": "string", "minLength": 20, "maxLength": 50000}, sources=_SOURCES,
                      summary={"type": "string", "maxLength": 300}),
    errors=("400", "401", "403", "404", "422")))
openapi.add("/api/v1/articles/{article_id}", "get", openapi._op("One article", params=[openapi._path("article_id", openapi.ID)]))
openapi.add("/api/v1/articles/{article_id}/review", "post", openapi._op(
    "Review an article (a verified clinician other than its author)", params=[openapi._path("article_id", openapi.ID)],
    body=openapi._obj(["action"], action={"enum": ["approve", "request_changes"]}, note=_S),
    errors=("400", "401", "403", "404", "422")))
openapi.add("/api/v1/announcements", "post", openapi._op(
    "Announce to a condition's members or everyone (admins)", ok="201",
    body=openapi._obj(["title", "body", "level"], title={"type": "string", "minLength": 3, "maxLength": 200},
                      body={"type": "string", "minLength": 1, "maxLength": 5000}, level={"enum": ["info", "urgent"]},
                      condition=_S, expires_at={"type": "string", "format": "date-time"}),
    errors=("400", "401", "403", "404", "422")))
openapi.add("/api/v1/posts/{post_id}/notes", "post", openapi._op(
    "Attach a sourced context note to a post (verified clinicians and moderators)", ok="201",
    params=[openapi._path("post_id", openapi.ID)],
    body=openapi._obj(["body", "sources"], body={"type": "string", "minLength": 1, "maxLength": 2000}, sources=_SOURCES),
    errors=("400", "401", "403", "404", "422")))
