"""Confirming who you are for a sensitive action (deleting the account, changing or turning off
two-step sign-in, changing or setting the password): your Harbor password, or, for an account
linked to a hospital identity, a fresh sign-in at the hospital's provider ("Confirm with
<OIDC_BUTTON_LABEL>", auth/reauth_views.py).

A confirmation through the provider leaves a mark in the server-side session: whose account,
which identity, valid `OIDC_REAUTH_SECONDS`. It is given only when the provider's ID token names
an identity linked to the signed-in account and its `auth_time` is at most
`OIDC_REAUTH_MAX_AGE_SECONDS` old. A sensitive action takes the mark instead of a password and
spends it (`consume`): one mark, one action.

Accounts made by hospital sign-in have a random password nobody knows (`password_set` false):
for them only the provider's confirmation works, or, without a provider, a reset link
("Forgot your password?")."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app, session

from ..errors import DomainError, Invalid
from ..extensions import db
from . import oidc
from .models import ExternalIdentity, User
from .passwords import verify_password

MARK = "oidc_reauth"              # {"uid", "issuer", "subject", "until"}
PENDING = "oidc_reauth_pending"   # {"uid", "state", "next", "at"}: on the way to the provider
PENDING_SECONDS = 600
CLOCK_SKEW = 60                   # an auth_time this far in the future still counts as now


class Refused(DomainError):
    """The confirmation with the hospital's sign-in was not accepted."""

    status = 403
    code = "reauth_refused"

    def __init__(self, message: str, *, reason: str):
        super().__init__(message)
        self.reason = reason


def label() -> str:
    return str(current_app.config["OIDC_BUTTON_LABEL"])


def identities(user: User) -> list[ExternalIdentity]:
    """The user's identities at the configured provider (none while OIDC is off)."""
    if not oidc.configured() or getattr(user, "id", None) is None:
        return []
    return list(db.session.scalars(sa.select(ExternalIdentity).where(
        ExternalIdentity.user_id == user.id, ExternalIdentity.issuer == oidc.issuer())))


def available(user: User) -> bool:
    return bool(identities(user))


def _mark(user: User, linked: list[ExternalIdentity] | None = None) -> tuple[str, dict[str, Any] | None]:
    """("valid" | "expired" | "none", the mark); `linked`: the user's identities, when already read."""
    mark = session.get(MARK)
    if not isinstance(mark, dict) or mark.get("uid") != user.id:
        return "none", None
    if float(mark.get("until", 0)) <= time.time():
        return "expired", mark
    pairs = {(e.issuer, e.subject) for e in (identities(user) if linked is None else linked)}
    if (mark.get("issuer"), mark.get("subject")) not in pairs:
        return "none", None
    return "valid", mark


def seconds_left(user: User, linked: list[ExternalIdentity] | None = None) -> int:
    state, mark = _mark(user, linked)
    return max(0, int(float(mark["until"]) - time.time())) if state == "valid" and mark else 0


@dataclass
class Offer:
    """What a sensitive form shows: the password field (when the member has a password), the
    "Confirm with <label>" button (when the account is linked), whether a confirmation is
    waiting to be used, and, when neither way is open, the way to set a password by email."""

    password_set: bool
    provider: bool
    confirmed: bool
    label: str
    seconds: int

    @property
    def needs_reset(self) -> bool:
        return not self.password_set and not self.provider


def offer(user: User) -> Offer:
    linked = identities(user)           # read once for the button and the mark
    provider = bool(linked)
    left = seconds_left(user, linked) if provider else 0
    return Offer(password_set=bool(user.password_set), provider=provider, confirmed=left > 0, label=label(), seconds=left)


def no_password_message(user: User) -> str:
    if available(user):
        return (f"Your account has no Harbor password: confirm with {label()} (the button above), "
                "then try again.")
    return ("Your account has no Harbor password yet (it was made by hospital sign-in). Use “Forgot your password?” "
            "on the login page to set one by email.")


def confirmed(user: User, password: str | None, *, field: str = "password") -> bool:
    """Whether this request confirms with the provider's mark rather than a password: no
    password typed and a valid mark. Raises Invalid (on `field`) when no password was typed
    and the mark has expired. The caller spends the mark (`consume`) once the action is done."""
    if password:
        return False
    state, _ = _mark(user)
    if state == "valid":
        return True
    if state == "expired":
        session.pop(MARK, None)
        raise Invalid(field, f"Your confirmation with {label()} has expired (it lasts "
                             f"{int(current_app.config['OIDC_REAUTH_SECONDS']) // 60 or 1} min). Please confirm again.",
                      code="reauth_expired")
    return False


def consume() -> None:
    session.pop(MARK, None)


def require_identity(user: User, password: str | None, *, reauthenticated: bool, field: str = "password",
                     wrong: str = "That is not your password.") -> str:
    """The check a sensitive use case makes: the provider's confirmation (`reauthenticated`,
    from `confirmed`) or the member's password. Returns "provider" or "password" (for the
    audit log). Raises Invalid on `field`."""
    if reauthenticated:
        return "provider"
    if not user.password_set:
        raise Invalid(field, no_password_message(user), code="reauth_required")
    if not password:
        extra = f", or confirm with {label()}" if available(user) else ""
        raise Invalid(field, f"Enter your password{extra}.", code="reauth_required")
    if not verify_password(user.password_hash, password):
        raise Invalid(field, wrong)
    return "password"


# --- the round trip to the provider (auth/reauth_views.py) ---------------------------------

def wait_for(user: User, *, state: str, next_url: str) -> None:
    session[PENDING] = {"uid": user.id, "state": state, "next": next_url, "at": int(time.time())}


def pending(state: str | None) -> dict[str, Any] | None:
    """The confirmation this callback's `state` belongs to, if it is one."""
    found = session.get(PENDING)
    if not state or not isinstance(found, dict) or found.get("state") != state:
        return None
    return found


def accept(user: User, identity: oidc.Identity) -> None:
    """Put the mark in the session when `identity` is one of the user's and its sign-in is
    fresh. Raises Refused."""
    linked = {(e.issuer, e.subject) for e in identities(user)}
    if (identity.issuer, identity.subject) not in linked:
        raise Refused(f"That is not the {label()} account linked to your Harbor account. Confirm with your own "
                      f"{label()} account.", reason="other_identity")
    auth_time = identity.claims.get("auth_time")
    if isinstance(auth_time, bool) or not isinstance(auth_time, (int, float)):
        raise Refused(f"{label()} did not say when you signed in, so Harbor can't accept it as a confirmation.",
                      reason="no_auth_time")
    age = time.time() - float(auth_time)
    if age > int(current_app.config["OIDC_REAUTH_MAX_AGE_SECONDS"]) or age < -CLOCK_SKEW:
        raise Refused(f"That sign-in at {label()} was not a fresh one. Please confirm again and enter your password "
                      "there.", reason="stale_auth_time")
    session[MARK] = {"uid": user.id, "issuer": identity.issuer, "subject": identity.subject,
                     "until": time.time() + int(current_app.config["OIDC_REAUTH_SECONDS"])}


def forget() -> None:
    """At logout: no mark, nothing waiting."""
    session.pop(MARK, None)
    session.pop(PENDING, None)
