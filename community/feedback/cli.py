"""The `flask feedback export` command's body: who the export is recorded as, and writing
the stream to a file (or stdout) without holding it in memory."""
from __future__ import annotations

import sys

from ..auth import services as accounts
from ..auth.models import User
from . import services
from .rows import parse_filters


def _actor(as_user: str | None) -> User | None:
    # Whoever runs the command already holds the database; `--as` records a named person.
    return accounts.get_user(as_user) if as_user else None


def export(*, fmt: str, output: str, as_user: str | None, raw: dict[str, str | None]) -> int:
    """Runs the export as `as_user` (whose role must allow it) and returns the row count."""
    job = services.export_feedback(actor=_actor(as_user), fmt=fmt, filters=parse_filters(raw.get), via="cli")
    if output == "-":
        out = sys.stdout
        for chunk in job.chunks():
            out.write(chunk)
        out.flush()
    else:
        with open(output, "w", encoding="utf-8", newline="") as out:
            for chunk in job.chunks():
                out.write(chunk)
    return job.rows
