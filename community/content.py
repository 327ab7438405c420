"""What every piece of members' content shares: its `Status`, and who may see it.

Posts, threads and chat messages all carry a `Status`. Who may see one is a rule with two
forms, kept here side by side: a Python predicate for one loaded object (permissions, the
pages' rows) and an SQL condition for a list (the read models, chat history). Both take the
same inputs: an *audience* (`visitor`, `member` or `moderator`, see `audience_of`) and the
viewer's id. `tests/core/test_content.py` checks that the two forms agree for every status,
audience and authorship.

Models level: this module imports SQLAlchemy and the auth models only, so models,
permissions and every capability can import it."""
from __future__ import annotations

import enum
from typing import Any, Literal

import sqlalchemy as sa

from .auth.models import Role


class Status(enum.StrEnum):
    PUBLISHED = "published"
    PENDING = "pending"    # held for moderation: visible to its author and moderators only
    HIDDEN = "hidden"      # reported by several members: hidden until reviewed
    REJECTED = "rejected"
    DELETED = "deleted"


Audience = Literal["visitor", "member", "moderator"]
STAFF = frozenset({Role.MODERATOR, Role.ADMIN})
# Held or rejected content stays visible to its own author (with its status shown).
HELD = (Status.PENDING, Status.HIDDEN, Status.REJECTED)
# A chat message the author still sees while it waits (rejected ones go from their view too).
MESSAGE_HELD = (Status.PENDING, Status.HIDDEN)


def audience_of(viewer: Any) -> Audience:
    """`moderator` for staff, `member` for any other signed-in account, else `visitor`."""
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return "visitor"
    return "moderator" if viewer.role in STAFF else "member"


def _viewer_id(audience: Audience, viewer_id: int | None) -> int | None:
    return viewer_id if audience != "visitor" else None


def _authored_by(author_id: Any, viewer_id: Any) -> Any:
    # `column == None` would compile to IS NULL: nobody is the author of a former member's content.
    return sa.false() if viewer_id is None else author_id == viewer_id


# --- posts ---------------------------------------------------------------------------------

def post_visible(audience: Audience, viewer_id: int | None, *, status: str, author_id: int | None) -> bool:
    if status == Status.PUBLISHED:
        return True
    if status == Status.DELETED or audience == "visitor":
        return False
    if audience == "moderator":
        return True
    return author_id is not None and author_id == _viewer_id(audience, viewer_id) and status in HELD


def post_visible_sql(audience: Audience, *, status: Any, author_id: Any, viewer_id: Any = None) -> Any:
    """SQL form of `post_visible` over the columns `status` and `author_id`; `viewer_id` is a
    value or a bind parameter (members only)."""
    if audience == "moderator":
        return status != Status.DELETED
    if audience == "member":
        return sa.or_(status == Status.PUBLISHED, sa.and_(_authored_by(author_id, viewer_id), status.in_(HELD)))
    return status == Status.PUBLISHED


# --- threads -------------------------------------------------------------------------------

def thread_visible(audience: Audience, viewer_id: int | None, *, status: str, author_id: int | None) -> bool:
    if status == Status.PUBLISHED:
        return True
    if status == Status.DELETED or audience == "visitor":
        return False
    return audience == "moderator" or (author_id is not None and author_id == viewer_id)


def thread_visible_sql(audience: Audience, *, status: Any, author_id: Any, viewer_id: Any = None) -> Any:
    if audience == "moderator":
        return status != Status.DELETED
    if audience == "member":
        return sa.or_(status == Status.PUBLISHED, sa.and_(_authored_by(author_id, viewer_id), status != Status.DELETED))
    return status == Status.PUBLISHED


# --- chat messages -------------------------------------------------------------------------
# Among the readers of a room (the room's own rule, chat/access.py): published messages and
# deleted tombstones for everyone, held ones for their author only. Moderators see held
# messages through the queue, not in the room.

def message_visible(viewer_id: int | None, *, status: str, author_id: int | None) -> bool:
    if status in (Status.PUBLISHED, Status.DELETED):
        return True
    return viewer_id is not None and author_id == viewer_id and status in MESSAGE_HELD


def message_visible_sql(viewer_id: Any, *, status: Any, author_id: Any) -> Any:
    return sa.or_(status.in_([Status.PUBLISHED, Status.DELETED]),
                  sa.and_(_authored_by(author_id, viewer_id), status.in_(MESSAGE_HELD)))
