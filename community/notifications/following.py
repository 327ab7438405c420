"""Following: a member's level per thread (watching / normal / muted; the author watches their
own thread, replying makes you watch unless you chose a level yourself), per-condition "watch
new threads", the last post read per thread ("new since your last visit") and bookmarks."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from .. import permissions
from ..db import utcnow
from ..errors import Invalid, NotFound
from ..extensions import db
from ..forums.models import Condition, ConditionMember, Post, Status, Thread
from .models import Bookmark, ConditionSubscription, Level, ThreadSubscription

S = ThreadSubscription.__table__


def _upsert(values: dict[str, Any], update: dict[str, Any], where: Any = None) -> None:
    insert = (postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert)(S).values(**values)
    db.session.execute(insert.on_conflict_do_update(index_elements=["user_id", "thread_id"], set_=update, where=where))


def set_level(*, actor: Any, thread: Any, level: Any) -> str:
    """A member sets how they follow a thread they can see; from now on replying doesn't
    change it. Commits."""
    permissions.require(permissions.is_member(actor))
    if level not in {lv.value for lv in Level}:
        raise Invalid("level", "Level is one of: watching, normal, muted.")
    _upsert({"user_id": actor.id, "thread_id": thread.id, "level": level, "chosen": True, "updated_at": utcnow()},
            {"level": level, "chosen": True, "updated_at": utcnow()})
    db.session.commit()
    return str(level)


@functools.cache
def _auto_watch_statement(dialect: str) -> Any:
    """auto_watch's upsert, built once per dialect."""
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(S).values(
        user_id=sa.bindparam("w_user_id"), thread_id=sa.bindparam("w_thread_id"), level=Level.WATCHING, chosen=False,
        updated_at=sa.bindparam("w_now", type_=S.c.updated_at.type))
    return insert.on_conflict_do_update(index_elements=["user_id", "thread_id"],
                                        set_={"level": Level.WATCHING, "updated_at": insert.excluded.updated_at},
                                        where=S.c.chosen.is_(False))


def auto_watch(*, user_id: int, thread_id: int) -> None:
    """The author of a thread or reply watches it, unless they chose a level. Does not commit."""
    db.session.execute(_auto_watch_statement(db.engine.dialect.name),
                       {"w_user_id": user_id, "w_thread_id": thread_id, "w_now": utcnow()})


def state(viewer: Any, thread_id: int) -> tuple[str, int, bool]:
    """(level, last read post id, bookmarked opening post) of the viewer for a thread page: one query."""
    if not permissions.is_member(viewer):
        return Level.NORMAL, 0, False
    row = db.session.execute(sa.select(S.c.level, S.c.last_read_post_id).where(
        S.c.user_id == viewer.id, S.c.thread_id == thread_id)).first()
    return (row[0], row[1], False) if row else (Level.NORMAL, 0, False)


def mark_read(*, actor: Any, thread_id: int, post_id: int) -> None:
    """The member has read a thread up to `post_id` (never backwards); its reply notifications
    are read too. Commits."""
    from .services import mark_target_read

    thread = db.session.get(Thread, thread_id)
    if thread is None or not permissions.can_view_thread(actor, thread):
        raise NotFound("No such thread.")
    now = utcnow()
    _upsert({"user_id": actor.id, "thread_id": thread_id, "level": Level.NORMAL, "chosen": False,
             "last_read_post_id": post_id, "read_at": now, "updated_at": now},
            {"last_read_post_id": sa.func.max(S.c.last_read_post_id, post_id) if db.engine.dialect.name == "sqlite"
             else sa.func.greatest(S.c.last_read_post_id, post_id), "read_at": now})
    mark_target_read(actor=actor, group_key=f"reply:{thread_id}")
    from ..auth.models import User

    db.session.execute(sa.update(User).where(User.id == actor.id).values(last_seen_at=now))
    db.session.commit()


def read_times(viewer: Any, thread_ids: list[int]) -> dict[int, Any]:
    """When the viewer last read each of these threads (absent: never)."""
    if not permissions.is_member(viewer) or not thread_ids:
        return {}
    return dict(db.session.execute(sa.select(S.c.thread_id, S.c.read_at).where(
        S.c.user_id == viewer.id, S.c.thread_id.in_(thread_ids), S.c.read_at.is_not(None))).all())


def set_condition_watch(*, actor: Any, condition: Condition, on: bool) -> None:
    """A member of a condition hears (or stops hearing) of every new thread in it. Commits."""
    permissions.require(permissions.is_member(actor))
    row = db.session.get(ConditionSubscription, (actor.id, condition.id))
    if on and row is None:
        if db.session.get(ConditionMember, (actor.id, condition.id)) is None:
            raise Invalid("condition", "Join the community first.")
        db.session.add(ConditionSubscription(user_id=actor.id, condition_id=condition.id))
    elif not on and row is not None:
        db.session.delete(row)
    db.session.commit()


