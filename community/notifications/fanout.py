"""Bulk delivery after a use case's commit: one notification per recipient of an event,
written with one UPDATE (events merged into an unread group) and one INSERT ... SELECT, and
the recipients' unread counts set in one more UPDATE, whatever the number of recipients.

Recipients are a SQL select of user ids, built here with the rules of who may hear of what:
never the actor, never a member who blocks or ignores the actor, never twice for one event (`event_key`).
Visibility of the content itself (published, the thread visible) is the caller's check."""
from __future__ import annotations

import functools
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..auth.models import Role, User
from ..chat.models import Block
from ..db import utcnow
from ..extensions import db
from ..forums.models import ConditionMember
from ..ignoring.models import ignores_sql
from .models import ConditionSubscription, Level, Notification, ThreadSubscription
from .services import recount_statement, remember_counts

N = Notification.__table__
S = ThreadSubscription.__table__
CS = ConditionSubscription.__table__
CM = ConditionMember.__table__
U = User.__table__


class Recipients(NamedTuple):
    """Who hears of an event, by the name of a select built once (`_recipients`) and its values."""

    kind: str
    params: dict[str, Any]


@functools.cache
def _recipients(kind: str) -> Any:
    """The select of user ids for each kind of `Recipients`, with bound parameters (built once)."""
    if kind == "watchers":
        return sa.select(S.c.user_id).where(S.c.thread_id == sa.bindparam("r_thread_id"), S.c.level == Level.WATCHING)
    if kind == "condition_watchers":
        condition_id = sa.bindparam("r_condition_id")
        return sa.select(CS.c.user_id).where(CS.c.condition_id == condition_id, sa.exists().where(
            CM.c.user_id == CS.c.user_id, CM.c.condition_id == condition_id))
    if kind == "one":
        return sa.select(sa.bindparam("r_user_id", type_=sa.Integer).label("user_id"))
    if kind in ("members_named", "members_named_in_thread"):
        staff = U.c.role.in_([Role.MODERATOR, Role.ADMIN])
        condition_id = sa.bindparam("r_condition_id")
        joined = sa.exists().where(CM.c.user_id == U.c.id, CM.c.condition_id == condition_id)
        q = sa.select(U.c.id).where(sa.func.lower(U.c.username).in_(sa.bindparam("r_usernames", expanding=True)),
                                    U.c.banned_at.is_(None), sa.or_(joined, staff))
        if kind == "members_named_in_thread":
            q = q.where(~sa.exists().where(S.c.user_id == U.c.id, S.c.thread_id == sa.bindparam("r_thread_id"),
                                           S.c.level == Level.MUTED))
        return q
    raise KeyError(kind)


def _statements(recipients: Any, grouped: bool, has_actor: bool, nulls: frozenset[str]) -> tuple[Any, Any, Any]:
    """deliver's three statements (the grouped UPDATE or None, the INSERT ... SELECT, the
    recount), every value a bound parameter except the NULLs (`nulls`, the row's columns that
    are None, written as NULL as before)."""
    ids = recipients.subquery("recipients")
    uid = ids.c[0]
    event_key = sa.bindparam("v_event_key", type_=N.c.event_key.type)
    conds = [uid != sa.bindparam("not_user", type_=sa.Integer), ~sa.exists().where(
        N.c.event_key == event_key, N.c.user_id == uid)]
    if has_actor:
        b = Block.__table__.c
        actor = sa.bindparam("v_actor_id")
        conds.append(~sa.exists().where(b.blocker_id == uid, b.blocked_id == actor))
        conds.append(~ignores_sql(uid, actor))      # members who ignore the actor hear nothing of them
    update = None
    if grouped:
        group_key = sa.bindparam("v_group_key", type_=N.c.group_key.type)
        update = (sa.update(N).where(N.c.group_key == group_key, N.c.read_at.is_(None),
                                     N.c.user_id.in_(sa.select(uid).where(*conds)))
                  .values(count=N.c.count + 1, **{c: _value(c, nulls) for c in _UPDATED}))
        conds.append(~sa.exists().where(N.c.user_id == uid, N.c.group_key == group_key, N.c.read_at.is_(None)))
    values = [_value(c, nulls).label(c) for c in _ROW]
    insert = sa.insert(N).from_select(["user_id", *_ROW], sa.select(uid, *values).where(*conds))
    told = sa.select(N.c.user_id).where(N.c.event_key == event_key).scalar_subquery()
    return update, insert, recount_statement(told)


_ROW = ("kind", "text", "link", "created_at", "actor_id", "target_type", "target_id", "group_key", "event_key",
        "subject", "count")
_UPDATED = ("link", "created_at", "actor_id", "target_id", "event_key", "text", "subject")


def _value(column: str, nulls: frozenset[str]) -> Any:
    # (named v_*: a bound parameter may not take the name of a column of the updated table)
    return sa.null() if column in nulls else sa.bindparam(f"v_{column}", type_=N.c[column].type)


@functools.cache
def _cached_statements(kind: str, grouped: bool, has_actor: bool, nulls: frozenset[str]) -> tuple[Any, Any, Any]:
    return _statements(_recipients(kind), grouped, has_actor, nulls)


def deliver(recipients: Any, *, kind: str, text: str, link: str | None, actor_id: int | None,
            target_type: str | None, target_id: int | None, event_key: str, group_key: str | None = None,
            subject: str | None = None) -> None:
    """Notify every user id `recipients` selects (a `Recipients`, or a select of one column),
    except the actor, members who block or ignore the actor and members already told of `event_key`.
    With `group_key`, a member's unread notification of that group takes the event in (count
    + 1) instead of a new row. Does not commit (the subscriber does, once). The statements of
    `Recipients` are built once (SQLAlchemy then skips building and hashing them: that was
    most of a reply's fan-out)."""
    row = {"kind": kind, "text": text, "link": link, "created_at": utcnow(), "actor_id": actor_id,
           "target_type": target_type, "target_id": target_id, "group_key": group_key, "event_key": event_key,
           "subject": subject, "count": 1}
    nulls = frozenset(c for c, v in row.items() if v is None)
    params = {**{f"v_{c}": v for c, v in row.items() if v is not None}, "not_user": actor_id if actor_id is not None else -1}
    shape = (group_key is not None, actor_id is not None, nulls)
    if isinstance(recipients, Recipients):
        update, insert, recount = _cached_statements(recipients.kind, *shape)
        params.update(recipients.params)
    else:
        update, insert, recount = _statements(recipients, *shape)
    if update is not None:
        db.session.execute(update, params)
    db.session.execute(insert, params)
    remember_counts(db.session.execute(recount, {"v_event_key": event_key}).all())


def watchers(thread_id: int) -> Recipients:
    """Members watching a thread (the author and repliers, unless they chose otherwise)."""
    return Recipients("watchers", {"r_thread_id": thread_id})


def members_named(usernames: list[str], condition_id: int, thread_id: int | None) -> Recipients:
    """The members of a condition (or staff) among `usernames`, except those who muted the thread."""
    params: dict[str, Any] = {"r_usernames": list(usernames), "r_condition_id": condition_id}
    if thread_id is None:
        return Recipients("members_named", params)
    return Recipients("members_named_in_thread", {**params, "r_thread_id": thread_id})


def condition_watchers(condition_id: int) -> Recipients:
    """Members who asked to hear of every new thread in a condition they (still) belong to."""
    return Recipients("condition_watchers", {"r_condition_id": condition_id})


def one(user_id: int | None) -> Recipients:
    return Recipients("one", {"r_user_id": user_id if user_id is not None else -1})
