"""The verified-clinician badge: derived only from an approved, unexpired verification
(`models.is_current`), read from the verifications already loaded with the person (a User's
relationship, a page's author row, chat's Member). Imports models only: permissions use it."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..auth.models import Role
from .models import is_current


def current_verification(user: Any, now: dt.datetime | None = None) -> Any:
    """The verification behind `user`'s badge now, or None."""
    if user is None or not getattr(user, "is_authenticated", True) or not hasattr(user, "verifications"):
        return None
    for v in user.verifications:
        if is_current(v, now):
            return v
    return None


def is_verified_clinician(user: Any, now: dt.datetime | None = None) -> bool:
    return current_verification(user, now) is not None


def badge_of(user: Any) -> dict[str, Any] | None:
    """The badge to show beside `user`'s name, or None. A patient account never carries one:
    a verifier's approval makes a patient a clinician, and an admin who sets a clinician back
    to patient takes the badge with the role. (This also spares loading the verifications of
    every patient whose name is shown.)"""
    if getattr(user, "role", None) == Role.PATIENT:
        return None
    v = current_verification(user)
    if v is None:
        return None
    return {"kind": "verified_clinician", "specialty": v.specialty, "profession": str(v.profession)}
