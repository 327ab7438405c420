"""The single answer to "may this user do this to that?".

Pure functions of `(user, thing)` used by services, views, API routes, socket handlers and
templates (through the `can` context processor). `can_*` returns a bool; `require(...)` raises
`NotAllowed`. `user` is an `Actor` (an ORM User, a page's author row, chat's Member), an
anonymous user (Flask-Login's AnonymousUserMixin) or None.

Models level: this module imports models, content.py (who may see what) and clinicians/badges.py
(the badge rule) only, never a service. When a rule needs data that is not on the objects
(whether a chat room may be read, for instance), the caller loads it and passes it in."""
from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from .auth.models import Role
from .auth.mfa_policy import MFA_ROLES, can_disable_mfa, can_reset_mfa, has_mfa, mfa_enrolment_needed, requires_mfa  # noqa: F401
from .clinicians.badges import current_verification, is_verified_clinician
from .content import STAFF, Status, audience_of, message_visible, post_visible, thread_visible
from .db import utcnow
from .errors import NotAllowed


class Actor(Protocol):
    """What the permissions read of a signed-in person: an ORM `User`, chat's `Member` and the
    pages' author rows all have it (badges also read `verifications` where there is one)."""

    @property
    def id(self) -> int: ...
    @property
    def role(self) -> str: ...
    @property
    def is_authenticated(self) -> bool: ...
    @property
    def is_verifier(self) -> bool: ...
    @property
    def muted_until(self) -> dt.datetime | None: ...
    @property
    def suspended_until(self) -> dt.datetime | None: ...
    @property
    def banned_at(self) -> dt.datetime | None: ...


class Anonymous(Protocol):
    @property
    def is_authenticated(self) -> bool: ...


class Authored(Protocol):
    """A post, thread or chat message (ORM object or read-model row)."""

    @property
    def status(self) -> str: ...
    @property
    def author_id(self) -> int | None: ...


Viewer = Actor | Anonymous | None
"""Who asks: a signed-in Actor, an anonymous visitor or nobody."""


def _user(user: Viewer) -> Actor | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user  # type: ignore[return-value]


def is_member(user: Viewer) -> bool:
    return _user(user) is not None


def is_moderator(user: Viewer) -> bool:
    u = _user(user)
    return u is not None and u.role in STAFF


def is_admin(user: Viewer) -> bool:
    u = _user(user)
    return u is not None and u.role == Role.ADMIN


# --- sanctions ---------------------------------------------------------------------------

def _active(until: dt.datetime | None, now: dt.datetime | None = None) -> bool:
    return until is not None and until > (now or utcnow())


def is_banned(user: Viewer) -> bool:
    u = _user(user)
    return u is not None and u.banned_at is not None


def is_suspended(user: Viewer) -> bool:
    u = _user(user)
    return u is not None and (u.banned_at is not None or _active(u.suspended_until))


def is_muted(user: Viewer) -> bool:
    u = _user(user)
    return u is not None and (is_suspended(u) or _active(u.muted_until))


def silenced_until(user: Viewer) -> dt.datetime | None:
    """Until when a member may not write (None: they may, or for good when banned)."""
    u = _user(user)
    if u is None:
        return None
    times = [t for t in (u.muted_until, u.suspended_until) if _active(t)]
    return max(times) if times else None


# --- forums ------------------------------------------------------------------------------

def can_write(user: Viewer) -> bool:
    """May post anything at all (threads, replies, chat, reports of their own content aside)."""
    return is_member(user) and not is_muted(user)


def can_create_condition(user: Viewer) -> bool:
    return is_admin(user)


def can_start_thread(user: Viewer, condition: Any = None) -> bool:
    return can_write(user)


def can_reply(user: Viewer, thread: Authored) -> bool:
    return can_write(user) and can_view_thread(user, thread)


def can_view_post(user: Viewer, post: Authored) -> bool:
    """The rule of content.post_visible (its SQL form is what the read models select)."""
    u = _user(user)
    return post_visible(audience_of(u), u.id if u else None, status=post.status, author_id=post.author_id)


def can_view_thread(user: Viewer, thread: Authored) -> bool:
    u = _user(user)
    return thread_visible(audience_of(u), u.id if u else None, status=thread.status, author_id=thread.author_id)


def can_edit_post(user: Viewer, post: Authored) -> bool:
    u = _user(user)
    return (
        u is not None
        and post.author_id == u.id
        and post.status != Status.DELETED
        and not is_muted(u)
    )


