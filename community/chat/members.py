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
    # Only read for members who can carry a badge (a patient never does: see clinicians/badges.py).
    verifications: list[Any] = field(default_factory=list)

    is_authenticated: ClassVar[bool] = True

    @property
    def name(self) -> str:
        return self.display_name or self.username


@functools.cache
def _member_statement() -> Any:
    u = User.__table__.c
    return sa.select(u.id, u.username, u.display_name, u.role, u.session_version, u.approved_posts, u.hide_presence,
                     u.is_verifier, u.muted_until, u.suspended_until, u.banned_at).where(u.id == sa.bindparam("user_id"))


@functools.cache
def _verifications_statement() -> Any:
    from ..clinicians.models import Verification

    v = Verification.__table__.c
    return (sa.select(v.status, v.expires_at, v.specialty, v.profession)
            .where(v.user_id == sa.bindparam("user_id")).order_by(v.id))


def load_member(user_id: int) -> Member | None:
    """The member as the database has them now (None: the account is gone)."""
    conn = db.session.connection()
    row = conn.execute(_member_statement(), {"user_id": user_id}).first()
    if row is None:
        return None
    member = Member(*row)
    if member.role != Role.PATIENT:
        member.verifications = list(conn.execute(_verifications_statement(), {"user_id": user_id}))
    return member
