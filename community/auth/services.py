"""Account use cases: register, authenticate, passwords, profiles, roles, tokens, deletion.

Each public function is one transaction: it checks permission, validates, writes, audits and
commits. None reads `current_user` or `request`: the acting user is passed in."""
from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from .. import events, permissions
from ..clinicians.badges import is_verified_clinician
from ..clinicians.imitation import claims_credential
from ..db import utcnow
from ..errors import Conflict, DomainError, Invalid, NotFound
from ..extensions import db
from ..forums import services as forum_services
from ..forums.models import ConditionMember, Post, Thread
from ..moderation.audit import record
from .models import Role, User
from .passwords import dummy_verify, hash_password, needs_rehash, verify_password
from .reauth import require_identity
from .sessions import end_all_sessions
from .tokens import create_token, list_tokens, revoke_token, user_for_token  # noqa: F401  (the accounts API)
from .usernames import skeleton, username_problem

PASSWORD_MIN = 10
PASSWORD_MAX = 256
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")


def check_password_strength(password: str, *, username: str = "") -> None:
    if len(password) < PASSWORD_MIN:
        raise Invalid("password", f"Use at least {PASSWORD_MIN} characters.")
    if len(password) > PASSWORD_MAX:
        raise Invalid("password", f"Use at most {PASSWORD_MAX} characters.")
    if username and username.casefold() in password.casefold():
        raise Invalid("password", "Your password must not contain your username.")
    from flask import current_app
    from zxcvbn import zxcvbn

    # The estimator's time grows with length; the first 100 characters tell enough.
    found = zxcvbn(password[:100], user_inputs=[u for u in (username, "harbor") if u])
    if found["score"] < int(current_app.config["PASSWORD_MIN_SCORE"]):
        why = found["feedback"].get("warning") or "This password is too easy to guess."
        tip = (found["feedback"].get("suggestions") or ["Add another word or two. Uncommon words are better."])[0]
        raise Invalid("password", f"{why.rstrip('.')}. {tip}", code="weak_password")


def _check_username(name: str, *, field: str = "username", staff: bool = False) -> str:
    name = name.strip()
    problem = username_problem(name)
    if problem:
        raise Invalid(field, problem)
    if claims_credential(name, staff=staff):
        raise Invalid(field, "Names may not claim a professional title or credential.")
    key = skeleton(name)
    if db.session.scalar(sa.select(User.id).where(User.username_key == key)) is not None:
        raise Conflict("That username is taken, or looks too much like one that is.", code="username_taken")
    return name


def _check_email(email: str | None) -> str | None:
    email = (email or "").strip() or None
    if email and not EMAIL_RE.match(email):
        raise Invalid("email", "Enter a valid email address, or leave it empty.")
    return email


def registration_problems(*, username: str, password: str, email: str | None = None) -> list[DomainError]:
    """Everything `register` would refuse about these answers, all at once (one per field), so
    the form can show every error in one go. Fields left empty are the form's to report. Reads only."""
    checks = [lambda: _check_username(username) if username.strip() else None,
              lambda: check_password_strength(password, username=username.strip()) if password else None,
              lambda: _check_email(email)]
    problems = []
    for check in checks:
        try:
            check()
        except DomainError as err:
            problems.append(err)
    return problems


def register(*, username: str, password: str, email: str | None = None, role: Role = Role.PATIENT,
             terms_version: str | None = None, email_verified: bool = False) -> User:
    """Anyone may register a patient account; the CLI creates accounts of any role (and its
    `--email` counts as verified: `email_verified`). An unverified address gets a confirmation
    email (queued in this transaction). `terms_version`: the version of the pages the member
    accepted (recorded with the time). Commits."""
    username = _check_username(username, staff=role in {Role.MODERATOR, Role.ADMIN, Role.QUALITY})
    check_password_strength(password, username=username)
    user = User(
        username=username,
        username_key=skeleton(username),
        email=_check_email(email),
        password_hash=hash_password(password),
        role=role,
        terms_version=terms_version,
        terms_accepted_at=utcnow() if terms_version else None,
    )
    if user.email and email_verified:
        user.email_verified_at = utcnow()
    db.session.add(user)
    if user.email:
        db.session.flush()
        events.emit("user.email_changed", user=user)  # in this transaction: the confirmation email
    db.session.commit()
    return user