def can_delete_post(user: Viewer, post: Authored) -> bool:
    u = _user(user)
    return u is not None and post.status != Status.DELETED and (post.author_id == u.id or is_moderator(u))


def can_see_revisions(user: Viewer) -> bool:
    return is_moderator(user)


def can_mark_question(user: Viewer, thread: Authored) -> bool:
    u = _user(user)
    return u is not None and thread.author_id == u.id


def can_add_note(user: Viewer, post: Authored) -> bool:
    """Moderators, and verified clinicians on other members' posts, attach context notes."""
    u = _user(user)
    if u is None or is_muted(u):
        return False
    return is_moderator(u) or (is_verified_clinician(u) and post.author_id != u.id)


# --- administration and staff ------------------------------------------------------------

def can_assign_roles(user: Viewer) -> bool:
    return is_admin(user)


def can_moderate(user: Viewer) -> bool:
    return is_moderator(user)


def can_view_audit(user: Viewer) -> bool:
    return is_moderator(user)


def can_download_audit(user: Viewer) -> bool:
    return is_admin(user)


def can_manage_watchlist(user: Viewer) -> bool:
    return is_moderator(user)


def can_verify_clinicians(user: Viewer) -> bool:
    u = _user(user)
    return u is not None and (u.role == Role.ADMIN or (u.role == Role.MODERATOR and u.is_verifier))


def can_export_feedback(user: Viewer) -> bool:
    u = _user(user)
    return u is not None and u.role in {Role.QUALITY, Role.ADMIN}


def can_give_feedback(user: Viewer) -> bool:
    u = _user(user)
    return u is not None and not is_suspended(u)


def can_report(user: Viewer) -> bool:
    u = _user(user)
    return u is not None and not is_suspended(u)


# --- helpers -----------------------------------------------------------------------------

def require(allowed: bool, message: str = "You are not allowed to do that.") -> None:
    if not allowed:
        raise NotAllowed(message)


def can(action: str, *args: Any, user: Viewer = None) -> bool:
    """Template helper: `can('edit_post', post)` → `can_edit_post(current_user, post)`."""
    fn = globals().get(f"can_{action}") or globals().get(action)
    if fn is None:
        raise KeyError(f"unknown permission {action!r}")
    return bool(fn(user, *args))


# --- clinicians and boundaries -------------------------------------------------------------

def is_clinician(user: Viewer) -> bool:
    u = _user(user)
    return u is not None and u.role == Role.CLINICIAN


def can_start_dm(user: Viewer, other: Actor | None, *, allow_clinician_patient: bool = False) -> bool:
    """Private conversations are between peers: a clinician and a patient may not start one
    with each other (unless the deployment allows it), and nobody messages themselves."""
    u = _user(user)
    if u is None or other is None or u.id == other.id or is_muted(u) or is_banned(other):
        return False
    if not allow_clinician_patient and {u.role, other.role} == {Role.CLINICIAN, Role.PATIENT}:
        return False
    return True


def can_view_message(user: Viewer, message: Authored, *, room_readable: bool) -> bool:
    """A chat message: the readers of its room (`room_readable`, chat/access.py decides) see it
    as content.message_visible says (published, tombstones, their own held ones)."""
    u = _user(user)
    return u is not None and room_readable and message_visible(u.id, status=message.status, author_id=message.author_id)


def can_apply_for_verification(user: Viewer) -> bool:
    return is_member(user) and not is_suspended(user)


def can_mark_helpful(user: Viewer, post: Any) -> bool:
    u = _user(user)
    return (u is not None and post.thread.is_question and post.thread.author_id == u.id and not post.is_opening
            and is_verified_clinician(post.author))


# --- feedback ------------------------------------------------------------------------------

def can_edit_theme_lexicon(user: Viewer) -> bool:
    """The quality team (and admins) extend the theme lexicon used to tag feedback."""
    return can_export_feedback(user)


def can_see_feedback_dashboard(user: Viewer) -> bool:
    return can_export_feedback(user)


# --- health education ----------------------------------------------------------------------
# `verified` is whether the user holds an approved, unexpired clinician verification: the
# caller loads it (clinicians.badges.current_verification), so these stay pure.

def can_write_article(user: Any, *, verified: bool) -> bool:
    u = _user(user)
    return u is not None and not is_muted(u) and (u.role == Role.ADMIN or (u.role == Role.CLINICIAN and verified))


