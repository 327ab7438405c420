"""Reactions (heart, hug, me too, helpful) on posts and chat messages: one per kind per member.
The counts also live on the post or message row (`reactions`), so pages read them for free."""
from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..db import utcnow
from ..extensions import db


class Kind(enum.StrEnum):
    HEART = "heart"
    HUG = "hug"
    ME_TOO = "me_too"
    HELPFUL = "helpful"


LABELS = {Kind.HEART: "Heart", Kind.HUG: "Hug", Kind.ME_TOO: "Me too", Kind.HELPFUL: "Helpful"}
SYMBOLS = {Kind.HEART: "\u2764\ufe0f", Kind.HUG: "\U0001f917", Kind.ME_TOO: "\U0001f64b", Kind.HELPFUL: "\U0001f44d"}


class Reaction(db.Model):
    __tablename__ = "reactions"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "target_type", "target_id", "kind", name="uq_reactions_one_per_kind"),
        sa.Index("ix_reactions_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    target_type: Mapped[str] = mapped_column(sa.String(16))   # post | message
    target_id: Mapped[int]
    kind: Mapped[str] = mapped_column(sa.String(16))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
