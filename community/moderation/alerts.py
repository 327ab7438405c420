"""Live alerts for moderators on the `/moderation` Socket.IO namespace: a crisis post or a
self-harm report reaches every moderator who has a moderation page open, once it is
committed (moderation/wiring.py subscribes `on_crisis`)."""
from __future__ import annotations

from typing import Any

from flask_login import current_user
from flask_socketio import Namespace, join_room

from .. import events, permissions
from ..extensions import db, socketio
from ..forums.models import Condition
from .models import QueueItem

ROOM = "moderators"
NAMESPACE = "/moderation"


class AlertsNamespace(Namespace):
    def on_connect(self, auth: Any = None) -> bool:
        if not permissions.can_moderate(current_user):
            return False
        join_room(ROOM)
        return True


def on_crisis(*, item_id: int, target_type: str, target_id: int) -> None:
    item = db.session.get(QueueItem, item_id)
    cond = db.session.get(Condition, item.condition_id) if item is not None and item.condition_id else None
    where = f" in {cond.name}" if cond else (" in a private conversation" if target_type == "message" else "")
    socketio.emit("alert", {"kind": "crisis", "item_id": item_id, "target_type": target_type, "target_id": target_id,
                            "community": cond.name if cond else None,
                            "message": f"Urgent: crisis language was posted{where}. Open item {item_id} now.",
                            "url": f"/moderation/queue/{item_id}"}, namespace=NAMESPACE, to=ROOM)


def _queue_changed(**payload: Any) -> None:
    """Item added, claimed, escalated or decided: open queue pages refresh their counts and list."""
    socketio.emit("queue", {"item_id": payload.get("item_id")}, namespace=NAMESPACE, to=ROOM)


def init_app(app: Any) -> None:
    socketio.on_namespace(AlertsNamespace(NAMESPACE))
    for name in ("moderation.queued", "moderation.claimed", "moderation.escalated", "moderation.decided"):
        events.subscribe(name, _queue_changed)
