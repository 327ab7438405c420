"""Demo feedback (called by `flask demo load` through community/demo.py's _load_extras):
the FEEDBACK rows become feedback records spread over the last two months, so the
dashboard has something to compare."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..auth.models import User
from ..db import utcnow
from ..extensions import db
from . import services


def load(users: dict[str, User], feedback_rows: Iterable[tuple[Any, ...]]) -> int:
    """(username, text, rating, service, condition) rows → feedback records. Commits."""
    n = 0
    for i, (username, text, rating, service, condition) in enumerate(feedback_rows):
        record = services.give_feedback(actor=users[username], text=text, rating=rating, service=service, condition=condition)
        record.created_at = utcnow() - dt.timedelta(days=3 + 9 * i)
        n += 1
    db.session.commit()
    return n
