"""The demo community's share of "between visits": every demo patient watches a thread in one
of their communities, has reactions on their posts and unread notifications waiting."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..auth.models import Role, User
from ..extensions import db
from ..forums import services as forums
from ..forums.models import ConditionMember, Post, Status, Thread
from ..reactions import services as reactions
from . import following

KINDS = ("heart", "hug", "me_too", "helpful")


def load(users: dict[str, User]) -> None:
    patients = [u for u in users.values() if u.role == Role.PATIENT]
    for i, patient in enumerate(patients):
        joined = set(db.session.scalars(sa.select(ConditionMember.condition_id).where(ConditionMember.user_id == patient.id)))
        other = db.session.scalar(sa.select(Thread).where(
            Thread.condition_id.in_(joined), Thread.author_id != patient.id, Thread.status == Status.PUBLISHED)
            .order_by(Thread.id))
        if other is not None:
            following.set_level(actor=patient, thread=other, level="watching")
            replier = patients[(i + 1) % len(patients)]
            if replier.id == other.author_id:
                replier = patients[(i + 2) % len(patients)]
            forums.join_condition(actor=replier, condition=other.condition)
            was = replier.approved_posts
            replier.approved_posts = max(was, 10)   # as demo.py does: demo posts are not held
            forums.reply(actor=replier, thread=other, body="Coming back to this: thank you all, it helped me this week.")
            replier.approved_posts = was
            db.session.commit()
        own = db.session.scalars(sa.select(Post).where(Post.author_id == patient.id, Post.status == Status.PUBLISHED)
                                 .order_by(Post.id).limit(2)).all()
        for j, post in enumerate(own):
            for k, reactor in enumerate(p for p in patients if p.id != patient.id):
                if (j + k) % 3 == 0:
                    _react(reactor, post, KINDS[(i + j + k) % len(KINDS)])


def _react(reactor: Any, post: Post, kind: str) -> None:
    try:
        reactions.react(actor=reactor, target_type="post", target_id=post.id, kind=kind)
    except Exception:  # noqa: BLE001 - a demo member who can't see the post simply doesn't react
        db.session.rollback()
