"""`ignorer` no longer sees `ignored`'s posts and messages, and `ignored` can't mention or
message `ignorer` (community/ignoring/__init__.py lists where). Only the ignorer ever sees a row."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..db import utcnow
from ..extensions import db


class Ignore(db.Model):
    __tablename__ = "member_ignores"

    ignorer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    ignored_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


def ignores_sql(ignorer_col: object, ignored_col: object) -> sa.ColumnElement[bool]:
    """SQL condition: the member in `ignorer_col` ignores the one in `ignored_col`."""
    i = Ignore.__table__.c
    return sa.exists().where(i.ignorer_id == ignorer_col, i.ignored_id == ignored_col)
