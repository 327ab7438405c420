"""Moderation use cases: watched words, reports, the queue and its decisions, sanctions,
context notes. Each public function is one transaction and writes an audit entry."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .. import permissions
from ..errors import Conflict, Invalid
from ..extensions import db
from . import gate
from .audit import record
from .models import WatchAction, WatchedWord


def watch_word(*, actor: Any, word: str, action: str) -> WatchedWord:
    """Moderators (or the CLI, actor None) add or change a watched word. Audited. Commits."""
    if actor is not None:
        permissions.require(permissions.can_manage_watchlist(actor))
    word = " ".join(word.split()).casefold()
    if not 2 <= len(word) <= 100:
        raise Invalid("word", "A watched word or phrase is 2 to 100 characters.")
    try:
        act = WatchAction(action)
    except ValueError:
        raise Invalid("action", "Action is block, require_approval, flag or censor.") from None
    row = db.session.scalar(sa.select(WatchedWord).where(WatchedWord.word == word))
    if row is None:
        row = WatchedWord(word=word, action=act, created_by_id=getattr(actor, "id", None))
        db.session.add(row)
    elif row.action == act:
        raise Conflict(f"'{word}' is already watched with {act}.", code="already_watched")
    else:
        row.action = act
    db.session.flush()
    record(actor=actor, action="watchlist.add", target=row, detail={"word": word, "action": str(act)})
    db.session.commit()
    gate.invalidate_watchlist()
    return row
