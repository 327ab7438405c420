"""Clinician verification use cases (applications, decisions, expiry) and the boundary rules."""
from __future__ import annotations

from typing import Any

from .badges import current_verification


def is_verified_clinician(user: Any) -> bool:
    return current_verification(user) is not None


def verify_directly(*, user: Any, specialty: str, licence: str = "", actor: Any = None) -> Any:
    """What an approval does, for the CLI: the member becomes a verified clinician. Commits."""
    import datetime as dt

    from ..auth.models import Role
    from ..db import utcnow
    from ..errors import Invalid
    from ..extensions import db
    from ..moderation.audit import record
    from .models import Verification, VerificationStatus

    specialty = specialty.strip()
    if not specialty or len(specialty) > 80:
        raise Invalid("specialty", "A specialty of 1 to 80 characters is required.")
    now = utcnow()
    v = Verification(user_id=user.id, status=VerificationStatus.APPROVED, specialty=specialty,
                     licence_number=licence.strip()[:64], decided_at=now, expires_at=now + dt.timedelta(days=365),
                     agreed_conduct=True, decided_by_id=getattr(actor, "id", None))
    db.session.add(v)
    if user.role == Role.PATIENT:
        user.role = Role.CLINICIAN
    db.session.flush()
    db.session.refresh(user, ["verifications"])
    record(actor=actor, action="verification.approve", target=v, detail={"user": user.username, "specialty": specialty})
    db.session.commit()
    return v
