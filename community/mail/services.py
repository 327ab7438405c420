"""The mail capability's public face for every other capability.

- `queue_email(...)` is the one entry point: it adds a row to the outbox in the caller's
  transaction (the caller commits), so a use case that rolls back sends nothing and one that
  commits never loses its email. Nothing is sent here: the worker or `mail send` does that.
- `queue_bulk(...)` queues one email to many members in one statement (announcements).
- `send_template(...)` renders `templates/mail/<name>.txt` and `.html` and queues them.
- `can_email(user)` / `verified_email(user)`: may we email this member community email?
- The member's one preference (off / immediately / daily / weekly) is `preferences.py`;
  the one-click unsubscribe sets it to off.
- `absolute_url(endpoint, **values)`: links in emails, built from BASE_URL."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import sqlalchemy as sa
from flask import current_app, render_template
from itsdangerous import BadSignature, URLSafeSerializer

from ..auth.models import User
from ..extensions import db
from . import preferences
from .models import OutboxMail

UNSUBSCRIBE_SALT = "harbor-unsubscribe"
OFF = "off"
UNSUBSCRIBE_PLACEHOLDER = "@@HARBOR_UNSUBSCRIBE_URL@@"
# What the unsubscribe page calls the email a link came in (the link's kind); all of it stops.
LABELS = {"digest": "notification", "notification": "notification", "announcement": "announcement",
          "feedback_alert": "feedback alert"}


# --- queueing ------------------------------------------------------------------------------

def _one_line(value: str, limit: int) -> str:
    return " ".join(str(value).split())[:limit]


def _scope_of(kind: str, unsubscribe: bool | str) -> str | None:
    """The kind a community email's unsubscribe link names (for its page's wording), or None
    for email about the account itself."""
    if unsubscribe is False or unsubscribe is None:
        return None
    return kind if unsubscribe is True else str(unsubscribe)


def queue_email(*, to: str, subject: str, text: str, html: str | None = None, kind: str,
                user_id: int | None = None, unsubscribe: bool | str = True) -> OutboxMail | None:
    """Add one email to the outbox, in the caller's transaction (the caller commits).

    `unsubscribe=False` is for email about the account itself (password reset, address
    verification, security notices): it goes to `to` as given. Anything else is about the
    community: it needs `user_id`, goes only to that member's verified address, carries the
    RFC 8058 one-click unsubscribe headers, and is not queued at all when the member has
    turned email off. Returns the row, or None when nothing was queued."""
    to = (to or "").strip()
    if not to or any(c in to for c in "\r\n,;<>") or "@" not in to:
        raise ValueError(f"not a single email address: {to!r}")
    scope = _scope_of(kind, unsubscribe)
    headers: dict[str, str] = {}
    if scope is not None:
        if user_id is None:
            raise ValueError("an email with an unsubscribe link needs the member's user_id")
        user = db.session.get(User, user_id)
        if user is None or not can_email(user) or (user.email or "").strip().casefold() != to.casefold():
            return None
        headers = unsubscribe_headers(user_id, scope)
    row = OutboxMail(kind=kind[:40], user_id=user_id, to_addr=to, subject=_one_line(subject, 200), text=text,
                     html=html, headers=headers)
    db.session.add(row)
    from . import worker

    worker.wake_after_commit(db.session())
    return row


def send_template(*, template: str, to: str, subject: str, kind: str, user_id: int | None = None,
                  unsubscribe: bool | str = True, **context: Any) -> OutboxMail | None:
    """Render `mail/<template>.txt` and `mail/<template>.html` and queue them (see
    `queue_email`). The templates get `link(endpoint, **values)`, `base_url`, `subject` and,
    for community email, `unsubscribe_url`."""
    scope = _scope_of(kind, unsubscribe)
    if scope is not None and user_id is not None:
        user = db.session.get(User, user_id)
        if user is None or not can_email(user):
            return None            # decided before rendering anything
    ctx = {**context, "subject": subject, "link": absolute_url, "base_url": base_url(),
           "unsubscribe_url": unsubscribe_url(user_id, scope) if scope is not None and user_id is not None else None}
    text = render_template(f"mail/{template}.txt", **ctx)
    html = render_template(f"mail/{template}.html", **ctx)
    return queue_email(to=to, subject=subject, text=text, html=html, kind=kind, user_id=user_id, unsubscribe=unsubscribe)


def queue_bulk(*, recipients: Any, subject: str, text: str, html: str | None, kind: str) -> int:
    """Queue one community email to every member `recipients` selects (a select of user ids),
    in the caller's transaction: only members with a confirmed address, not banned, who have
    not turned email off. `text` and `html` may hold UNSUBSCRIBE_PLACEHOLDER where each
    member's own unsubscribe link goes. One SELECT and one multi-row INSERT, whatever the
    number of members. Returns how many were queued."""
    ids = recipients.subquery("recipients")
    u = User.__table__.c
    rows = db.session.execute(sa.select(u.id, u.email).where(
        u.id.in_(sa.select(ids.c[0])), u.email.is_not(None), u.email_verified_at.is_not(None), u.banned_at.is_(None),
        preferences.not_off(u.id)).order_by(u.id)).all()
    if not rows:
        return 0
    subject = _one_line(subject, 200)
    values = []
    for user_id, email in rows:
        to = (email or "").strip()
        if not to or any(c in to for c in "\r\n,;<>") or "@" not in to:
            continue
        headers = unsubscribe_headers(user_id, kind)
        link = headers["List-Unsubscribe"].split(">", 1)[0].lstrip("<")
        values.append({"kind": kind[:40], "user_id": user_id, "to_addr": to, "subject": subject,
                       "text": text.replace(UNSUBSCRIBE_PLACEHOLDER, link),
                       "html": html.replace(UNSUBSCRIBE_PLACEHOLDER, link) if html is not None else None,
                       "headers": headers})
    if values:
        db.session.execute(sa.insert(OutboxMail), values)
        from . import worker

        worker.wake_after_commit(db.session())
    return len(values)


def render_bulk(template: str, *, subject: str, **context: Any) -> tuple[str, str]:
    """Render `mail/<template>.txt` and `.html` once for `queue_bulk` (the unsubscribe link as
    the placeholder each member's own replaces)."""
    ctx = {**context, "subject": subject, "link": absolute_url, "base_url": base_url(),
           "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER}
    return render_template(f"mail/{template}.txt", **ctx), render_template(f"mail/{template}.html", **ctx)


# --- links ---------------------------------------------------------------------------------

def base_url() -> str:
    return str(current_app.config["BASE_URL"]).rstrip("/")


def absolute_url(endpoint: str, **values: Any) -> str:
    """An absolute link for an email: BASE_URL's scheme, host and path prefix, inside a request
    or not (the worker, the CLI)."""
    base = urlsplit(base_url())
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


# --- unsubscribe ---------------------------------------------------------------------------

def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user_id: int, scope: str) -> str:
    return str(_serializer().dumps({"u": user_id, "s": scope}))


def unsubscribe_url(user_id: int | None, scope: str | None) -> str | None:
    if user_id is None or scope is None:
        return None
    return absolute_url("mail.unsubscribe", token=unsubscribe_token(user_id, scope))


def unsubscribe_headers(user_id: int, scope: str) -> dict[str, str]:
    """RFC 2369 List-Unsubscribe (https, and mailto when MAIL_UNSUBSCRIBE_MAILTO is set) and
    RFC 8058 List-Unsubscribe-Post, so mail clients can offer a one-click unsubscribe."""
    token = unsubscribe_token(user_id, scope)
    links = [f"<{absolute_url('mail.unsubscribe', token=token)}>"]
    mailto = current_app.config.get("MAIL_UNSUBSCRIBE_MAILTO")
    if mailto:
        links.append(f"<mailto:{mailto}?subject={quote('unsubscribe ' + token)}>")
    return {"List-Unsubscribe": ", ".join(links), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


@dataclass(frozen=True)
class Unsubscription:
    user: User
    scope: str
    label: str


def read_unsubscribe_token(token: str) -> Unsubscription | None:
    """The member an unsubscribe link is for (and the kind of email it came in), or None for
    a link that is not ours (or whose member is gone)."""
    try:
        data = _serializer().loads(token)
        user_id, scope = int(data["u"]), str(data["s"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    user = db.session.get(User, user_id)
    if user is None:
        return None
    return Unsubscription(user, scope, LABELS.get(scope, "community"))


def unsubscribe(*, token: str) -> Unsubscription | None:
    """Anyone holding the link (it works without logging in, as RFC 8058 asks) turns the
    member's email preference off: no more community email of any kind. Idempotent. Commits."""
    found = read_unsubscribe_token(token)
    if found is None:
        return None
    preferences.turn_off(found.user.id)
    db.session.commit()
    return found


# --- who may be emailed ----------------------------------------------------------------------

def verified_email(user: User | None) -> str | None:
    """The member's address if they have confirmed it is theirs, else None."""
    if user is None or not user.email or user.email_verified_at is None:
        return None
    return user.email


def can_email(user: User | None, scope: str | None = None) -> bool:
    """May Harbor send this member community email? Needs a verified address, an account that
    is not banned, and email not turned off. (`scope` is accepted for older callers: there is
    one preference for every kind.)"""
    if verified_email(user) is None or user is None or user.banned_at is not None:
        return False
    return not preferences.is_off(user)


def mark_verified(user: User, when: dt.datetime | None = None) -> None:
    """In the caller's transaction: the member's current address counts as confirmed."""
    from ..db import utcnow

    user.email_verified_at = when or utcnow()
