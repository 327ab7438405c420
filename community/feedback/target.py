"""How moderation sees care feedback (the "feedback" target): only feedback whose words
screening found as a crisis or possible crisis reaches the queue, so a moderator can check in
with its author. Feedback has no public status and is not edited by moderators."""
from __future__ import annotations

from typing import Any

from markupsafe import escape

from ..errors import Invalid
from ..extensions import db
from ..forums.models import Status
from ..moderation.targets import Shown
from .models import Feedback


class FeedbackTarget:
    def load(self, target_id: int) -> Feedback | None:
        return db.session.get(Feedback, target_id)

    def author_id(self, obj: Feedback) -> int | None:
        return obj.author_id

    def condition_id(self, obj: Feedback) -> int | None:
        return obj.condition_id

    def set_status(self, obj: Feedback, status: Status) -> None:
        return None   # feedback is never shown to members: approving or rejecting just closes the item

    def edit(self, obj: Feedback, body: str, *, editor: Any) -> None:
        raise Invalid("body", "Care feedback can't be edited.")

    def show(self, obj: Feedback) -> Shown:
        html = "<p>" + str(escape(obj.text)).replace("\n", "<br>") + "</p>"
        return Shown(raw=obj.text, html=html, where="Care feedback", link=None, status="received")

    def context(self, obj: Feedback) -> list[dict[str, Any]]:
        return []
