"""The verified-clinician badge: derived only from an approved, unexpired verification."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..db import utcnow


def current_verification(user: Any, now: dt.datetime | None = None) -> Any:
    if user is None or not getattr(user, "is_authenticated", True) or not hasattr(user, "verifications"):
        return None
    from .models import VerificationStatus

    now = now or utcnow()
    for v in user.verifications:
        if v.status == VerificationStatus.APPROVED and v.expires_at is not None and v.expires_at > now:
            return v
    return None


def badge_of(user: Any) -> dict[str, Any] | None:
    v = current_verification(user)
    if v is None:
        return None
    return {"kind": "verified_clinician", "specialty": v.specialty, "profession": str(v.profession)}
