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
