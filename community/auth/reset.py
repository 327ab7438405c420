"""Password reset by email: a member who forgot their password asks for a link (by username
or email), and the link's token sets a new one.

- Asking gives the same answer, in about the same time, whether or not the account exists.
- Tokens are random, stored only as a SHA-256 digest, valid PASSWORD_RESET_HOURS (one hour)
  and once; a new password ends every session, socket and API token of the account.
- An account gets at most RESETS_PER_HOUR emails an hour, whoever asks (the routes are also
  rate limited per address)."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Mapped, mapped_column

from .. import events
from ..db import utcnow
from ..errors import Invalid
from ..extensions import db
from ..moderation.audit import record
from .models import User
from .passwords import hash_password
from .services import EMAIL_RE, check_password_strength
from .sessions import end_all_sessions
from .usernames import skeleton

RESETS_PER_HOUR = 3
TOKEN_MAX = 128


class PasswordReset(db.Model):
    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _accounts_for(login: str) -> list[User]:
    login = login.strip()
    if not login or len(login) > 254:
        return []
    if "@" in login and EMAIL_RE.match(login):
        return list(db.session.scalars(sa.select(User).where(sa.func.lower(User.email) == login.casefold(),
                                                              User.banned_at.is_(None))))
    user = db.session.scalar(sa.select(User).where(User.username_key == skeleton(login), User.banned_at.is_(None)))
    return [user] if user is not None and user.username.casefold() == login.casefold() else []


def request_reset(*, login: str) -> None:
    """Anyone may ask. Each matching account that has an email gets a reset link (unless it
    had RESETS_PER_HOUR already this hour); nothing tells the caller whether one existed.
    Commits, and takes at least PASSWORD_RESET_MIN_SECONDS either way, so the time taken
    does not tell either."""
    started = time.monotonic()
    now = utcnow()
    hours = float(current_app.config["PASSWORD_RESET_HOURS"])
    for user in _accounts_for(login or ""):
        if not user.email:
            continue
        recent = db.session.scalar(sa.select(sa.func.count(PasswordReset.id)).where(
            PasswordReset.user_id == user.id, PasswordReset.created_at > now - dt.timedelta(hours=1)))
        if recent >= RESETS_PER_HOUR:
            continue
        token = secrets.token_urlsafe(32)
        db.session.add(PasswordReset(user_id=user.id, token_hash=_digest(token), expires_at=now + dt.timedelta(hours=hours)))
        from ..mail import services as mail

        mail.send_template(template="password_reset", to=user.email, subject="Reset your Harbor password",
                           kind="password_reset", user_id=user.id, unsubscribe=False, user=user,
                           url=mail.absolute_url("auth_reset.reset_page", token=token), hours=hours)
    db.session.commit()
    pause = float(current_app.config["PASSWORD_RESET_MIN_SECONDS"]) - (time.monotonic() - started)
    if pause > 0:
        time.sleep(pause)       # cooperative under gevent


def _usable(token: str) -> PasswordReset:
    token = (token or "").strip()
    if not token or len(token) > TOKEN_MAX:
        raise Invalid("token", "This reset link is not valid. Check that you copied all of it, or ask for a new one.",
                      code="token_invalid")
    row = db.session.scalar(sa.select(PasswordReset).where(PasswordReset.token_hash == _digest(token)))
    if row is None:
        raise Invalid("token", "This reset link is not valid. Check that you copied all of it, or ask for a new one.",
                      code="token_invalid")
    if row.used_at is not None:
        raise Invalid("token", "This reset link has already been used. Ask for a new one if you need to.", code="token_used")
    if row.expires_at <= utcnow():
        raise Invalid("token", "This reset link has expired (links work for one hour). Ask for a new one.",
                      code="token_expired")
    return row


def check_token(*, token: str) -> None:
    """Raise Invalid when the token cannot be used (the page says so before asking for a password)."""
    _usable(token)
    db.session.rollback()


def confirm_reset(*, token: str, password: str) -> User:
    """The holder of a valid token sets the account's new password. The token (and every
    other outstanding one of the account) is spent, every session and API token ends, the
    address counts as confirmed (the link reached it), and the member is told by email.
    Audited. Commits. A bad token or a weak password changes nothing."""
    row = _usable(token)
    user = db.session.get(User, row.user_id)
    assert user is not None
    check_password_strength(password, username=user.username)
    now = utcnow()
    # Spend the token first, conditionally: of two requests racing with one token, one wins.
    spent = db.session.execute(sa.update(PasswordReset).where(PasswordReset.id == row.id, PasswordReset.used_at.is_(None))
                               .values(used_at=now).execution_options(synchronize_session=False)).rowcount
    if spent != 1:
        db.session.rollback()
        raise Invalid("token", "This reset link has already been used. Ask for a new one if you need to.", code="token_used")
    db.session.execute(sa.update(PasswordReset).where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
                       .values(used_at=now).execution_options(synchronize_session=False))
    user.password_hash = hash_password(password)
    user.password_set = True
    end_all_sessions(user, tokens=True)   # every server-side session, socket and API token
    record(actor=user, action="password.reset", target=user)
    if user.email:
        from ..mail import services as mail

        mail.send_template(template="password_changed", to=user.email, subject="Your Harbor password was changed",
                           kind="password_changed", user_id=user.id, unsubscribe=False, user=user,
                           forgot_url=mail.absolute_url("auth_reset.forgot_page"))
    events.emit("user.sessions_revoked", user_id=user.id)
    db.session.commit()
    return user
