"""Plain rows for reading threads: what the thread page and the API show of a post, its
author and badge, and context notes, loaded with Core selects (`services.list_posts`) instead
of ORM entities, which cost about as much to load as the page costs to render.

They carry the attributes that templates, `permissions` and `badges` read (`post.author_id`,
`post.thread`, `author.role`, `author.verifications`...), so the same rules answer for them.
Writers keep using the ORM models."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..auth.models import Role
from .models import Status


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
    thread: Any   # the page's Thread


@dataclass(slots=True)
class NoteRow:
    id: int
    post_id: int
    kind: str
    body_html: str
