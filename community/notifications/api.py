"""JSON routes of notifications and following (../shared/CONTRACT.md, "between visits")."""
from __future__ import annotations

from typing import Any

from flask import request

from ..api import bp
from ..api.auth import api_user, token_required
from ..api.openapi import CURSOR, ID, I, S, _obj, _op, _path, add
from ..api.routes import body
from ..errors import Invalid
from ..forums import services as forums
from . import following, services


@bp.get("/notifications")
@token_required()
def notifications() -> dict[str, Any]:
    user = api_user()
    page = services.list_page(actor=user, cursor=request.args.get("cursor"))
    return {"items": [i.json() for i in page.items], "next": page.next, "unread": services.unread_count(user)}


@bp.post("/notifications/read")
@token_required()
def notifications_read() -> tuple[str, int]:
    data = body(types={"all": bool, "ids": list})
    if data.get("all") is True:
        services.mark_read(actor=api_user(), all=True)
    elif "ids" in data:
        services.mark_read(actor=api_user(), ids=data["ids"])
    else:
        raise Invalid("ids", "Give 'ids' as a list of notification ids, or 'all': true.")
    return "", 204


@bp.put("/threads/<int:thread_id>/subscription")
@token_required()
def subscription(thread_id: int) -> dict[str, Any]:
    data = body("level", types={"level": str})
    user = api_user()
    level = following.set_level(actor=user, thread=forums.get_thread(viewer=user, thread_id=thread_id), level=data["level"])
    return {"level": level}


ITEM = _obj(["id", "kind", "text", "link", "created_at", "read"], id=I, kind=S, text=S, link=S, created_at=S,
            read={"type": "boolean"})
add("/api/v1/notifications", "get", _op("The caller's notifications, newest first", params=[CURSOR],
    ok_schema=_obj(["items", "next", "unread"], items={"type": "array", "items": ITEM}, next={"type": ["string", "null"]}, unread=I)))
add("/api/v1/notifications/read", "post", _op("Mark notifications read", ok="204",
    body={"type": "object", "properties": {"ids": {"type": "array", "items": I}, "all": {"type": "boolean"}}}))
add("/api/v1/threads/{thread_id}/subscription", "put", _op("Follow level of a thread", params=[_path("thread_id", ID)],
    body=_obj(["level"], level={"enum": ["watching", "normal", "muted"]}),
    ok_schema=_obj(["level"], level=S)))
