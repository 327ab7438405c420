"""The TOTP second factor (RFC 6238: 6 digits, 30 s, SHA-1) and its recovery codes.

Required for staff and clinician verifiers (permissions.requires_mfa), optional for everyone
else. A member enrols by scanning a QR code (drawn here as SVG, no remote service) or typing
the secret, then confirming with a code; they get ten single-use recovery codes, of which only
SHA-256 digests are kept. A code is accepted once: the time step it was for is remembered, and
no code of that step or an earlier one is accepted again. Every change is audited."""
from __future__ import annotations

import base64
import hashlib
import hmac
import io
import re
import secrets
import time
from dataclasses import dataclass

import pyotp
import segno
import sqlalchemy as sa
from flask import current_app

from .. import events, permissions
from ..db import utcnow
from ..errors import Invalid
from ..extensions import db
from ..moderation.audit import record
from .models import RecoveryCode, User
from .reauth import require_identity
from .sessions import end_all_sessions

RECOVERY_CODES = 10
STEP = 30


@dataclass
class Enrolment:
    secret: str
    uri: str
    qr_svg_data_uri: str


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _normal_recovery(code: str) -> str:
    return re.sub(r"[^0-9a-f]", "", code.lower())


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=current_app.config["MFA_ISSUER"])


def qr_data_uri(uri: str) -> str:
    buf = io.BytesIO()
    segno.make(uri, error="m").save(buf, kind="svg", scale=5, border=2, xmldecl=False, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


def start_enrolment(*, actor: User) -> Enrolment:
    """A new secret to show (not stored until it is confirmed with a code)."""
    secret = pyotp.random_base32()
    uri = provisioning_uri(actor, secret)
    return Enrolment(secret=secret, uri=uri, qr_svg_data_uri=qr_data_uri(uri))


def _step_for(secret: str, code: str, after: int | None) -> int | None:
    """The time step (now, or one either side for clock drift) whose code this is, if any
    later than `after`."""
    code = re.sub(r"\s", "", code or "")
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    now = int(time.time()) // STEP
    for step in (now - 1, now, now + 1):
        if (after is None or step > after) and hmac.compare_digest(totp.at(step * STEP), code):
            return step
    return None


def _new_codes(user: User) -> list[str]:
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = ["-".join(secrets.token_hex(2) for _ in range(4)) for _ in range(RECOVERY_CODES)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_digest(_normal_recovery(c))) for c in codes)
    return codes


def confirm_enrolment(*, actor: User, secret: str, code: str, password: str | None = None,
                      reauthenticated: bool = False) -> list[str]:
    """Turn on (or replace) the actor's second factor once a code from the new secret checks
    out. Replacing one needs the password or the hospital provider's confirmation
    (`reauthenticated`, auth/reauth.py). Returns the recovery codes, shown once. Commits."""
    again = permissions.has_mfa(actor)
    via = require_identity(actor, password, reauthenticated=reauthenticated) if again else None
    if not re.fullmatch(r"[A-Z2-7]{16,64}", secret or ""):
        raise Invalid("code", "The enrolment expired: start again.")
    step = _step_for(secret, code, None)
    if step is None:
        raise Invalid("code", "That code does not match. Check the time on your phone and try the newest code.")
    actor.totp_secret, actor.totp_enabled_at, actor.totp_last_step = secret, utcnow(), step
    codes = _new_codes(actor)
    record(actor=actor, action="mfa.reenrol" if again else "mfa.enrol", target=actor, target_type="user",
           detail={"confirmed": via} if via else None)
    db.session.commit()
    return codes


def enrol_directly(*, user: User) -> tuple[str, list[str]]:
    """The `users mfa` command and the demo: enrol with a new secret. Returns the otpauth URI
    and the recovery codes. Audited (actor: system). Commits."""
    secret = pyotp.random_base32()
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = secret, utcnow(), None
    codes = _new_codes(user)
    record(actor=None, action="mfa.enrol", target=user, target_type="user", detail={"via": "cli"})
    db.session.commit()
    return provisioning_uri(user, secret), codes


def check_code(*, user: User, code: str) -> str | None:
    """Accept a TOTP code or an unused recovery code for the user, once. Returns "totp" or
    "recovery", or None. Adds to the caller's transaction (which must commit)."""
    if not permissions.has_mfa(user):
        return None
    step = _step_for(user.totp_secret or "", code, user.totp_last_step)
    if step is not None:
        # Conditional, so two requests racing with one code cannot both pass.
        done = db.session.execute(sa.update(User).where(
            User.id == user.id, sa.or_(User.totp_last_step.is_(None), User.totp_last_step < step))
            .values(totp_last_step=step).execution_options(synchronize_session=False))
        if done.rowcount:  # type: ignore[attr-defined]
            user.totp_last_step = step
            return "totp"
        return None
    normal = _normal_recovery(code or "")
    if len(normal) != 16:
        return None
    used = db.session.execute(sa.update(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _digest(normal), RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow()).execution_options(synchronize_session=False))
    if used.rowcount:  # type: ignore[attr-defined]
        record(actor=user, action="mfa.recovery_code_used", target=user, target_type="user")
        return "recovery"
    return None


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(sa.select(sa.func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def _clear(user: User) -> None:
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = None, None, None
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def disable(*, actor: User, password: str | None, reauthenticated: bool = False) -> None:
    """A member for whom the second factor is optional turns it off (with the password or the
    hospital provider's confirmation). Commits."""
    permissions.require(permissions.can_disable_mfa(actor), "Staff accounts must keep a second factor.")
    via = require_identity(actor, password, reauthenticated=reauthenticated)
    _clear(actor)
    record(actor=actor, action="mfa.disable", target=actor, target_type="user", detail={"confirmed": via})
    db.session.commit()


def reset(*, actor: User, user: User, reason: str = "") -> None:
    """An admin clears another member's second factor (a lost phone): the member is signed out
    everywhere and, if staff, must enrol again at their next sign-in. Audited. Commits."""
    permissions.require(permissions.can_reset_mfa(actor, user))
    _clear(user)
    end_all_sessions(user, tokens=True)
    record(actor=actor, action="mfa.reset", target=user, target_type="user", reason=reason)
    events.emit("user.sessions_revoked", user_id=user.id)   # delivered once this commits
    db.session.commit()
