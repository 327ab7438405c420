"""The single answer to "may this user do this to that?".

Pure functions of `(user, thing)` used by services, views, API routes, socket handlers and
templates (through the `can` context processor). `can_*` returns a bool; `require(...)` raises
`NotAllowed`. `user` may be an anonymous user (Flask-Login's AnonymousUserMixin) or None."""
from __future__ import annotations

import datetime as dt
from typing import Any

from .auth.models import Role, User
from .db import utcnow
from .errors import NotAllowed

STAFF = {Role.MODERATOR, Role.ADMIN}


def _user(user: Any) -> User | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user  # type: ignore[no-any-return]


def is_member(user: Any) -> bool:
    return _user(user) is not None


def is_moderator(user: Any) -> bool:
    u = _user(user)
    return u is not None and u.role in STAFF


def is_admin(user: Any) -> bool:
    u = _user(user)
    return u is not None and u.role == Role.ADMIN


# --- second factor -----------------------------------------------------------------------

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


# --- sanctions ---------------------------------------------------------------------------

def _active(until: dt.datetime | None, now: dt.datetime | None = None) -> bool:
    return until is not None and until > (now or utcnow())


def is_banned(user: Any) -> bool:
    u = _user(user)
    return u is not None and u.banned_at is not None


def is_suspended(user: Any) -> bool:
    u = _user(user)
    return u is not None and (u.banned_at is not None or _active(u.suspended_until))


def is_muted(user: Any) -> bool:
    u = _user(user)
    return u is not None and (is_suspended(u) or _active(u.muted_until))


def silenced_until(user: Any) -> dt.datetime | None:
    """Until when a member may not write (None: they may, or for good when banned)."""
    u = _user(user)
    if u is None:
        return None
    times = [t for t in (u.muted_until, u.suspended_until) if _active(t)]
    return max(times) if times else None


# --- forums ------------------------------------------------------------------------------

def can_write(user: Any) -> bool:
    """May post anything at all (threads, replies, chat, reports of their own content aside)."""
    return is_member(user) and not is_muted(user)


def can_create_condition(user: Any) -> bool:
    return is_admin(user)


def can_start_thread(user: Any, condition: Any = None) -> bool:
    return can_write(user)


def can_reply(user: Any, thread: Any) -> bool:
    return can_write(user) and can_view_thread(user, thread)


def can_view_post(user: Any, post: Any) -> bool:
    from .forums.models import Status

    if post.status == Status.PUBLISHED:
        return True
    if post.status == Status.DELETED:
        return False
    u = _user(user)
    if u is None:
        return False
    if is_moderator(u):
        return True
    # Held or rejected content stays visible to its own author (with its status shown).
    return post.author_id == u.id and post.status in {Status.PENDING, Status.REJECTED, Status.HIDDEN}


def can_view_thread(user: Any, thread: Any) -> bool:
    from .forums.models import Status

    if thread.status == Status.PUBLISHED:
        return True
    if thread.status == Status.DELETED:
        return False
    u = _user(user)
    return u is not None and (is_moderator(u) or thread.author_id == u.id)


def can_edit_post(user: Any, post: Any) -> bool:
    u = _user(user)
    return (
        u is not None
        and post.author_id == u.id
        and post.status != _deleted()
        and not is_muted(u)
    )


def can_delete_post(user: Any, post: Any) -> bool:
    u = _user(user)
    return u is not None and post.status != _deleted() and (post.author_id == u.id or is_moderator(u))


def can_see_revisions(user: Any) -> bool:
    return is_moderator(user)


def can_mark_question(user: Any, thread: Any) -> bool:
    u = _user(user)
    return u is not None and thread.author_id == u.id


def _deleted() -> Any:
    from .forums.models import Status

    return Status.DELETED


def can_add_note(user: Any, post: Any) -> bool:
    """Moderators, and verified clinicians on other members' posts, attach context notes."""
    from .clinicians.services import is_verified_clinician

    u = _user(user)
    if u is None or is_muted(u):
        return False
    return is_moderator(u) or (is_verified_clinician(u) and post.author_id != u.id)


# --- administration and staff ------------------------------------------------------------

def can_assign_roles(user: Any) -> bool:
    return is_admin(user)


def can_moderate(user: Any) -> bool:
    return is_moderator(user)


def can_view_audit(user: Any) -> bool:
    return is_moderator(user)


def can_download_audit(user: Any) -> bool:
    return is_admin(user)


def can_manage_watchlist(user: Any) -> bool:
    return is_moderator(user)


def can_verify_clinicians(user: Any) -> bool:
    u = _user(user)
    return u is not None and (u.role == Role.ADMIN or (u.role == Role.MODERATOR and u.is_verifier))


def can_export_feedback(user: Any) -> bool:
    u = _user(user)
    return u is not None and u.role in {Role.QUALITY, Role.ADMIN}


def can_give_feedback(user: Any) -> bool:
    u = _user(user)
    return u is not None and not is_suspended(u)


def can_report(user: Any) -> bool:
    u = _user(user)
    return u is not None and not is_suspended(u)


# --- helpers -----------------------------------------------------------------------------

def require(allowed: bool, message: str = "You are not allowed to do that.") -> None:
    if not allowed:
        raise NotAllowed(message)




def can(action: str, *args: Any, user: Any = None) -> bool:
    """Template helper: `can('edit_post', post)` → `can_edit_post(current_user, post)`."""
    fn = globals().get(f"can_{action}") or globals().get(action)
    if fn is None:
        raise KeyError(f"unknown permission {action!r}")
    return bool(fn(user, *args))


# --- clinicians and boundaries -------------------------------------------------------------

def is_clinician(user: Any) -> bool:
    u = _user(user)
    return u is not None and u.role == Role.CLINICIAN


def can_start_dm(user: Any, other: Any, *, allow_clinician_patient: bool = False) -> bool:
    """Private conversations are between peers: a clinician and a patient may not start one
    with each other (unless the deployment allows it), and nobody messages themselves."""
    u = _user(user)
    if u is None or other is None or u.id == other.id or is_muted(u) or is_banned(other):
        return False
    if not allow_clinician_patient and {u.role, other.role} == {Role.CLINICIAN, Role.PATIENT}:
        return False
    return True


def can_view_message(user: Any, message: Any) -> bool:
    """A chat message: the room's readers see it once published (its author while held);
    private conversations only their two members."""
    from .chat.services import ChatError, check_read
    from .forums.models import Status

    u = _user(user)
    if u is None:
        return False
    try:
        check_read(u, message.room)
    except ChatError:
        return False
    return message.status == Status.PUBLISHED or message.author_id == u.id


def can_apply_for_verification(user: Any) -> bool:
    return is_member(user) and not is_suspended(user)


def can_mark_helpful(user: Any, post: Any) -> bool:
    from .clinicians.services import is_verified_clinician

    u = _user(user)
    return (u is not None and post.thread.is_question and post.thread.author_id == u.id and not post.is_opening
            and is_verified_clinician(post.author))


# --- feedback ------------------------------------------------------------------------------

def can_edit_theme_lexicon(user: Any) -> bool:
    """The quality team (and admins) extend the theme lexicon used to tag feedback."""
    return can_export_feedback(user)


def can_see_feedback_dashboard(user: Any) -> bool:
    return can_export_feedback(user)