def can_edit_article(user: Any, article: Any, *, verified: bool) -> bool:
    u = _user(user)
    return u is not None and not is_muted(u) and (
        u.role == Role.ADMIN or (article.author_id == u.id and can_write_article(u, verified=verified)))


def can_review_article(user: Any, article: Any, *, verified: bool) -> bool:
    """Peer review: a verified clinician other than the article's author."""
    u = _user(user)
    return u is not None and u.role == Role.CLINICIAN and verified and not is_muted(u) and article.author_id != u.id


def can_read_article_draft(user: Any, article: Any, *, verified: bool | None = None) -> bool:
    """The working copy (draft, edit in review, one sent back) and its history: its author, admins,
    and peer reviewers while it waits for review (`verified` None: loaded); not moderators."""
    u = _user(user)
    waiting = article.status == "in_review" or (article.status == "published" and article.is_due())
    return u is not None and (u.role == Role.ADMIN or article.author_id == u.id or (waiting and can_review_article(
        u, article, verified=current_verification(u) is not None if verified is None else verified)))


def can_view_article(user: Any, article: Any, *, verified: bool) -> bool:
    return article.live_revision_id is not None or can_read_article_draft(user, article, verified=verified)


def can_write_articles(user: Any) -> bool:
    """The rules above for templates, which can't pass `verified`: loaded here."""
    return can_write_article(user, verified=current_verification(user) is not None)


def can_edit_this_article(user: Any, article: Any) -> bool:
    return can_edit_article(user, article, verified=current_verification(user) is not None)


def can_review_this_article(user: Any, article: Any) -> bool:
    return (article.status == "in_review" or (article.status == "published" and article.is_due())) and can_review_article(
        user, article, verified=current_verification(user) is not None)


def can_announce(user: Any) -> bool:
    return is_admin(user)


def can_manage_sources(user: Any) -> bool:
    return is_admin(user)


def can_see_monitoring(user: Any) -> bool:
    u = _user(user)
    return u is not None and u.role in {Role.MODERATOR, Role.QUALITY, Role.ADMIN}


def can_answer_misinformation(user: Any) -> bool:
    """Verified clinicians (and moderators) see the misinformation queue and answer with notes."""
    u = _user(user)
    return u is not None and (is_moderator(u) or (u.role == Role.CLINICIAN and current_verification(u) is not None))
# --- feedback that closes the loop ---------------------------------------------------------
# `responder_for` says whether the user is a named responder of the item's service or one of
# its parents: the caller loads that (feedback.care.is_responder_for) and passes it in.

RESPONDER_ROLES = {Role.CLINICIAN, Role.QUALITY}


def can_manage_care_services(user: Any) -> bool:
    """Admins build the service tree and name its responders."""
    return is_admin(user)


def can_be_named_responder(user: Any) -> bool:
    """Only clinicians and quality staff may be named responders of a service."""
    u = _user(user)
    return u is not None and u.role in RESPONDER_ROLES and not is_suspended(u)


def can_respond_to_feedback(user: Any, responder_for: bool = False) -> bool:
    """Quality staff and admins answer any feedback; a named responder answers feedback about
    their branch of the service tree."""
    u = _user(user)
    if u is None or is_suspended(u):
        return False
    return can_export_feedback(u) or (responder_for and u.role in RESPONDER_ROLES)


def can_acknowledge_critical(user: Any, responder_for: bool = False) -> bool:
    return can_respond_to_feedback(user, responder_for)


def can_see_feedback_item(user: Any, responder_for: bool = False) -> bool:
    """One feedback record with its text as written (de-identified): who may answer it."""
    return can_respond_to_feedback(user, responder_for)


def can_subscribe_to_services(user: Any, is_responder: bool = False) -> bool:
    """Quality staff, admins and named responders follow branches of the service tree."""
    u = _user(user)
    return u is not None and (can_export_feedback(u) or (is_responder and u.role in RESPONDER_ROLES))


def can_correct_themes(user: Any) -> bool:
    return can_export_feedback(user)


def can_open_service_tree(user: Any) -> bool:
    """The service tree page: quality staff and admins, and clinicians (who may be named responders)."""
    u = _user(user)
    return u is not None and (can_export_feedback(u) or u.role == Role.CLINICIAN)
# --- reactions -----------------------------------------------------------------------------

def can_react(user: Any, content: Any) -> bool:
    """A member reacts to published content they can see (never to held content, not while
    suspended). The caller checks that the viewer may see the content itself."""
    from .forums.models import Status

    u = _user(user)
    return u is not None and not is_suspended(u) and str(content.status) == Status.PUBLISHED
