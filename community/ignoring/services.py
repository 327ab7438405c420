"""Ignoring a member: the one use case (ignore / stop ignoring) and the questions the other
capabilities ask of it. Nothing here tells the ignored member anything."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .. import permissions
from ..auth.models import User
from ..errors import Invalid
from ..extensions import db
from .models import Ignore


def ignore(*, actor: Any, other: User) -> None:
    """The caller stops seeing `other`'s posts and messages; `other` can no longer mention or
    message them. Members can't ignore themselves, nor moderators and admins (the moderation
    team must always reach them). Idempotent. Commits."""
    permissions.require(permissions.is_member(actor), "Log in to ignore a member.")
    if other.id == actor.id:
        raise Invalid("username", "You can't ignore yourself.", code="ignore_self")
    if permissions.is_moderator(other):
        raise Invalid("username", "Moderators and admins can't be ignored: messages from the moderation team "
                                  "must always reach you. Report a problem with a moderator instead.", code="ignore_staff")
    if db.session.get(Ignore, (actor.id, other.id)) is None:
        db.session.add(Ignore(ignorer_id=actor.id, ignored_id=other.id))
    db.session.commit()


def can_ignore(viewer: Any, other: Any) -> bool:
    """Whom a member may ignore (what `ignore` checks, giving its reasons): another member who is
    not on the moderation team. The profile page offers the button by it."""
    return (permissions.is_member(viewer) and other is not None and other.id != viewer.id
            and not permissions.is_moderator(other))


def stop_ignoring(*, actor: Any, other: User) -> None:
    """Idempotent. Commits."""
    permissions.require(permissions.is_member(actor), "Log in first.")
    db.session.execute(sa.delete(Ignore).where(Ignore.ignorer_id == actor.id, Ignore.ignored_id == other.id))
    db.session.commit()


def is_ignoring(viewer: Any, other: Any) -> bool:
    if not permissions.is_member(viewer) or other is None:
        return False
    return db.session.get(Ignore, (viewer.id, other.id)) is not None


def ignores(ignorer_id: int, ignored_id: int) -> bool:
    return db.session.get(Ignore, (ignorer_id, ignored_id)) is not None


def between(a_id: int, b_id: int) -> tuple[bool, bool]:
    """(a ignores b, b ignores a), in one query."""
    rows = set(db.session.execute(sa.select(Ignore.ignorer_id).where(sa.or_(
        sa.and_(Ignore.ignorer_id == a_id, Ignore.ignored_id == b_id),
        sa.and_(Ignore.ignorer_id == b_id, Ignore.ignored_id == a_id)))).scalars())
    return a_id in rows, b_id in rows


def ignored_ids(viewer: Any) -> set[int]:
    """The ids of the members `viewer` ignores (none for visitors)."""
    if not permissions.is_member(viewer):
        return set()
    return set(db.session.scalars(sa.select(Ignore.ignored_id).where(Ignore.ignorer_id == viewer.id)))


def ignored_members(viewer: Any) -> list[User]:
    return list(db.session.scalars(sa.select(User).join(Ignore, Ignore.ignored_id == User.id)
                                   .where(Ignore.ignorer_id == viewer.id).order_by(User.username)))


def ignored_usernames(viewer: Any) -> list[str]:
    if not permissions.is_member(viewer):
        return []
    return list(db.session.scalars(sa.select(User.username).join(Ignore, Ignore.ignored_id == User.id)
                                   .where(Ignore.ignorer_id == viewer.id).order_by(User.username)))


# --- account deletion and the data download (hooks, inside the account's transaction) ---------

def on_user_deleting(*, user_id: int, **_: Any) -> None:
    """Both ways: the member's own ignore list and every row that names them."""
    db.session.execute(sa.delete(Ignore).where(sa.or_(Ignore.ignorer_id == user_id, Ignore.ignored_id == user_id)))


def on_user_exporting(*, user_id: int, data: dict[str, object]) -> None:
    """The member's own ignore list (never who ignores them)."""
    rows = db.session.execute(sa.select(User.username, Ignore.created_at).join(Ignore, Ignore.ignored_id == User.id)
                              .where(Ignore.ignorer_id == user_id).order_by(User.username))
    data["ignored_members"] = [{"username": u, "since": at.isoformat()} for u, at in rows]
