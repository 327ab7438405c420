"""How moderation sees and changes forum posts (the "post" target)."""
from __future__ import annotations

from typing import Any

from .. import permissions
from ..content import Status
from ..db import utcnow
from ..extensions import db
from ..moderation.targets import Shown
from . import services
from .markdown import render
from .models import Post, PostRevision


class PostTarget:
    def load(self, target_id: int) -> Post | None:
        return db.session.get(Post, target_id)

    def preload(self, target_ids: list[int]) -> list[Any]:
        """The queue page's posts with their threads and communities, in three statements
        whatever their number (`load` then finds them in the session)."""
        from sqlalchemy.orm import selectinload

        from .models import Thread

        return list(db.session.scalars(db.select(Post).where(Post.id.in_(target_ids))
                                .options(selectinload(Post.thread).selectinload(Thread.condition))))

    def can_view(self, actor: Any, obj: Post) -> bool:
        return permissions.can_view_post(actor, obj)

    def author_id(self, obj: Post) -> int | None:
        return obj.author_id

    def condition_id(self, obj: Post) -> int | None:
        return obj.thread.condition_id

    def set_status(self, obj: Post, status: Status) -> None:
        services.set_status(obj, status)

    def edit(self, obj: Post, body: str, *, editor: Any) -> None:
        db.session.add(PostRevision(post_id=obj.id, body=obj.body, title=obj.thread.title if obj.is_opening else None))
        obj.body = body
        obj.body_html = render(body)
        obj.edited_at = utcnow()

    def show(self, obj: Post) -> Shown:
        thread = obj.thread
        title = f"{thread.title} — " if obj.is_opening else ""
        return Shown(raw=obj.body, html=obj.body_html, where=f"{thread.condition.name} › {title or thread.title}",
                     link=f"/t/{thread.id}#post-{obj.id}", status=str(obj.status))

    def context(self, obj: Post) -> list[dict[str, Any]]:
        return []
