"""Confirming that an email address belongs to its member: a signed link (no table needed)
sent when an address is added or changed, and the use case that checks it.

The link carries the member's id and the address it was sent to, signed and time-limited
(EMAIL_VERIFY_DAYS): a link to an address the member has since changed proves nothing and
is refused."""
from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..auth.models import User
from ..db import utcnow
from ..errors import Invalid
from ..extensions import db
from . import services

SALT = "harbor-verify-email"
KIND = "verify_email"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def token_for(user: User) -> str:
    return str(_serializer().dumps({"u": user.id, "e": (user.email or "").casefold()}))


def queue_verification(user: User) -> None:
    """In the caller's transaction: a verification email to the member's current address."""
    if not user.email:
        return
    if user.id is None:
        db.session.flush()      # a new account: the link needs its id
    services.send_template(template="verify_email", to=user.email, subject="Confirm your email address for Harbor",
                           kind=KIND, user_id=user.id, unsubscribe=False, user=user,
                           url=services.absolute_url("mail.verify_email", token=token_for(user)),
                           days=current_app.config["EMAIL_VERIFY_DAYS"])


def on_email_changed(*, user: User) -> None:
    """Subscriber of `user.email_changed`, emitted by the account services inside their
    transaction when an address is set or changed: the new address is unconfirmed until
    the member follows the link."""
    if user.email and user.email_verified_at is None:
        queue_verification(user)


def verify_email(*, token: str) -> User:
    """Anyone holding the link (it was sent to the address) confirms it; no login needed, so
    it works from a phone's mail app. Commits. Raises Invalid for a malformed, expired or
    outdated link; nothing changes then."""
    max_age = int(current_app.config["EMAIL_VERIFY_DAYS"]) * 86400
    try:
        data = _serializer().loads(token, max_age=max_age)
        user_id, email = int(data["u"]), str(data["e"])
    except SignatureExpired:
        raise Invalid("token", "This confirmation link has expired. Log in and ask for a new one in your email settings.",
                      code="token_expired") from None
    except (BadSignature, KeyError, TypeError, ValueError):
        raise Invalid("token", "This confirmation link is not valid. Check that you copied all of it.",
                      code="token_invalid") from None
    user = db.session.get(User, user_id)
    if user is None or (user.email or "").casefold() != email:
        raise Invalid("token", "This link was for an address that is no longer on the account.", code="token_invalid")
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        db.session.commit()
    return user


def resend_verification(*, actor: User) -> bool:
    """The member asks for another confirmation email. False when there is nothing to confirm.
    Commits."""
    if not actor.email or actor.email_verified_at is not None:
        return False
    queue_verification(actor)
    db.session.commit()
    return True
