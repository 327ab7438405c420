"""Live alerts for moderators on the `/moderation` Socket.IO namespace: a crisis post or a
self-harm report reaches every moderator who has a moderation page open, once it is
committed (moderation/wiring.py subscribes `on_crisis`)."""
from __future__ import annotations

from typing import Any

from flask_login import current_user
from flask_socketio import Namespace, join_room

from .. import permissions
from ..extensions import socketio

ROOM = "moderators"
NAMESPACE = "/moderation"


class AlertsNamespace(Namespace):
    def on_connect(self, auth: Any = None) -> bool:
        if not permissions.can_moderate(current_user):
            return False
        join_room(ROOM)
        return True


def on_crisis(*, item_id: int, target_type: str, target_id: int) -> None:
    socketio.emit("alert", {"kind": "crisis", "item_id": item_id, "target_type": target_type, "target_id": target_id,
                            "message": "Urgent: crisis language was posted. Open the queue now.",
                            "url": f"/moderation/queue/{item_id}"}, namespace=NAMESPACE, to=ROOM)


def init_app(app: Any) -> None:
    socketio.on_namespace(AlertsNamespace(NAMESPACE))
