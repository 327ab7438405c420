"""Hospital sign-in, the accounts half: which Harbor account an OpenID identity signs in.

- A known identity (issuer + subject in `external_identities`) signs in its account.
- An unknown one whose provider vouches for an email (`email_verified`) that a Harbor account
  has also verified is *not* linked on that word alone: the member must enter that account's
  password once (`link`), so a provider account that merely claims an address takes nothing over.
- Otherwise, once the member accepts the Terms, Privacy notice and guidelines and confirms their
  age (as at registration), a new account is made: a neutral generated username for patients (their hospital
  login or name would tell who they are), the provider's `preferred_username` for staff when it
  is a valid, free Harbor name; the email only when verified; an unusable random password
  (`password_set` false: auth/reauth.py).

Roles come from `OIDC_ROLE_CLAIM` through `OIDC_ROLE_MAP` on every sign-in (audited when they
change). Only a mapped value gives a role: a claim saying "admin" gives nothing unless the map
says so. When the claims stop mapping to a role, a role an earlier sign-in gave is taken back;
one an admin set in Harbor stays. With `OIDC_PATIENTS` off, only accounts whose role is staff
or clinician may use hospital sign-in."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app

from ..db import utcnow
from ..errors import DomainError
from ..extensions import db
from ..moderation.audit import record
from .models import ExternalIdentity, Role, User
from .oidc import Identity, OidcFailed
from .passwords import hash_password
from .usernames import MAX_LEN, skeleton

# When the claims map to several roles, the first of these wins.
PRECEDENCE = [Role.ADMIN, Role.MODERATOR, Role.QUALITY, Role.CLINICIAN, Role.PATIENT]
STAFF_NAMES = {Role.ADMIN, Role.MODERATOR, Role.QUALITY, Role.CLINICIAN}


def role_map() -> dict[str, Role]:
    """OIDC_ROLE_MAP with unknown role names left out (a typo never grants anything)."""
    out: dict[str, Role] = {}
    for value, name in dict(current_app.config.get("OIDC_ROLE_MAP") or {}).items():
        try:
            out[str(value)] = Role(str(name).lower())
        except ValueError:
            current_app.logger.warning("OIDC_ROLE_MAP: %r is not a Harbor role; ignored", name)
    return out


def mapped_role(claims: dict[str, Any]) -> Role | None:
    raw = claims.get(current_app.config["OIDC_ROLE_CLAIM"])
    values = [raw] if isinstance(raw, str) else [v for v in raw if isinstance(v, str)] if isinstance(raw, list) else []
    mapping = role_map()
    found = {mapping[v] for v in values if v in mapping}
    return next((r for r in PRECEDENCE if r in found), None)


@dataclass
class Resolved:
    """Which account: `user` (known), `link_to` (a local account with the same verified email:
    its password first), or neither (a new account, once the member accepts the terms: `create`)."""

    user: User | None = None
    link_to: User | None = None
    role: Role | None = None


def _refuse_patients(role: Role) -> None:
    if role not in STAFF_NAMES and not current_app.config["OIDC_PATIENTS"]:
        raise OidcFailed("Hospital sign-in is for hospital staff. Please log in with your Harbor username and password.",
                         reason="not_staff", status=403)


def find(identity: Identity) -> ExternalIdentity | None:
    return db.session.scalar(sa.select(ExternalIdentity).where(
        ExternalIdentity.issuer == identity.issuer, ExternalIdentity.subject == identity.subject))


def _usable(user: User) -> User:
    if user.banned_at is not None:
        raise OidcFailed("This account can't sign in.", reason="banned", status=403)
    return user


def resolve(identity: Identity) -> Resolved:
    """Which account the identity signs in, or may link to, or whether it needs a new one.
    Raises OidcFailed."""
    role = mapped_role(identity.claims)
    known = find(identity)
    if known is not None:
        user = _usable(db.session.get(User, known.user_id))  # type: ignore[arg-type]
        apply_role(user, known, role)    # a role the hospital took back goes even if this sign-in is refused
        db.session.commit()
        _refuse_patients(user.role)
        return Resolved(user=user, role=role)
    _refuse_patients(role or Role.PATIENT)
    email = identity.verified_email
    if email:
        local = db.session.scalar(sa.select(User).where(
            sa.func.lower(User.email) == email.lower(), User.email_verified_at.is_not(None)).limit(1))
        if local is not None:
            return Resolved(link_to=_usable(local), role=role)
    return Resolved(role=role)


def _candidate_names(identity: Identity, role: Role | None) -> list[str]:
    names: list[str] = []
    preferred = identity.claims.get("preferred_username")
    if role in STAFF_NAMES and isinstance(preferred, str):
        cleaned = "".join(ch for ch in preferred.split("@")[0] if ch.isascii() and (ch.isalnum() or ch in "._-"))
        cleaned = cleaned.strip("._-")[:MAX_LEN].strip("._-")
        if cleaned:
            names += [cleaned] + [f"{cleaned[:MAX_LEN - 3]}-{n}" for n in range(2, 10)]
    return names + [f"member-{secrets.randbelow(10**6):06d}" for _ in range(20)]


def _free_username(identity: Identity, role: Role | None) -> str:
    from .services import _check_username

    for name in _candidate_names(identity, role):
        try:
            return _check_username(name, staff=role in STAFF_NAMES)
        except DomainError:
            continue
    raise OidcFailed("Harbor could not choose a username for you. Please try again.", reason="no_username", status=500)


def create(identity: Identity, role: Role | None, *, terms_version: str) -> User:
    """A new account for an identity no account has yet, whose member accepted the pages of
    `terms_version` (recorded, as at registration). Commits."""
    from .services import EMAIL_RE

    if find(identity) is not None:
        raise OidcFailed("That hospital account already has a Harbor account. Please sign in again.",
                         reason="already_linked", status=409)

    email = identity.verified_email
    email = email if email and len(email) <= 254 and EMAIL_RE.match(email) else None
    user = User(username=(name := _free_username(identity, role)), username_key=skeleton(name), email=email,
                email_verified_at=utcnow() if email else None,
                password_hash=hash_password(secrets.token_urlsafe(32)),   # no one knows it: sign-in is the hospital's
                password_set=False,
                role=Role.PATIENT, terms_version=terms_version, terms_accepted_at=utcnow())
    db.session.add(user)
    db.session.flush()
    ext = ExternalIdentity(issuer=identity.issuer, subject=identity.subject, user_id=user.id)
    db.session.add(ext)
    record(actor=None, action="auth.oidc_account_created", target=user, target_type="user",
           detail={"issuer": identity.issuer})
    apply_role(user, ext, role)
    db.session.commit()
    return user


def link(identity: Identity, user: User, role: Role | None) -> None:
    """Link the identity to `user` (whose password the caller has checked). Commits."""
    if find(identity) is not None:
        raise OidcFailed("That hospital account is already linked to a Harbor account.", reason="already_linked", status=409)
    ext = ExternalIdentity(issuer=identity.issuer, subject=identity.subject, user_id=user.id)
    db.session.add(ext)
    record(actor=user, action="auth.oidc_linked", target=user, target_type="user", detail={"issuer": identity.issuer})
    apply_role(user, ext, role)
    db.session.commit()


def _role_after(user: User, ext: ExternalIdentity, role: Role | None) -> Role:
    if role is not None:
        return role
    if ext.granted_role is not None and user.role == ext.granted_role:
        return Role.PATIENT
    return user.role


def apply_role(user: User, ext: ExternalIdentity, role: Role | None) -> None:
    """The role the claims give (see the module's notes), audited when it changes. Adds to the
    caller's transaction."""
    new = _role_after(user, ext, role)
    if new != user.role:
        old = user.role
        user.role = new
        if new not in {Role.MODERATOR, Role.ADMIN}:
            user.is_verifier = False
        record(actor=None, action="role.change", target=user, target_type="user",
               detail={"from": str(old), "to": str(new), "verifier": user.is_verifier, "via": "oidc"})
    ext.granted_role = role


def signed_in(identity: Identity, user: User, role: Role | None) -> None:
    """Apply the claims' role and note the sign-in on the identity row. Commits."""
    ext = find(identity)
    if ext is None or ext.user_id != user.id:
        raise OidcFailed(reason="not_linked", status=409)
    apply_role(user, ext, role)
    ext.last_login_at = utcnow()
    db.session.commit()
