"""Routes for tokens, conditions, threads and posts. Each parses, calls one service (or the
page's read model, forums/reading.py, as the HTML page does), renders."""
from __future__ import annotations

from typing import Any

from flask import current_app, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from ..errors import Invalid
from ..forums import reading
from ..ignoring.services import ignored_ids
from ..moderation import services as moderation
from ..inputs import ID_MAX, text_problem
from ..forums import services as forums
from . import bp
from .auth import api_user, token_required
from ..reliability.idempotency import idempotent
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
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise Invalid(name, f"'{name}' must be a {_KIND_NAMES.get(kind, kind.__name__)}.")
        if kind is int and not -ID_MAX <= value <= ID_MAX:
            raise Invalid(name, f"'{name}' is out of range.")
        if kind is str and (problem := text_problem(value)):
            raise Invalid(name, f"'{name}': {problem}")
    return data


_KIND_NAMES = {str: "string", int: "integer", bool: "boolean"}


def _confirmed(data: dict[str, Any]) -> bool:
    """Identifiers in API posts are held for a moderator (the contract's `pending`) unless the
    client sends `"confirm_identifiers": false`: then it gets 422 `needs_confirmation` first."""
    return data.get("confirm_identifiers") is not False


@bp.get("/conditions")
@token_required()
def conditions() -> dict[str, Any]:
    rows = forums.list_conditions(viewer=api_user())
    return {"items": [{"slug": c.slug, "name": c.name, "description": c.description, "joined": j} for c, j in rows]}


@bp.put("/conditions/<slug>/membership")
@token_required()
def join(slug: str) -> tuple[str, int]:
    forums.join_condition(actor=api_user(), condition=forums.get_condition(slug))
    return "", 204


@bp.delete("/conditions/<slug>/membership")
@token_required()
def leave(slug: str) -> tuple[str, int]:
    forums.leave_condition(actor=api_user(), condition=forums.get_condition(slug))
    return "", 204


@bp.get("/conditions/<slug>/threads")
@token_required()
def threads(slug: str) -> dict[str, Any]:
    shown = reading.condition_page(viewer=api_user(), slug=slug, cursor=request.args.get("cursor"))
    return {"items": [thread_summary(t, condition=shown.condition.slug) for t in shown.page.items], "next": shown.page.next}


@bp.post("/conditions/<slug>/threads")
@token_required()
@idempotent(api_user)
def start_thread(slug: str) -> tuple[dict[str, Any], int]:
    data = body("title", "body", types={"title": str, "body": str, "is_question": bool, "confirm_identifiers": bool})
    cond = forums.get_condition(slug)
    result = forums.start_thread(actor=api_user(), condition=cond, title=data["title"], body=data["body"],
                                 is_question=bool(data.get("is_question")), confirm_identifiers=_confirmed(data))
    return {"id": result.thread.id, "post_id": result.post.id, "status": str(result.status), "warnings": result.warnings}, 201


@bp.get("/threads/<int:thread_id>")
@token_required()
def thread(thread_id: int) -> dict[str, Any]:
    shown = reading.thread_page(viewer=api_user(), thread_id=thread_id, cursor=request.args.get("cursor"), with_author_badge=True)
    notes = moderation.notes_json([p.id for p in shown.page.items if shown.notes.get(p.id)])
    ignored = ignored_ids(api_user())   # a client collapses these posts, as the thread page does
    return {**thread_summary(shown.thread), "posts": [{**post_json(p, notes.get(p.id)), "author_ignored": p.author_id in ignored}
                                                      for p in shown.page.items], "next": shown.page.next}


@bp.post("/threads/<int:thread_id>/posts")
@token_required()
@idempotent(api_user)
def reply(thread_id: int) -> tuple[dict[str, Any], int]:
    data = body("body", types={"body": str, "confirm_identifiers": bool})
    viewer = api_user()
    result = forums.reply(actor=viewer, thread=forums.get_thread(viewer=viewer, thread_id=thread_id), body=data["body"],
                          confirm_identifiers=_confirmed(data))
    return {"id": result.post.id, "status": str(result.status), "warnings": result.warnings}, 201
