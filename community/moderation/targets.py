"""What moderation can act on. Each kind of content ("post", "message", "user") registers a
`TargetHandler`, so the queue, reports and decisions stay generic and a new kind of content
only has to describe how to load, show and change itself."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from ..auth.models import User
from ..content import Status
from ..errors import Invalid
from ..extensions import db


@dataclass
class Shown:
    """How a target appears in the queue: escaped raw text plus sanitised HTML, and where it is."""

    raw: str
    html: str
    where: str
    link: str | None
    status: str


class TargetHandler(Protocol):
    def load(self, target_id: int) -> Any | None: ...
    def can_view(self, actor: Any, obj: Any) -> bool: ...   # may `actor` see (and so report) it
    def author_id(self, obj: Any) -> int | None: ...
    def condition_id(self, obj: Any) -> int | None: ...
    def set_status(self, obj: Any, status: Status) -> None: ...   # does not commit
    def edit(self, obj: Any, body: str, *, editor: Any) -> None: ...  # moderator edit; does not commit
    def show(self, obj: Any) -> Shown: ...
    def context(self, obj: Any) -> list[dict[str, Any]]: ...   # surrounding messages, for reports


_handlers: dict[str, TargetHandler] = {}


def register(target_type: str, handler: TargetHandler) -> None:
    _handlers[target_type] = handler


def handler(target_type: str) -> TargetHandler:
    try:
        return _handlers[target_type]
    except KeyError:
        raise Invalid("target_type", f"Unknown target type '{target_type}'.") from None


def preload(items: list[Any]) -> list[Any]:
    """Load the targets of many queue items at once (a page of the queue), for the handlers
    that can: each handler's `load` then finds its objects in the session, as long as the
    caller holds the returned list (the session only keeps weak references)."""
    by_type: dict[str, list[int]] = {}
    for item in items:
        by_type.setdefault(item.target_type, []).append(item.target_id)
    loaded: list[Any] = []
    for target_type, ids in by_type.items():
        fn = getattr(_handlers.get(target_type), "preload", None)
        if fn is not None:
            loaded.extend(fn(ids))
    return loaded


def registered() -> list[str]:
    return list(_handlers)


class UserTarget:
    """Reports about a member (not a piece of content)."""

    def load(self, target_id: int):  # type: ignore[no-untyped-def]
        return db.session.get(User, target_id)

    def can_view(self, actor, obj) -> bool:  # type: ignore[no-untyped-def]
        return True

    def author_id(self, obj) -> int:  # type: ignore[no-untyped-def]
        return obj.id

    def condition_id(self, obj) -> None:  # type: ignore[no-untyped-def]
        return None

    def set_status(self, obj, status) -> None:  # type: ignore[no-untyped-def]
        return None

    def edit(self, obj, body, *, editor) -> None:  # type: ignore[no-untyped-def]
        return None

    def show(self, obj):  # type: ignore[no-untyped-def]
        return Shown(raw=obj.bio or "", html="", where=f"Member {obj.username}",
                     link=f"/members/{obj.username}", status="member")

    def context(self, obj) -> list:  # type: ignore[no-untyped-def]
        return []
