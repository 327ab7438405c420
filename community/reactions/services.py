"""Reactions on posts and chat messages: heart, hug, me too, helpful; one per kind per member.

`react` adds or takes back one member's reaction and keeps the target's counts on its row
(`posts.reactions`, `chat_messages.reactions`), so pages show them without a query. The
target's row is locked first (PostgreSQL), so concurrent reactions count right. A new
reaction emits `reaction.added` after the commit (the notifications capability tells the
author, grouped per post)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..chat.access import can_read
from .. import events, permissions
from ..auth.models import User
from ..db import utcnow
from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from ..forums.models import Post
from .models import Kind, Reaction

R = Reaction.__table__


@dataclass
class Target:
    type: str
    id: int
    model: Any
    author_id: int | None
    subject: str
    link: str
    room_key: str | None = None


def _kind(kind: Any) -> str:
    if kind not in {k.value for k in Kind}:
        raise Invalid("kind", "Reactions are: heart, hug, me_too, helpful.", code="unknown_kind")
    return str(kind)


def _post_target(viewer: Any, post_id: Any) -> Target:
    post = db.session.get(Post, post_id) if isinstance(post_id, int) and not isinstance(post_id, bool) else None
    if post is None or not permissions.can_view_post(viewer, post) or not permissions.can_view_thread(viewer, post.thread):
        raise NotFound("No such post.")
    t = post.thread
    return Target("post", post.id, post, post.author_id, f"'{t.title}' in {t.condition.name}", f"/p/{post.id}")


def _message_target(viewer: Any, message_id: Any) -> Target:
    from ..chat.models import Message

    msg = db.session.get(Message, message_id) if isinstance(message_id, int) and not isinstance(message_id, bool) else None
    if msg is None or not permissions.can_view_message(viewer, msg, room_readable=can_read(viewer, msg.room)) or msg.status == "deleted":
        raise NotFound("No such message.")
    room = msg.room
    where = f"the {room.condition.name} chat room" if room.condition is not None else "a private conversation"
    link = f"/chat/{room.condition.slug}" if room.condition is not None else f"/chat/private/{room.id}"
    return Target("message", msg.id, msg, msg.author_id, where, link, room.key)


def target(viewer: Any, target_type: str, target_id: Any, lock: bool = False) -> Target:
    """The content a viewer may see (NotFound otherwise); with `lock`, its row is locked on
    PostgreSQL until the commit (SQLite's write transaction is exclusive already)."""
    if target_type == "post":
        found = _post_target(viewer, target_id)
    elif target_type == "message":
        found = _message_target(viewer, target_id)
    else:
        raise NotFound("No such content.")
    if lock and db.engine.dialect.name == "postgresql":
        table = _table(found.type)
        db.session.execute(sa.select(table.c.id).where(table.c.id == found.id).with_for_update())
    return found


def react(*, actor: Any, target_type: str, target_id: Any, kind: Any, on: bool | None = True) -> tuple[Target, dict[str, int]]:
    """A member adds (`on`), takes back (`on=False`) or toggles (`on=None`) their reaction of
    one kind to a post or message they can see. Idempotent. Unknown kind: Invalid; content they
    can't see: NotFound; held content: Conflict. Commits; emits `reaction.added`."""
    kind = _kind(kind)
    found = target(actor, target_type, target_id, lock=True)
    if not permissions.can_react(actor, found.model):
        if not permissions.is_member(actor) or permissions.is_suspended(actor):
            permissions.require(False)
        raise Conflict("You can react once this is published.", code="held")
    key = (R.c.user_id == actor.id, R.c.target_type == found.type, R.c.target_id == found.id, R.c.kind == kind)
    if on is None:
        on = db.session.execute(sa.select(R.c.id).where(*key)).first() is None
    added = False
    if on:
        insert = (postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert)(R).values(
            user_id=actor.id, target_type=found.type, target_id=found.id, kind=kind, created_at=utcnow())
        added = db.session.execute(insert.on_conflict_do_nothing().returning(R.c.id)).first() is not None
    else:
        db.session.execute(sa.delete(R).where(*key))
    counts = recount(found.type, found.id)
    if added:
        events.emit("reaction.added", target_type=found.type, target_id=found.id, kind=kind, actor_id=actor.id,
                    author_id=found.author_id, subject=found.subject, link=found.link)
    db.session.commit()
    return found, counts


def recount(target_type: str, target_id: int) -> dict[str, int]:
    """Set the target's counts on its row from the reactions (kinds in their fixed order). Does not commit."""
    rows = dict(db.session.execute(sa.select(R.c.kind, sa.func.count()).where(
        R.c.target_type == target_type, R.c.target_id == target_id).group_by(R.c.kind)).all())
    counts = {k.value: rows[k.value] for k in Kind if rows.get(k.value)}
    table = _table(target_type)
    db.session.execute(sa.update(table).where(table.c.id == target_id).values(reactions=counts or None))
    return counts


def _table(target_type: str) -> Any:
    from ..chat.models import Message

    return Post.__table__ if target_type == "post" else Message.__table__


def who(*, viewer: Any, target_type: str, target_id: int) -> dict[str, list[str]]:
    """Who reacted to content the viewer can see, per kind (names, at most 20 per kind)."""
    found = target(viewer, target_type, target_id)
    rows = db.session.execute(
        sa.select(R.c.kind, User.display_name, User.username).join(User, User.id == R.c.user_id)
        .where(R.c.target_type == found.type, R.c.target_id == found.id).order_by(R.c.id)).all()
    out: dict[str, list[str]] = {}
    for kind, display, username in rows:
        names = out.setdefault(kind, [])
        if len(names) < 20:
            names.append(display or username)
    return out


def counts_of(content: Any) -> dict[str, int]:
    return dict(getattr(content, "reactions", None) or {})


def mine(viewer: Any, target_type: str, ids: list[int]) -> set[tuple[int, str]]:
    """(target id, kind) pairs the viewer reacted with, among `ids`: one query for a page."""
    if not permissions.is_member(viewer) or not ids:
        return set()
    return {(t, k) for t, k in db.session.execute(sa.select(R.c.target_id, R.c.kind).where(
        R.c.user_id == viewer.id, R.c.target_type == target_type, R.c.target_id.in_(ids)))}


def on_user_deleting(*, user_id: int, **_: Any) -> None:
    """Account deletion: the member's reactions go and the counts they were part of shrink."""
    targets = db.session.execute(sa.select(R.c.target_type, R.c.target_id).where(R.c.user_id == user_id).distinct()).all()
    db.session.execute(sa.delete(R).where(R.c.user_id == user_id))
    for target_type, target_id in targets:
        recount(target_type, target_id)


def on_user_exporting(*, user_id: int, data: dict[str, object]) -> None:
    data["reactions"] = [{"target_type": t, "target_id": i, "kind": k, "created_at": c.isoformat()}
                         for t, i, k, c in db.session.execute(sa.select(R.c.target_type, R.c.target_id, R.c.kind,
                                                                        Reaction.created_at).where(
                             R.c.user_id == user_id).order_by(R.c.id))]