def authenticate(*, username: str, password: str) -> User | None:
    """The user for these credentials (rehashing an outdated hash), or None. Banned accounts
    cannot log in. Commits only when it rehashes."""
    user = db.session.scalar(sa.select(User).where(User.username_key == skeleton(username.strip())))
    if user is None or user.username.casefold() != username.strip().casefold():
        dummy_verify(password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if user.banned_at is not None:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def change_password(*, actor: User, current: str | None, new: str, reauthenticated: bool = False) -> None:
    """The member changes their own password (with the current one, or the hospital
    provider's confirmation: `reauthenticated`, auth/reauth.py), or sets a first one for an
    account made by hospital sign-in (only with that confirmation). Every session and socket
    is signed out (the caller signs this browser in again), and every API token ends."""
    was_set = actor.password_set
    via = require_identity(actor, current, reauthenticated=reauthenticated, field="current_password",
                           wrong="That is not your current password.")
    check_password_strength(new, username=actor.username)
    actor.password_hash = hash_password(new)
    actor.password_set = True
    end_all_sessions(actor, tokens=True)     # every session (this one signs in again) and API token
    record(actor=actor, action="auth.password_change" if was_set else "auth.password_set", target=actor,
           target_type="user", detail={"confirmed": via})
    events.emit("user.sessions_revoked", user_id=actor.id)
    db.session.commit()


@dataclass
class ProfileChange:
    display_name: str | None
    bio: str | None
    email: str | None
    public_condition_ids: set[int]
    feedback_consent: bool | None = None
    hide_presence: bool | None = None
    hide_from_directory: bool | None = None


def update_profile(*, actor: User, change: ProfileChange) -> User:
    """A member edits their own profile. Display names follow the imitation rules. Commits."""
    display = (change.display_name or "").strip() or None
    if display is not None:
        if len(display) > 50:
            raise Invalid("display_name", "Display names are at most 50 characters.")
        if claims_credential(display, staff=permissions.is_moderator(actor)) and not is_verified_clinician(actor):
            raise Invalid("display_name", "Only verified clinicians may show a professional title.")
        taken = db.session.scalar(sa.select(User.id).where(User.username_key == skeleton(display), User.id != actor.id))
        if taken is not None:
            raise Invalid("display_name", "That looks like another member's name. Please choose another.")
    bio = (change.bio or "").strip() or None
    if bio is not None and len(bio) > 1000:
        raise Invalid("bio", "Your bio can be at most 1,000 characters.")
    actor.display_name = display
    actor.bio = bio
    email = _check_email(change.email)
    email_changed = (email or "").casefold() != (actor.email or "").casefold()
    actor.email = email
    if email_changed:
        actor.email_verified_at = None
        events.emit("user.email_changed", user=actor)  # in this transaction: the confirmation email
    if change.feedback_consent is not None:
        actor.feedback_consent = change.feedback_consent
    if change.hide_from_directory is not None:
        actor.hide_from_directory = change.hide_from_directory
    if change.hide_presence is not None and change.hide_presence != actor.hide_presence:
        apply_hide_presence(actor=actor, hide=change.hide_presence)
    for m in db.session.scalars(sa.select(ConditionMember).where(ConditionMember.user_id == actor.id)):
        m.on_profile = m.condition_id in change.public_condition_ids
    db.session.commit()
    return actor


def apply_hide_presence(*, actor: User, hide: bool) -> None:
    """The one place the hide-presence choice is written (the profile form and the chat lobby).
    Does not commit; emits `user.presence_visibility` (the socket layer hears after the commit)."""
    actor.hide_presence = bool(hide)
    events.emit("user.presence_visibility", user_id=actor.id, hidden=bool(hide))


def delete_account(*, actor: User, password: str | None, delete_posts: bool, reauthenticated: bool = False) -> None:
    """The member deletes their account (confirmed with their password or the hospital
    provider: `reauthenticated`). Their identity goes; their posts stay as "former member"
    (author removed) unless they ask for them to be deleted too. Audited. Commits."""
    via = require_identity(actor, password, reauthenticated=reauthenticated)
    user_id = actor.id
    record(actor=None, action="account.delete", target_type="user", target_id=user_id,
           detail={"confirmed": via, "delete_posts": bool(delete_posts)})
    forum_services.detach_author(user_id=user_id, delete_posts=delete_posts)
    # Feedback, chat messages: each capability detaches or deletes what it holds, same session.
    events.emit("user.deleting", user_id=user_id, delete_content=delete_posts)
    events.emit("user.sessions_revoked", user_id=user_id)
    db.session.delete(actor)
    db.session.commit()


def set_role(*, actor: User | None, user: User, role: Role, reason: str = "", is_verifier: bool | None = None) -> User:
    """Admins (or the CLI, actor None) assign a role (and, for moderators, the verifier
    permission). Audited. Commits."""
    if actor is not None:
        permissions.require(permissions.can_assign_roles(actor))
    old = user.role
    user.role = role
    if is_verifier is not None:
        user.is_verifier = is_verifier and role in {Role.MODERATOR, Role.ADMIN}
    record(actor=actor, action="role.change", target=user,
           detail={"from": str(old), "to": str(role), "verifier": user.is_verifier}, reason=reason)
    db.session.commit()
    return user


def get_user(username: str) -> User:
    user = db.session.scalar(sa.select(User).where(User.username == username))
    if user is None:
        raise NotFound("No such member.")
    return user


def export_my_data(*, actor: User) -> dict[str, object]:
    """Everything Harbor holds about the member, for download (also while suspended)."""
    posts = db.session.execute(
        sa.select(Post, Thread.title).join(Thread, Thread.id == Post.thread_id).where(Post.author_id == actor.id).order_by(Post.id)
    ).all()
    memberships = db.session.scalars(sa.select(ConditionMember).where(ConditionMember.user_id == actor.id)).all()
    data: dict[str, object] = {
        "username": actor.username,
        "display_name": actor.display_name,
        "bio": actor.bio,
        "email": actor.email,
        "role": str(actor.role),
        "created_at": actor.created_at.isoformat(),
        "feedback_consent": actor.feedback_consent,
        "conditions": [{"condition": m.condition.slug, "shown_on_profile": m.on_profile} for m in memberships],
        "posts": [{"id": p.id, "thread": title, "status": str(p.status), "created_at": p.created_at.isoformat(), "body": p.body}
                  for p, title in posts],
    }
    # Chat messages, care feedback: each capability adds what it holds about the member.
    events.emit("user.exporting", user_id=actor.id, data=data)
    return data
