"""Bulk delivery after a use case's commit: one notification per recipient of an event,
written with one UPDATE (events merged into an unread group) and one INSERT ... SELECT, and
the recipients' unread counts set in one more UPDATE, whatever the number of recipients.

Recipients are a SQL select of user ids, built here with the rules of who may hear of what:
never the actor, never a member who blocks or ignores the actor, never twice for one event (`event_key`).
Visibility of the content itself (published, the thread visible) is the caller's check."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..auth.models import Role, User
from ..chat.models import Block
from ..db import utcnow
from ..extensions import db
from ..forums.models import ConditionMember
from ..ignoring.models import ignores_sql
from .models import ConditionSubscription, Level, Notification, ThreadSubscription
from .services import recount

N = Notification.__table__
S = ThreadSubscription.__table__
CS = ConditionSubscription.__table__
CM = ConditionMember.__table__
U = User.__table__


def _not_blocking(user_col: Any, actor_id: int | None) -> Any:
    if actor_id is None:
        return sa.true()
    b = Block.__table__.c
    return sa.and_(~sa.exists().where(b.blocker_id == user_col, b.blocked_id == actor_id), ~ignores_sql(user_col, actor_id))


def deliver(recipients: Any, *, kind: str, text: str, link: str | None, actor_id: int | None,
            target_type: str | None, target_id: int | None, event_key: str, group_key: str | None = None,
            subject: str | None = None) -> None:
    """Notify every user id `recipients` (a select of one column) selects, except the actor,
    members who block or ignore the actor and members already told of `event_key`. With `group_key`, a
    member's unread notification of that group takes the event in (count + 1) instead of a new
    row. Does not commit (the subscriber does, once)."""
    ids = recipients.subquery("recipients")
    uid = ids.c[0]
    now = utcnow()
    conds = [
        uid != (actor_id if actor_id is not None else -1),
        _not_blocking(uid, actor_id),
        ~sa.exists().where(N.c.event_key == event_key, N.c.user_id == uid),
    ]
    if group_key is not None:
        db.session.execute(
            sa.update(N).where(N.c.group_key == group_key, N.c.read_at.is_(None),
                               N.c.user_id.in_(sa.select(uid).where(*conds)))
            .values(count=N.c.count + 1, link=link, created_at=now, actor_id=actor_id, target_id=target_id,
                    event_key=event_key, text=text, subject=subject))
        conds.append(~sa.exists().where(N.c.user_id == uid, N.c.group_key == group_key, N.c.read_at.is_(None)))
    row = {"kind": kind, "text": text, "link": link, "created_at": now, "actor_id": actor_id,
           "target_type": target_type, "target_id": target_id, "group_key": group_key, "event_key": event_key,
           "subject": subject, "count": 1}
    values = [(sa.literal(v, type_=N.c[c].type) if v is not None else sa.null()).label(c) for c, v in row.items()]
    db.session.execute(sa.insert(N).from_select(["user_id", *row], sa.select(uid, *values).where(*conds)))
    recount(sa.select(N.c.user_id).where(N.c.event_key == event_key).scalar_subquery())


def watchers(thread_id: int) -> Any:
    """Members watching a thread (the author and repliers, unless they chose otherwise)."""
    return sa.select(S.c.user_id).where(S.c.thread_id == thread_id, S.c.level == Level.WATCHING)


def members_named(usernames: list[str], condition_id: int, thread_id: int | None) -> Any:
    """The members of a condition (or staff) among `usernames`, except those who muted the thread."""
    staff = U.c.role.in_([Role.MODERATOR, Role.ADMIN])
    joined = sa.exists().where(CM.c.user_id == U.c.id, CM.c.condition_id == condition_id)
    q = sa.select(U.c.id).where(sa.func.lower(U.c.username).in_(usernames), U.c.banned_at.is_(None), sa.or_(joined, staff))
    if thread_id is not None:
        q = q.where(~sa.exists().where(S.c.user_id == U.c.id, S.c.thread_id == thread_id, S.c.level == Level.MUTED))
    return q


def condition_watchers(condition_id: int) -> Any:
    """Members who asked to hear of every new thread in a condition they (still) belong to."""
    return sa.select(CS.c.user_id).where(CS.c.condition_id == condition_id, sa.exists().where(
        CM.c.user_id == CS.c.user_id, CM.c.condition_id == condition_id))


def one(user_id: int | None) -> Any:
    return sa.select(sa.literal(user_id if user_id is not None else -1).label("user_id"))
