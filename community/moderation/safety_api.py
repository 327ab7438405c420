"""The contract's safety routes: outreach, escalation, thread heat controls, ignoring (later),
and appeals. Thin adapters over `moderation.safety`."""
from __future__ import annotations

from typing import Any

from ..api import bp, openapi
from ..api.auth import api_user, token_required
from ..api.routes import body
from ..errors import Invalid
from ..forums import services as forums
from . import queue, safety


@bp.post("/moderation/items/<int:item_id>/outreach")
@token_required()
def outreach(item_id: int) -> tuple[dict[str, Any], int]:
    data = body("message", types={"message": str})
    actor = api_user()
    o = safety.reach_out(actor=actor, item=queue.get_item(actor=actor, item_id=item_id), message=data["message"])
    return {"id": o.id, "item_id": item_id, "user_notified": True}, 201


@bp.post("/moderation/items/<int:item_id>/escalate")
@token_required()
def escalate(item_id: int) -> dict[str, Any]:
    data = body("reason", types={"reason": str})
    actor = api_user()
    item = safety.escalate(actor=actor, item=queue.get_item(actor=actor, item_id=item_id), reason=data["reason"])
    return {"id": item.id, "state": str(item.state)}


@bp.patch("/threads/<int:thread_id>")
@token_required()
def thread_controls(thread_id: int) -> dict[str, Any]:
    data = body(types={"locked": bool, "slow_mode_seconds": int, "reason": str})
    if "locked" not in data and "slow_mode_seconds" not in data:
        raise Invalid("locked", "Send locked and/or slow_mode_seconds.")
    actor = api_user()
    t = safety.set_thread_controls(actor=actor, thread=forums.get_thread(viewer=actor, thread_id=thread_id),
                                   locked=data.get("locked"), reason=data.get("reason") or "",
                                   slow_mode_seconds=data.get("slow_mode_seconds"))
    return {"id": t.id, "locked": t.locked_at is not None, "lock_reason": t.lock_reason, "slow_mode_seconds": t.slow_mode_seconds}


@bp.post("/appeals")
@token_required()
def create_appeal() -> tuple[dict[str, Any], int]:
    data = body("text", types={"text": str, "item_id": int, "sanction_id": int})
    a = safety.appeal(actor=api_user(), text=data["text"], item_id=data.get("item_id"), sanction_id=data.get("sanction_id"))
    return {"id": a.id}, 201


_S, _I = {"type": "string"}, {"type": "integer"}
_ITEM = [openapi._path("item_id", openapi.ID)]
openapi.add("/api/v1/moderation/items/{item_id}/outreach", "post", openapi._op(
    "Send the item's author a private check-in from the moderation team (moderators)", ok="201", params=_ITEM,
    body=openapi._obj(["message"], message={"type": "string", "minLength": 1, "maxLength": safety.MESSAGE_MAX})))
openapi.add("/api/v1/moderation/items/{item_id}/escalate", "post", openapi._op(
    "Escalate an item to the admins, who are notified (moderators)", params=_ITEM,
    body=openapi._obj(["reason"], reason={"type": "string", "minLength": 1}), errors=("400", "401", "403", "404", "409", "422")))
openapi.add("/api/v1/threads/{thread_id}", "patch", openapi._op(
    "Lock or unlock a thread, set its slow mode (moderators)", params=[openapi._path("thread_id", openapi.ID)],
    body=openapi._obj([], locked={"type": "boolean"}, reason={"type": "string", "maxLength": 300},
                      slow_mode_seconds={"type": "integer", "minimum": 0, "maximum": 86400}),
    errors=("400", "401", "403", "404", "405", "409", "422", "429")))
openapi.add("/api/v1/appeals", "post", openapi._op(
    "Appeal a rejection of your content or a sanction, once per decision", ok="201",
    body=openapi._obj(["text"], text={"type": "string", "minLength": 10, "maxLength": 2000}, item_id=_I, sanction_id=_I),
    errors=("400", "401", "403", "404", "409", "422")))
