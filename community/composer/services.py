"""Composer use cases: preview (the forum's own Markdown rendering, nothing stored) and drafts."""
from __future__ import annotations

import functools
import re
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import permissions
from ..db import utcnow
from ..errors import Invalid
from ..extensions import db
from ..forums.markdown import render
from .models import Draft

KEY = re.compile(r"^(reply:\d{1,12}|thread:[a-z0-9-]{1,64})$")


def preview(*, actor: Any, body: Any) -> str:
    """The HTML a post with this text would show (a member's own text, not stored)."""
    permissions.require(permissions.is_member(actor))
    if not isinstance(body, str):
        raise Invalid("body", "Send the text as 'body'.")
    if len(body) > current_app.config["BODY_MAX"]:
        raise Invalid("body", f"Posts can be at most {current_app.config['BODY_MAX']:,} characters.")
    return render(body)


def _key(key: str) -> str:
    if not KEY.match(key or ""):
        raise Invalid("key", "Unknown draft.")
    return key


def get_draft(*, actor: Any, key: str) -> str:
    row = db.session.get(Draft, (actor.id, _key(key)))
    return row.body if row else ""


def save_draft(*, actor: Any, key: str, body: Any) -> None:
    """Keep (or, when empty, drop) the member's unsent text for one place. Commits."""
    permissions.require(permissions.is_member(actor))
    key = _key(key)
    if not isinstance(body, str) or len(body) > current_app.config["BODY_MAX"]:
        raise Invalid("body", "That draft is too long.")
    row = db.session.get(Draft, (actor.id, key))
    if not body.strip():
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(Draft(user_id=actor.id, key=key, body=body))
    else:
        row.body, row.updated_at = body, utcnow()
    db.session.commit()


def on_post_saved(*, post: Any, thread: Any, **_: Any) -> None:
    """Hook of `post.saved`: the draft the post came from goes, in the post's own transaction
    (a post that fails keeps its draft). Does not commit."""
    author_id, thread_id = post.author_id, thread.id
    key = f"reply:{thread_id}" if not post.is_opening else f"thread:{thread.condition.slug}"
    if author_id is not None:
        db.session.execute(_drop_draft(), {"d_user_id": author_id, "d_key": key})


@functools.cache
def _drop_draft() -> Any:
    """The DELETE of one draft, built once, on the table (an ORM delete would also look for the
    rows among the session's objects)."""
    d = Draft.__table__.c
    return Draft.__table__.delete().where(d.user_id == sa.bindparam("d_user_id"), d.key == sa.bindparam("d_key"))


def on_user_deleting(*, user_id: int, **_: Any) -> None:
    db.session.execute(sa.delete(Draft).where(Draft.user_id == user_id))


def on_user_exporting(*, user_id: int, data: dict[str, object]) -> None:
    data["drafts"] = [{"place": d.key, "body": d.body, "updated_at": d.updated_at.isoformat()}
                      for d in db.session.scalars(sa.select(Draft).where(Draft.user_id == user_id))]
