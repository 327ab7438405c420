"""The member behind a socket, read afresh for every event as one row: the columns that decide
what they may do (role, sanctions, session generation) and what others see of them (name,
badge), from a statement built once.

Every chat event re-reads its member, so a ban, suspension, mute or password change made
anywhere (another process too) counts from the next event; nothing here is cached between
events. Loading the ORM `User` for this cost several times as much as the rest of a message's
checks (bench/README.md, "Live chat"), and the chat only reads it. `permissions`, the moderation
gate and `clinicians.badges` answer for a `Member` as they do for a `User`; every write to an
account goes through the auth and moderation services and the ORM model."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any, ClassVar

import sqlalchemy as sa

from ..auth.models import Role, User
from ..extensions import db
from ..forums.models import ConditionMember
from ..forums.reading import load_verifications


@dataclass(slots=True)
class Member:
    id: int
    username: str
    display_name: str | None
    role: Role
    session_version: int
    approved_posts: int
    hide_presence: bool
    is_verifier: bool
    muted_until: dt.datetime | None
    suspended_until: dt.datetime | None
    banned_at: dt.datetime | None
    created_at: dt.datetime   # for the trust level (moderation/trust.py)
    # Only read for members who can carry a badge (a patient never does: see clinicians/badges.py).
    verifications: list[Any] = field(default_factory=list)
    # (condition id, joined?) read with the member when the event names a condition's room, so
    # the membership check of that event needs no statement of its own (access.joined).
    membership: tuple[int, bool] | None = None

    is_authenticated: ClassVar[bool] = True

    @property
    def name(self) -> str:
        return self.display_name or self.username


_MEMBER_COLUMNS = ("id", "username", "display_name", "role", "session_version", "approved_posts", "hide_presence",
                   "is_verifier", "muted_until", "suspended_until", "banned_at", "created_at")


@functools.cache
def _member_statement(with_membership: bool) -> Any:
    u = User.__table__.c
    stmt = sa.select(u.id, u.username, u.display_name, u.role, u.session_version, u.approved_posts, u.hide_presence,
                     u.is_verifier, u.muted_until, u.suspended_until, u.banned_at, u.created_at).where(u.id == sa.bindparam("user_id"))
    if with_membership:
        m = ConditionMember.__table__.c
        stmt = stmt.add_columns(sa.exists().where(m.user_id == u.id, m.condition_id == sa.bindparam("condition_id")).label("joined"))
    return stmt


def load_member(user_id: int, condition_id: int | None = None) -> Member | None:
    """The member as the database has them now (None: the account is gone), and whether they
    joined `condition_id` when one is given."""
    conn = db.session.connection()
    if condition_id is None:
        row = conn.execute(_member_statement(False), {"user_id": user_id}).first()
    else:
        row = conn.execute(_member_statement(True), {"user_id": user_id, "condition_id": condition_id}).first()
    if row is None:
        return None
    m = row._mapping
    member = Member(**{name: m[name] for name in _MEMBER_COLUMNS})
    if condition_id is not None:
        member.membership = (condition_id, bool(m["joined"]))
    if member.role != Role.PATIENT:
        load_verifications(conn, [member])
    return member
