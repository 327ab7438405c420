"""Routes for tokens, conditions, threads and posts. Each parses, calls one service, renders."""
from __future__ import annotations

from typing import Any

from flask import current_app, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from ..errors import Invalid
from ..forums import reading
from ..forums import services as forums
from . import bp
from .auth import api_user, token_required
from .serialise import post_json, thread_summary


def body(*required: str, types: dict[str, type] | None = None) -> dict[str, Any]:
    """The request's JSON object, with required fields present (400) and of the right type (422)."""
    limit = current_app.config["JSON_BODY_LIMIT"]
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge(f"Request bodies are limited to {limit // 1024} KB.")
    raw = request.get_data(cache=True)
    if len(raw) > limit:
        raise RequestEntityTooLarge(f"Request bodies are limited to {limit // 1024} KB.")
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise BadRequest("Send a JSON object with Content-Type: application/json.")
    missing = [f for f in required if f not in data or data[f] is None]
    if missing:
        raise BadRequest("Missing field(s): " + ", ".join(missing) + ".")
    for name, kind in (types or {}).items():
        if name in data and data[name] is not None and not isinstance(data[name], kind):
            raise Invalid(name, f"'{name}' must be a {kind.__name__ if kind is not str else 'string'}.")
    return data


@bp.get("/conditions")
@token_required()
def conditions() -> dict[str, Any]:
    rows = forums.list_conditions(viewer=api_user())
    return {"items": [{"slug": c.slug, "name": c.name, "description": c.description, "joined": j} for c, j in rows]}


@bp.get("/conditions/<slug>/threads")
@token_required()
def threads(slug: str) -> dict[str, Any]:
    page = forums.list_threads(condition=forums.get_condition(slug), cursor=request.args.get("cursor"))
    return {"items": [thread_summary(t) for t in page.items], "next": page.next}


@bp.post("/conditions/<slug>/threads")
@token_required()
def start_thread(slug: str) -> tuple[dict[str, Any], int]:
    data = body("title", "body", types={"title": str, "body": str, "is_question": bool})
    cond = forums.get_condition(slug)
    result = forums.start_thread(actor=api_user(), condition=cond, title=data["title"], body=data["body"],
                                 is_question=bool(data.get("is_question")))
    return {"id": result.thread.id, "post_id": result.post.id, "status": str(result.status), "warnings": result.warnings}, 201


@bp.get("/threads/<int:thread_id>")
@token_required()
def thread(thread_id: int) -> dict[str, Any]:
    viewer = api_user()
    t = forums.get_thread(viewer=viewer, thread_id=thread_id)
    page = reading.list_posts(viewer=viewer, thread=t, cursor=request.args.get("cursor"))
    return {**thread_summary(t), "posts": [post_json(p) for p in page.items], "next": page.next}


@bp.post("/threads/<int:thread_id>/posts")
@token_required()
def reply(thread_id: int) -> tuple[dict[str, Any], int]:
    data = body("body", types={"body": str})
    viewer = api_user()
    result = forums.reply(actor=viewer, thread=forums.get_thread(viewer=viewer, thread_id=thread_id), body=data["body"])
    return {"id": result.post.id, "status": str(result.status), "warnings": result.warnings}, 201
