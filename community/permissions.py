"""The single answer to "may this user do this to that?".

Pure functions of `(user, thing)` used by services, views, API routes, socket handlers and
templates (through the `can` context processor). `can_*` returns a bool; `require(...)` raises
`NotAllowed`. `user` may be an anonymous user (Flask-Login's AnonymousUserMixin) or None."""
from __future__ import annotations

import datetime as dt
from typing import Any

from .auth.models import Role, User
from .clinicians.badges import current_verification
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


def can_see_article_drafts(user: Any, *, verified: bool) -> bool:
    u = _user(user)
    return u is not None and (u.role in {Role.ADMIN, Role.MODERATOR} or (u.role == Role.CLINICIAN and verified))


def can_view_article(user: Any, article: Any, *, verified: bool) -> bool:
    return article.live_revision_id is not None or can_see_article_drafts(user, verified=verified)


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
