"""The contract's moderation routes: reports, the queue and decisions."""
from __future__ import annotations

from typing import Any

from ..api import bp
from ..api import openapi
from ..api.auth import api_user, token_required
from ..api.routes import body
from . import queue, services
from .models import QueueItem, ReportReason


def item_json(item: QueueItem) -> dict[str, Any]:
    return {
        "id": item.id, "target_type": item.target_type, "target_id": item.target_id, "priority": item.priority,
        "reasons": item.reasons, "state": str(item.state), "held": item.held, "report_count": item.report_count,
        "condition_id": item.condition_id, "claimed_by": item.claimed_by_id, "created_at": item.created_at.isoformat(),
        "findings": [{k: f[k] for k in ("code", "start", "end", "message") if k in f} for f in item.findings],
    }


@bp.post("/reports")
@token_required()
def create_report() -> tuple[dict[str, Any], int]:
    data = body("target_type", "target_id", "reason", types={"target_type": str, "target_id": int, "reason": str, "note": str})
    rep = services.report(actor=api_user(), target_type=data["target_type"], target_id=data["target_id"],
                          reason=data["reason"], note=data.get("note") or "")
    return {"id": rep.id}, 201


@bp.get("/moderation/queue")
@token_required()
def moderation_queue() -> dict[str, Any]:
    return {"items": [item_json(i) for i in queue.list_items(actor=api_user(), filters=queue.Filters(state="all"))]}


@bp.post("/moderation/items/<int:item_id>/decision")
@token_required()
def decision(item_id: int) -> dict[str, Any]:
    data = body("action", types={"action": str, "reason": str, "body": str})
    actor = api_user()
    item = queue.decide(actor=actor, item=queue.get_item(actor=actor, item_id=item_id), action=data["action"],
                        reason=data.get("reason") or "", body=data.get("body"))
    return item_json(item)


_S, _I = {"type": "string"}, {"type": "integer"}
openapi.add("/api/v1/reports", "post", openapi._op(
    "Report a post, chat message or member", ok="201",
    body=openapi._obj(["target_type", "target_id", "reason"], target_type={"enum": ["post", "message", "user"]}, target_id=openapi.ID,
                      reason={"enum": [r.value for r in ReportReason]}, note={**_S, "maxLength": services.REPORT_NOTE_MAX}),
    ok_schema=openapi._obj(["id"], id=_I)))
openapi.add("/api/v1/moderation/queue", "get", openapi._op("The moderation queue, most urgent first (moderators only)"))
openapi.add("/api/v1/moderation/items/{item_id}/decision", "post", openapi._op(
    "Decide a queue item (moderators only)", params=[openapi._path("item_id", openapi.ID)],
    body=openapi._obj(["action"], action={"enum": list(queue.ACTIONS)}, reason=_S, body=_S), errors=("400", "401", "403", "404", "409", "422")))
