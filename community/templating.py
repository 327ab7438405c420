"""What every template can reach: `can(...)` (the permission module), the badge of a user,
the current user's unread notifications count, crisis resources, the header's and settings'
links, and date filters."""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from flask import Flask, g, request, url_for
from flask_login import current_user

from . import permissions
from .cache import Cache
from .clinicians.badges import badge_of
from .extensions import db
from .forums.models import Condition
from .moderation.help import crisis_help, page_locale, resources


_links_cache = Cache("templating.links", max_items=1_000)


def init_app(app: Flask) -> None:
    def can(action: str, *args: Any) -> bool:
        return permissions.can(action, *args, user=_viewer())

    # Globals (not a context processor) so that imported macros see them too.
    app.jinja_env.globals.update(
        can=can,
        current_user=current_user,
        request=request,
        badge_of=badge_of,
        crisis_resources=_crisis_resources,
        crisis_help=_crisis_help,
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
    ("Saved", "notifications.bookmarks", "is_member"),
    ("Share feedback", "feedback.new", "give_feedback"),
    ("My feedback", "feedback.mine", "is_member"),
    ("What patients said", "feedback.public_index", None),
    ("Moderation", "moderation.queue", "moderate"),
    ("Verify clinicians", "clinicians.queue", "verify_clinicians"),
    ("Waiting questions", "clinicians.waiting", "is_clinician"),
    ("Quality", "feedback.dashboard", "export_feedback"),
    ("Misinformation", "education.monitoring_page", "see_monitoring"),
    ("Reported misinformation", "education.misinformation_queue", "answer_misinformation"),
    ("Announcements", "education.manage_announcements", "announce"),
    ("Sources", "education.sources", "manage_sources"),
    ("Services", "feedback.services_page", "open_service_tree"),
    ("Roles", "auth.admin_users", "assign_roles"),
    ("Email queue", "mail.outbox", "is_admin"),
]
SETTINGS: list[tuple[str, str, str | None]] = [
    ("Two-step sign-in", "account.mfa_setup", "is_member"),
    ("Devices", "account.devices", "is_member"),
    ("Sign-in history", "account.signins", "is_member"),
    ("API tokens", "account.tokens", "is_member"),
    ("Email", "mail.settings", "is_member"),
    ("Notifications", "notifications.settings", "is_member"),
    ("Ignored members", "ignoring.settings", "is_member"),
    ("Clinician verification", "clinicians.apply", "apply_for_verification"),
    ("Export tokens", "feedback.tokens", "export_feedback"),
]
MEMBER_ACTIONS: list[tuple[str, str, str | None]] = [
    ("Ask for a private conversation", "chat.request_dm", "is_member"),
    ("Report this member", "moderation.report_user", "report"),
]


def _links(app: Flask, table: list[tuple[str, str, str | None]], subject: Any = None) -> list[dict[str, str]]:
    user = _viewer()
    if subject is not None and permissions.is_member(user) and subject.id == user.id:
        return []
    shown = tuple((label, endpoint) for label, endpoint, perm in table
                  if endpoint in app.view_functions and (not perm or permissions.can(perm, user=user)))
    if subject is not None:
        # A capability may ask more of a member action (chat: whether a conversation can start).
        checks = app.extensions.get("harbor_member_action_checks", {})
        return [{"label": label, "url": url_for(endpoint, username=subject.username)} for label, endpoint in shown
                if (check := checks.get(endpoint)) is None or check(user, subject)]
    # Without a subject the addresses depend only on the URL prefix: the list is built once per
    # set of links shown (the header's links are on every page, a member's more than a visitor's).
    key = (request.script_root, shown)
    links = _links_cache.get(key)
    if links is None:
        links = _links_cache.put(key, tuple({"label": label, "url": url_for(endpoint)} for label, endpoint in shown))
    return [dict(link) for link in links]


def _viewer() -> Any:
    """The user object itself, not Flask-Login's proxy: every attribute read through the proxy
    looks the user up again."""
    user = g.get("_login_user")
    return user if user is not None else current_user._get_current_object()


def _unread() -> int:
    """The header's count: read from the member's own row (loaded for the session anyway), so
    it costs no query on any page."""
    user = _viewer()
    if not permissions.is_member(user):
        return 0
    return int(getattr(user, "unread_notifications", 0) or 0)


def _locale() -> str | None:
    return page_locale(request.accept_languages) if request else None


def _crisis_resources() -> list[dict[str, Any]]:
    """The crisis lines for the page's locale (Accept-Language), else the default list."""
    return resources(locale=_locale())


def _crisis_help(tier: str = "crisis", condition: Any = None) -> dict[str, Any]:
    """The help box for a tier, in the page's language, with the condition's own text. `condition`
    may be a slug (a flashed help box names the community it was written in)."""
    if isinstance(condition, str):
        condition = db.session.scalar(sa.select(Condition).where(Condition.slug == condition)) if condition else None
    return crisis_help(tier, locale=_locale(), condition=condition)