def watches_condition(viewer: Any, condition_id: int) -> bool:
    return permissions.is_member(viewer) and db.session.get(ConditionSubscription, (viewer.id, condition_id)) is not None


def on_condition_left(*, user_id: int, condition_id: int, **_: Any) -> None:
    """A member who leaves a community stops hearing of its threads. Commits."""
    db.session.execute(sa.delete(S).where(S.c.user_id == user_id, S.c.thread_id.in_(
        sa.select(Thread.id).where(Thread.condition_id == condition_id))))
    db.session.execute(sa.delete(ConditionSubscription).where(ConditionSubscription.user_id == user_id,
                                                              ConditionSubscription.condition_id == condition_id))
    db.session.commit()


# --- bookmarks ----------------------------------------------------------------------------

def set_bookmark(*, actor: Any, post: Post, on: bool) -> None:
    """A member saves (or unsaves) a post they can see. Commits."""
    permissions.require(permissions.is_member(actor))
    if not permissions.can_view_post(actor, post):
        raise NotFound("No such post.")
    row = db.session.get(Bookmark, (actor.id, post.id))
    if on and row is None:
        db.session.add(Bookmark(user_id=actor.id, post_id=post.id))
    elif not on and row is not None:
        db.session.delete(row)
    db.session.commit()


def bookmarks(*, actor: Any) -> list[tuple[Bookmark, Post, Thread, Condition]]:
    """The member's saved posts that they can still see, newest saved first."""
    rows = db.session.execute(
        sa.select(Bookmark, Post, Thread, Condition).join(Post, Post.id == Bookmark.post_id)
        .join(Thread, Thread.id == Post.thread_id).join(Condition, Condition.id == Thread.condition_id)
        .where(Bookmark.user_id == actor.id, Post.status != Status.DELETED)
        .order_by(Bookmark.created_at.desc())).all()
    return [tuple(r) for r in rows if permissions.can_view_post(actor, r[1]) and permissions.can_view_thread(actor, r[2])]  # type: ignore[misc]


def bookmarked_ids(viewer: Any, post_ids: list[int]) -> set[int]:
    if not permissions.is_member(viewer) or not post_ids:
        return set()
    return set(db.session.scalars(sa.select(Bookmark.post_id).where(Bookmark.user_id == viewer.id,
                                                                    Bookmark.post_id.in_(post_ids))))


def posts_before(*, viewer: Any, post: Post) -> int:
    """How many posts of the thread the viewer sees before `post` (to find its page)."""
    visible = Post.status == Status.PUBLISHED
    if permissions.is_moderator(viewer):
        visible = Post.status != Status.DELETED
    elif permissions.is_member(viewer):
        visible = sa.or_(visible, sa.and_(Post.author_id == viewer.id, Post.status != Status.DELETED))
    return db.session.scalar(sa.select(sa.func.count(Post.id)).where(
        Post.thread_id == post.thread_id, Post.id < post.id, visible)) or 0


def member_names(*, condition: Condition, prefix: str) -> list[dict[str, str]]:
    """Members of a community whose username starts with `prefix`, for @mention autocomplete."""
    from ..auth.models import User

    prefix = "".join(ch for ch in prefix.strip().lstrip("@")[:32] if ch.isalnum() or ch in "_.-")
    q = (sa.select(User.username, User.display_name).join(ConditionMember, ConditionMember.user_id == User.id)
         .where(ConditionMember.condition_id == condition.id, User.banned_at.is_(None)))
    if prefix:
        q = q.where(sa.func.lower(User.username).startswith(prefix.lower(), autoescape=True))
    rows = db.session.execute(q.order_by(User.username).limit(8)).all()
    return [{"username": u, "name": d or u} for u, d in rows]


# --- what a member's condition page shows (one statement) -------------------------------------

@dataclass
class ConditionViewer:
    watching: bool = False
    read_at: dict[int, Any] = field(default_factory=dict)   # thread id -> when last read

    def is_new(self, thread: Any) -> bool:
        seen = self.read_at.get(thread.id)
        return seen is None or thread.last_activity_at > seen


def condition_viewer(viewer: Any, condition_id: int, thread_ids: list[int]) -> ConditionViewer | None:
    """Whether the member watches a condition's new threads and when they last read each
    thread of the page, in one statement (None for visitors)."""
    if not permissions.is_member(viewer):
        return None
    cs = ConditionSubscription.__table__.c
    stmt = sa.union_all(
        sa.select(sa.literal(0).label("tid"), cs.created_at.label("at")).where(cs.user_id == viewer.id,
                                                                               cs.condition_id == condition_id),
        sa.select(S.c.thread_id, S.c.read_at).where(S.c.user_id == viewer.id, S.c.thread_id.in_(thread_ids or [-1]),
                                                    S.c.read_at.is_not(None)),
    )
    out = ConditionViewer()
    for tid, at in db.session.execute(stmt):
        if tid == 0:
            out.watching = True
        else:
            out.read_at[tid] = at
    return out
