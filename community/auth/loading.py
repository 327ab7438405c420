"""Loading the account of a request (its browser session's row or its API token) in the
statement that finds the row, instead of two or three more.

`User.verifications` is `lazy="selectin"` (so a list of users loads its verifications in one
batched query), and that second query costs more than the account's own select. Here the
account comes with `has_verifications` (an EXISTS) and the relationship deferred: for an
account without any verification (every patient, most members) the empty list is set at
once, without a query; for the others it loads when first read, as before. Models level."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import lazyload
from sqlalchemy.orm.attributes import set_committed_value

from ..clinicians.models import Verification
from .models import User


def has_verifications() -> Any:
    """A column: whether the joined `User` has any verification row."""
    return sa.exists().where(Verification.user_id == User.id).label("has_verifications")


def deferred_verifications() -> Any:
    """The statement option that leaves `User.verifications` to `settle` (or to its first read)."""
    return lazyload(User.verifications)


def settle(user: User | None, has_any: bool | None) -> User | None:
    """An account loaded with `has_verifications`: with none, its (empty) list is known already."""
    if user is not None and not has_any and "verifications" not in user.__dict__:
        set_committed_value(user, "verifications", [])
    return user
