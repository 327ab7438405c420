"""The misinformation queue verified clinicians answer: published posts that members reported
as health misinformation, with whether a context note already answers them. Clinicians see
only what any member sees (published posts); moderators still decide on the report itself."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from .. import permissions
from ..extensions import db
from ..forums.models import Condition, Post, Status, Thread
from ..moderation.models import ContextNote, ItemState, QueueItem

LIMIT = 200


@dataclass
class Reported:
    item_id: int
    post_id: int
    thread_id: int
    thread_title: str
    condition: str
    excerpt: str
    reporters: int
    answered: bool


def reported_posts(*, viewer: Any) -> list[Reported]:
    permissions.require(permissions.can_answer_misinformation(viewer),
                        "The misinformation queue is for verified clinicians and moderators.")
    rows = db.session.execute(
        sa.select(QueueItem.id, QueueItem.reasons, QueueItem.report_count, Post.id, Post.body, Thread.id, Thread.title, Condition.name)
        .join(Post, sa.and_(QueueItem.target_type == "post", Post.id == QueueItem.target_id))
        .join(Thread, Thread.id == Post.thread_id).join(Condition, Condition.id == Thread.condition_id)
        .where(QueueItem.state != ItemState.RESOLVED, Post.status == Status.PUBLISHED, Thread.status == Status.PUBLISHED)
        .order_by(QueueItem.priority.desc(), QueueItem.id).limit(LIMIT)).all()
    rows = [r for r in rows if "report.misinformation" in (r[1] or [])]
    noted = set(db.session.scalars(sa.select(ContextNote.post_id).where(ContextNote.post_id.in_([r[3] for r in rows])))) if rows else set()
    return [Reported(item_id=r[0], post_id=r[3], thread_id=r[5], thread_title=r[6], condition=r[7],
                     excerpt=" ".join(r[4].split())[:240], reporters=r[2], answered=r[3] in noted) for r in rows]
