"""Who may open a member's profile page: pure rules over the rows, beside mfa_policy.py.

A patient's profile (display name, the conditions they chose to show, when they joined) is for
signed-in members only: put together, it tells a visitor which named person lives with which
conditions. A verified clinician's profile is professional and stays public, so a visitor can
check the badge on an answer."""
from __future__ import annotations

from typing import Any

from ..clinicians.badges import is_verified_clinician


def can_view_profile(viewer: Any, member: Any) -> bool:
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        return True
    return is_verified_clinician(member)
