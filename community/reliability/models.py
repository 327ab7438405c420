"""The first answer to a POST sent with an Idempotency-Key, kept per member for 24 hours."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..db import utcnow
from ..extensions import db


class IdempotentRequest(db.Model):
    __tablename__ = "idempotent_requests"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(128), primary_key=True)
    route: Mapped[str] = mapped_column(sa.String(200))      # method and path the key was first used on
    status: Mapped[int]
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
