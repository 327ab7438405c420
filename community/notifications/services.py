"""The one notification service: every kind (reply, mention, reaction, outreach, escalation,
announcement, feedback_response, and the moderation and clinician notices) is written here,
the member's unread count is kept on their row (`users.unread_notifications`, so the header
costs no query), and after the commit the new count goes live to the member's sockets.

`notify` adds one notification to the caller's transaction (the moderation and clinician
services use it inside their use case). `fan_out` (fanout.py) writes many in one statement
after a use case's commit. Texts name a thread and a community, never a post's text."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..auth.models import User
from ..db import utcnow
from ..errors import Invalid, NotFound
from ..extensions import db
from ..pagination import Page, decode, encode
from .models import Notification

KINDS = ("reply", "mention", "reaction", "outreach", "escalation", "announcement", "feedback_response")
PAGE = 30
PUSH_KEY = "harbor_notification_push"

# The text of a group of `count` events of one kind (`subject` names the thread and community).
GROUP_TEXT = {
    "reply": "{count} replies in {subject}",
    "reaction": "{count} reactions to your post in {subject}",
    "new_thread": "{count} new threads in {subject}",
}


def display_text(n: Any) -> str:
    if n.count > 1 and n.kind in GROUP_TEXT and n.subject:
        return GROUP_TEXT[n.kind].format(count=n.count, subject=n.subject)
    return n.text


def notify(*, user_id: int | None, kind: str, text: str, link: str | None = None, actor_id: int | None = None,
           target_type: str | None = None, target_id: int | None = None, event_key: str | None = None) -> None:
    """Add one notification to the caller's transaction (the caller commits). Nobody is told
    of their own action; an `event_key` already notified to this member adds nothing."""
    if user_id is None or user_id == actor_id:
        return
    if event_key is not None and db.session.scalar(sa.select(Notification.id).where(
            Notification.user_id == user_id, Notification.event_key == event_key).limit(1)) is not None:
        return
    db.session.add(Notification(user_id=user_id, kind=kind, text=text, link=link, actor_id=actor_id,
                                target_type=target_type, target_id=target_id, event_key=event_key))
    db.session.flush()
    recount([user_id])


def _seen(actor: User) -> None:
    """The member is on the site now ("immediately when away" emails wait 10 minutes from here)."""
    db.session.execute(sa.update(User.__table__).where(User.__table__.c.id == actor.id).values(last_seen_at=utcnow()))


def recount(user_ids: Any) -> None:
    """Set the unread count on the members' rows from their notifications (in the caller's
    transaction) and remember them for the live update after the commit. `user_ids` is a list
    or a SQL subquery of ids."""
    remember_counts(db.session.execute(recount_statement(user_ids)).all())


def recount_statement(user_ids: Any) -> Any:
    """The UPDATE that sets the members' unread counts, returning (id, count) for `remember_counts`."""
    n = Notification.__table__.c
    unread = (sa.select(sa.func.count()).select_from(Notification.__table__)
              .where(n.user_id == User.__table__.c.id, n.read_at.is_(None)).scalar_subquery())
    where = User.__table__.c.id.in_(user_ids)
    return (sa.update(User.__table__).where(where).values(unread_notifications=unread)
            .returning(User.__table__.c.id, User.__table__.c.unread_notifications))


def remember_counts(rows: Any) -> None:
    """Keep the new unread counts for the live update after the commit."""
    pending = db.session.info.setdefault(PUSH_KEY, {})
    pending.update({uid: count for uid, count in rows})


def unread_count(user: Any) -> int:
    return int(getattr(user, "unread_notifications", 0) or 0)


@dataclass
class Item:
    id: int
    kind: str
    text: str
    link: str | None
    created_at: dt.datetime
    read: bool

    def json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "text": self.text, "link": self.link,
                "created_at": self.created_at.isoformat(), "read": self.read}


def list_page(*, actor: User, cursor: str | None = None, limit: int = PAGE) -> Page[Item]:
    """The member's notifications, newest first (a group moves up with its latest event),
    keyset-paginated by id."""
    q = sa.select(Notification).where(Notification.user_id == actor.id).order_by(Notification.id.desc()).limit(limit + 1)
    after = decode(cursor, int)
    if after:
        q = q.where(Notification.id < after[0])
    rows = list(db.session.scalars(q))
    items = [Item(n.id, _public_kind(n.kind), display_text(n), n.link, n.created_at, n.read_at is not None)
             for n in rows[:limit]]
    return Page(items, encode(rows[limit - 1].id) if len(rows) > limit else None)


def _public_kind(kind: str) -> str:
    return "reply" if kind == "new_thread" else kind


def mark_read(*, actor: User, ids: list[int] | None = None, all: bool = False) -> None:  # noqa: A002
    """The member marks some (or all) of their own notifications read. Commits."""
    if not all:
        if not isinstance(ids, list) or not ids or not all_ints(ids) or len(ids) > 500:
            raise Invalid("ids", "Give 'ids' as a list of up to 500 notification ids, or 'all': true.")
    q = sa.update(Notification).where(Notification.user_id == actor.id, Notification.read_at.is_(None))
    if not all:
        q = q.where(Notification.id.in_(ids or []))
    db.session.execute(q.values(read_at=utcnow()))
    recount([actor.id])
    _seen(actor)
    db.session.commit()


def all_ints(values: list[Any]) -> bool:
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)


def open_notification(*, actor: User, notification_id: int) -> str:
    """The member opens one of their notifications: it is read, and its link is returned. Commits."""
    n = db.session.get(Notification, notification_id)
    if n is None or n.user_id != actor.id:
        raise NotFound("No such notification.")
    if n.read_at is None:
        n.read_at = utcnow()
        db.session.flush()
        recount([actor.id])
    link = n.link or "/notifications"
    _seen(actor)
    db.session.commit()
    return link


def mark_target_read(*, actor: User, group_key: str) -> None:
    """Reading a thread reads its reply notifications. Does not commit."""
    changed = db.session.execute(sa.update(Notification).where(
        Notification.user_id == actor.id, Notification.group_key == group_key, Notification.read_at.is_(None))
        .values(read_at=utcnow())).rowcount
    if changed:
        recount([actor.id])


def withdraw(*, target_type: str, target_id: int) -> None:
    """Content that is gone (deleted, rejected) takes its notifications with it. Commits."""
    n = Notification.__table__.c
    users = [u for (u,) in db.session.execute(sa.select(n.user_id).where(
        n.target_type == target_type, n.target_id == target_id).distinct())]
    if not users:
        return
    db.session.execute(sa.delete(Notification.__table__).where(n.target_type == target_type, n.target_id == target_id))
    recount(users)
    db.session.commit()


def take_pending(session: Any) -> dict[int, int]:
    return session.info.pop(PUSH_KEY, None) or {}
