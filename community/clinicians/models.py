"""Clinician verification applications and their decisions."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..db import utcnow
from ..extensions import db


class Profession(enum.StrEnum):
    PHYSICIAN = "physician"
    NURSE = "nurse"
    PHARMACIST = "pharmacist"
    DIETITIAN = "dietitian"
    PSYCHOLOGIST = "psychologist"
    PHYSIOTHERAPIST = "physiotherapist"
    OTHER = "other"


class VerificationStatus(enum.StrEnum):
    PENDING = "pending"
    MORE_INFO = "more_info"
    APPROVED = "approved"
    REJECTED = "rejected"
    REVOKED = "revoked"


class Verification(db.Model):
    __tablename__ = "verifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[VerificationStatus] = mapped_column(
        sa.Enum(VerificationStatus, native_enum=False, length=16), default=VerificationStatus.PENDING)
    full_name: Mapped[str] = mapped_column(sa.String(120), default="")   # verifiers only
    profession: Mapped[Profession] = mapped_column(sa.Enum(Profession, native_enum=False, length=24), default=Profession.OTHER)
    specialty: Mapped[str] = mapped_column(sa.String(80), default="")
    licence_number: Mapped[str] = mapped_column(sa.String(64), default="")
    issuing_body: Mapped[str] = mapped_column(sa.String(120), default="")
    jurisdiction: Mapped[str] = mapped_column(sa.String(80), default="")
    licence_expiry: Mapped[dt.date | None] = mapped_column(sa.Date)
    document_path: Mapped[str | None] = mapped_column(sa.String(255))
    document_type: Mapped[str | None] = mapped_column(sa.String(32))
    agreed_conduct: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[dt.datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    expires_at: Mapped[dt.datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(sa.Text)
    info_request: Mapped[str | None] = mapped_column(sa.Text)
    applicant_reply: Mapped[str | None] = mapped_column(sa.Text)
    expiry_notice_sent: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship(foreign_keys=[user_id], back_populates="verifications")


# --- the badge rule, in its two forms --------------------------------------------------------
# A clinician is verified while one of their verifications is approved and unexpired. The
# Python form answers for loaded rows (a User's `verifications`, the pages' VerificationRow);
# the SQL form for statements (a thread's `clinician_answered`). tests/clinicians/ checks both.

def is_current(v: Any, now: dt.datetime | None = None) -> bool:
    """`v` (a Verification or any row with `status` and `expires_at`) gives the badge now."""
    return v.status == VerificationStatus.APPROVED and v.expires_at is not None and v.expires_at > (now or utcnow())


def current_sql(status: Any, expires_at: Any, now: dt.datetime | None = None) -> Any:
    """SQL form of `is_current` over the columns `status` and `expires_at`."""
    return sa.and_(status == VerificationStatus.APPROVED, expires_at > (now or utcnow()))
