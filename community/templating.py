"""What every template can reach: `can(...)` (the permission module), the badge of a user,
the cached head of a post card, the current user's unread notifications count, crisis
resources, and date filters."""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Flask, current_app, request, url_for
from flask_login import current_user

from . import permissions
from .clinicians.badges import badge_of
from .forums import fragments


def init_app(app: Flask) -> None:
    def can(action: str, *args: Any) -> bool:
        return permissions.can(action, *args, user=current_user)

    # Globals (not a context processor) so that imported macros see them too.
    app.jinja_env.globals.update(
        can=can,
        current_user=current_user,
        request=request,
        badge_of=badge_of,
        cached_post_content=fragments.post_content,
        crisis_resources=lambda: current_app.config["CRISIS_RESOURCES"],
        unread_notifications=_unread,
        nav_items=lambda: _links(app, NAV),
        settings_items=lambda: _links(app, SETTINGS),
        member_actions=lambda member: _links(app, MEMBER_ACTIONS, member),
    )

    @app.template_filter("when")
    def _when(value: dt.datetime | None) -> str:
        return value.strftime("%d %b %Y, %H:%M UTC") if value else ""

    @app.template_filter("iso")
    def _iso(value: dt.datetime | None) -> str:
        return value.isoformat() if value else ""


# (label, endpoint, permission or None, url kwargs from the subject) for links that appear only
# when the capability is installed and the viewer may use it.
NAV: list[tuple[str, str, str | None]] = [
    ("Chat", "chat.lobby", "is_member"),
    ("Share feedback", "feedback.new", "give_feedback"),
    ("Moderation", "moderation.queue", "moderate"),
    ("Verify clinicians", "clinicians.queue", "verify_clinicians"),
    ("Waiting questions", "clinicians.waiting", "is_clinician"),
    ("Quality", "feedback.dashboard", "export_feedback"),
    ("Roles", "auth.admin_users", "assign_roles"),
]
SETTINGS: list[tuple[str, str, str | None]] = [
    ("Two-step sign-in", "account.mfa_setup", "is_member"),
    ("Devices", "account.devices", "is_member"),
    ("Sign-in history", "account.signins", "is_member"),
    ("API tokens", "account.tokens", "is_member"),
    ("Clinician verification", "clinicians.apply", "apply_for_verification"),
    ("Export tokens", "feedback.tokens", "export_feedback"),
]
MEMBER_ACTIONS: list[tuple[str, str, str | None]] = [
    ("Ask for a private conversation", "chat.request_dm", "is_member"),
    ("Report this member", "moderation.report_user", "report"),
]


def _links(app: Flask, table: list[tuple[str, str, str | None]], subject: Any = None) -> list[dict[str, str]]:
    out = []
    for label, endpoint, perm in table:
        if endpoint not in app.view_functions:
            continue
        if perm and not permissions.can(perm, user=current_user):
            continue
        kwargs = {"username": subject.username} if subject is not None else {}
        if subject is not None and permissions.is_member(current_user) and subject.id == current_user.id:
            continue
        out.append({"label": label, "url": url_for(endpoint, **kwargs)})
    return out


def _unread() -> int:
    if not permissions.is_member(current_user):
        return 0
    try:
        from .moderation.notifications import unread_count
    except ImportError:
        return 0
    return unread_count(current_user)
