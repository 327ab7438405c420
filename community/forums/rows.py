"""The forum read models' rows (reading.py): plain objects with the attributes templates,
`permissions` and `clinicians.badges` read of posts, threads, authors and badges, so the same
rules answer for them as for the ORM models. Models level."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..auth.models import Role
from ..content import Status
from ..notifications.models import Level


@dataclass(slots=True)
class VerificationRow:
    status: str
    expires_at: dt.datetime | None
    specialty: str
    profession: str


@dataclass(slots=True)
class AuthorRow:
    id: int
    username: str
    display_name: str | None
    role: Role
    # Only filled for authors who can carry a badge (a patient never does: see badges.py).
    verifications: list[VerificationRow] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.display_name or self.username


@dataclass(slots=True)
class PostRow:
    id: int
    author_id: int | None
    is_opening: bool
    status: Status
    created_at: dt.datetime
    edited_at: dt.datetime | None
    marked_helpful: bool
    body_html: str
    author: AuthorRow | None
    thread: Any   # the page's ThreadRow (or Thread)
    reactions: dict[str, int] | None = None   # {kind: count}, kept by community/reactions


@dataclass(slots=True)
class NoteRow:
    id: int
    post_id: int
    kind: str
    body_html: str


@dataclass(slots=True)
class ConditionRow:
    id: int
    slug: str
    name: str


@dataclass(slots=True)
class ThreadRow:
    id: int
    condition_id: int
    author_id: int | None
    title: str
    status: Status
    is_question: bool
    clinician_answered: bool
    condition: ConditionRow
    reply_count: int = 0
    last_activity_at: dt.datetime | None = None
    created_at: dt.datetime | None = None
    author: AuthorRow | None = None
    locked_at: dt.datetime | None = None      # heat controls (moderation/safety.py)
    lock_reason: str | None = None
    slow_mode_seconds: int = 0


@dataclass(slots=True)
class ConditionInfo:
    id: int
    slug: str
    name: str
    description: str
    guidelines: str


@dataclass(slots=True)
class ThreadListRow:
    id: int
    title: str
    is_question: bool
    clinician_answered: bool
    reply_count: int
    last_activity_at: dt.datetime
    author_id: int | None
    author: AuthorRow | None
    created_at: dt.datetime | None = None
    status: Status = Status.PUBLISHED   # the condition page lists published threads only


@dataclass(slots=True)
class ThreadViewer:
    """A member's own state on a thread page: how they follow it, the last post they read
    ("new since your last visit"), and which of the page's posts they saved or reacted to."""
    level: str = Level.NORMAL
    last_read_post_id: int = 0
    bookmarked: set[int] = field(default_factory=set)
    reacted: set[tuple[int, str]] = field(default_factory=set)   # (post id, kind)
    ignored: set[int] = field(default_factory=set)   # authors on the page whom the viewer ignores
