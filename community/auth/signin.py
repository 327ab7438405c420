"""Signing in, for the web form and the API's token route alike: the throttle, one password
hash whether or not the name exists, the second factor, and an audit entry for every sign-in
and every failure (the network, never the password or the name typed for an unknown account).

`check_password` is step one; `finish` records a sign-in. The web keeps a pending sign-in
between the two steps; the API passes the code with the password."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from .. import permissions
from ..errors import DomainError, NotAllowed
from ..extensions import db
from ..moderation.audit import record
from . import mfa, throttle
from .devices import network_of
from .models import User
from .passwords import dummy_verify, hash_password, needs_rehash, verify_password
from .usernames import skeleton


class BadCredentials(DomainError):
    """Wrong username or password."""

    status = 401
    code = "bad_credentials"


class MfaRequired(DomainError):
    """Enter the 6-digit code from your authenticator app."""

    status = 401
    code = "mfa_required"


@dataclass
class Attempt:
    username: str
    address: str | None
    via: str = "web"          # "web" or "api"
    device: str = ""
    known_account_id: int | None = None   # the account this browser signed in to before, if any


def _lookup(username: str) -> User | None:
    name = username.strip()
    user = db.session.scalar(sa.select(User).where(User.username_key == skeleton(name)))
    if user is None or user.username.casefold() != name.casefold():
        return None
    return user


def _fail(attempt: Attempt, user: User | None, reason: str, *, account_only: bool = False) -> None:
    throttle.record_failure(username=attempt.username, address=attempt.address, account_only=account_only)
    detail = {"via": attempt.via, "network": network_of(attempt.address), "reason": reason}
    if user is None:
        record(actor=None, action="auth.login_failed", target_type="user", detail={**detail, "account": "unknown"})
    else:
        record(actor=None, action="auth.login_failed", target=user, target_type="user", detail=detail)
    db.session.commit()


def check_password(attempt: Attempt, password: str) -> User:
    """Step one. Raises Throttled (429), or BadCredentials after one password hash either way
    (unknown name, wrong password, banned account look alike). Commits."""
    user = _lookup(attempt.username)
    throttle.check(username=attempt.username, address=attempt.address,
                   known_device=user is not None and user.id == attempt.known_account_id)
    if user is None:
        dummy_verify(password)
        _fail(attempt, None, "password")
        raise BadCredentials()
    if not verify_password(user.password_hash, password) or user.banned_at is not None:
        _fail(attempt, user, "password")
        raise BadCredentials()
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def check_second_factor(attempt: Attempt, user: User, code: str | None) -> str:
    """Step two, for an account with a second factor: raises MfaRequired when the code is
    missing or wrong (a wrong code counts against the account like a wrong password)."""
    throttle.check(username=attempt.username, address=attempt.address,
                   known_device=user.id == attempt.known_account_id)
    if not code:
        raise MfaRequired()
    kind = mfa.check_code(user=user, code=code)
    if kind is None:
        db.session.rollback()
        _fail(attempt, user, "second_factor", account_only=True)
        raise MfaRequired("That code is not right, or was already used. Enter the newest code.")
    return kind


def finish(attempt: Attempt, user: User, *, second_factor: str | None) -> None:
    """Record a successful sign-in (and forget the name's failures). Commits."""
    from .sessions import purge_expired

    throttle.clear(username=attempt.username)
    purge_expired()
    record(actor=user, action="auth.login", target=user, target_type="user",
           detail={"via": attempt.via, "network": network_of(attempt.address), "device": attempt.device,
                   "second_factor": second_factor})
    db.session.commit()


def sign_in_for_token(attempt: Attempt, password: str, otp: str | None) -> User:
    """The API's token route: password, then (for an account with a second factor) the code.
    Staff without one are refused (403 mfa_enrolment_required): they must enrol in the browser."""
    user = check_password(attempt, password)
    if permissions.mfa_enrolment_needed(user):
        raise NotAllowed("Set up two-step sign-in in the browser first (Settings → Two-step sign-in).",
                         code="mfa_enrolment_required")
    second = check_second_factor(attempt, user, otp) if permissions.has_mfa(user) else None
    finish(attempt, user, second_factor=second)
    return user


def history(*, actor: User, limit: int = 50) -> list[object]:
    """The member's own sign-ins and failed sign-ins, newest first."""
    from ..moderation.models import AuditEntry

    return list(db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.target_type == "user", AuditEntry.target_id == actor.id,
        AuditEntry.action.in_(["auth.login", "auth.login_failed"])).order_by(AuditEntry.id.desc()).limit(limit)))
