"""Who needs a second factor (TOTP), and who may clear one: pure rules over the user row,
re-exported by community/permissions.py (kept here so that module stays within size)."""
from __future__ import annotations

from typing import Any

from .models import Role


def _user(user: Any) -> Any:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def is_admin(user: Any) -> bool:
    u = _user(user)
    return u is not None and u.role == Role.ADMIN


MFA_ROLES = {Role.MODERATOR, Role.QUALITY, Role.ADMIN}


def requires_mfa(user: Any) -> bool:
    """Staff and clinician verifiers must sign in with a second factor (TOTP)."""
    u = _user(user)
    return u is not None and (u.role in MFA_ROLES or bool(u.is_verifier))


def has_mfa(user: Any) -> bool:
    u = _user(user)
    return u is not None and u.totp_enabled_at is not None and bool(u.totp_secret)


def mfa_enrolment_needed(user: Any) -> bool:
    """Staff without a second factor yet: they may do nothing but enrol."""
    return requires_mfa(user) and not has_mfa(user)


def can_reset_mfa(user: Any, target: Any) -> bool:
    return is_admin(user) and target is not None and target.id != user.id


def can_disable_mfa(user: Any) -> bool:
    return has_mfa(user) and not requires_mfa(user)


# Hospital sign-in (auth/oidc_views.py): a session whose provider asserted a multi-factor
# sign-in (the ID token's `amr`, RFC 8176) carries this key, and needs no Harbor TOTP.
IDP_MFA_SESSION_KEY = "mfa_by_provider"


def amr_is_multi_factor(amr: list[str], accepted: list[str]) -> bool:
    """Whether the `amr` values name a multi-factor sign-in: one of `accepted` is present
    ("mfa", "otp", ...), or every part of a combined entry ("swk+pin") is."""
    have = {str(a).lower() for a in amr}
    return any(all(part in have for part in entry.lower().split("+")) for entry in accepted if entry)


def enrolment_needed_in_session(user: Any, *, provider_mfa: bool) -> bool:
    """Staff without Harbor TOTP must enrol, unless this session's sign-in was multi-factor at
    the hospital's provider."""
    return mfa_enrolment_needed(user) and not provider_mfa
