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
    """The badge to show beside `user`'s name, or None. A patient account never carries one:
    a verifier's approval makes a patient a clinician, and an admin who sets a clinician back
    to patient takes the badge with the role. (This also spares loading the verifications of
    every patient whose name is shown.)"""
    if getattr(user, "role", None) == "patient":
        return None
    v = current_verification(user)
    if v is None:
        return None
    return {"kind": "verified_clinician", "specialty": v.specialty, "profession": str(v.profession)}
