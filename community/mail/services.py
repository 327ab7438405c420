"""The mail capability's public face for every other capability.

- `queue_email(...)` is the one entry point: it adds a row to the outbox in the caller's
  transaction (the caller commits), so a use case that rolls back sends nothing and one that
  commits never loses its email. Nothing is sent here: the worker or `mail send` does that.
- `send_template(...)` renders `templates/mail/<name>.txt` and `.html` and queues them.
- `can_email(user, scope)` / `verified_email(user)`: may we email this member (about this)?
- `email_setting` / `set_email_setting`: the per-member preference per scope; "off" is what
  an unsubscribe stores. Scopes are registered by the capability that sends them
  (`register_scope`), with the default a member has before choosing.
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
from .models import EmailPreference, OutboxMail

UNSUBSCRIBE_SALT = "harbor-unsubscribe"
OFF = "off"


@dataclass(frozen=True)
class Scope:
    name: str
    label: str
    default: str = "on"
    # (value, label) choices the settings page offers instead of an on/off box, "off" among
    # them: e.g. (("off", "Never"), ("immediately", "When I am away"), ("daily", "Daily digest")).
    levels: tuple[tuple[str, str], ...] = ()

    def accepts(self, setting: str) -> bool:
        return setting in {v for v, _ in self.levels} if self.levels else setting in {"on", OFF}


# Scopes a member can unsubscribe from, with the label the settings page shows. The
# notifications capability registers its own ("notifications", with its levels).
SCOPES: dict[str, Scope] = {}


def register_scope(name: str, label: str, *, default: str = "on", levels: tuple[tuple[str, str], ...] = ()) -> None:
    """Called by a capability's init_app for each family of community email it sends."""
    SCOPES[name] = Scope(name, label, default, tuple(levels))


# --- queueing ------------------------------------------------------------------------------

def _one_line(value: str, limit: int) -> str:
    return " ".join(str(value).split())[:limit]


def _scope_of(kind: str, unsubscribe: bool | str) -> str | None:
    if unsubscribe is False or unsubscribe is None:
        return None
    return kind if unsubscribe is True else str(unsubscribe)


def queue_email(*, to: str, subject: str, text: str, html: str | None = None, kind: str,
                user_id: int | None = None, unsubscribe: bool | str = True) -> OutboxMail | None:
    """Add one email to the outbox, in the caller's transaction (the caller commits).

    `unsubscribe=False` is for email about the account itself (password reset, address
    verification, security notices): it goes to `to` as given. Anything else (`True`: the
    scope is `kind`; or a scope name) is about the community: it needs `user_id`, goes only to
    that member's verified address, carries the RFC 8058 one-click unsubscribe headers, and is
    not queued at all when the member has turned the scope off. Returns the row, or None when
    nothing was queued."""
    to = (to or "").strip()
    if not to or any(c in to for c in "\r\n,;<>") or "@" not in to:
        raise ValueError(f"not a single email address: {to!r}")
    scope = _scope_of(kind, unsubscribe)
    headers: dict[str, str] = {}
    if scope is not None:
        if user_id is None:
            raise ValueError("an email with an unsubscribe link needs the member's user_id")
        user = db.session.get(User, user_id)
        if user is None or not can_email(user, scope) or (user.email or "").strip().casefold() != to.casefold():
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
        if user is None or not can_email(user, scope):
            return None            # decided before rendering anything
    ctx = {**context, "subject": subject, "link": absolute_url, "base_url": base_url(),
           "unsubscribe_url": unsubscribe_url(user_id, scope) if scope is not None and user_id is not None else None}
    text = render_template(f"mail/{template}.txt", **ctx)
    html = render_template(f"mail/{template}.html", **ctx)
    return queue_email(to=to, subject=subject, text=text, html=html, kind=kind, user_id=user_id, unsubscribe=unsubscribe)


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
    """The member and scope an unsubscribe link is for, or None for a link that is not ours
    (or whose member is gone)."""
    try:
        data = _serializer().loads(token)
        user_id, scope = int(data["u"]), str(data["s"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    user = db.session.get(User, user_id)
    if user is None:
        return None
    known = SCOPES.get(scope)
    return Unsubscription(user, scope, known.label if known else scope.replace("_", " "))


def unsubscribe(*, token: str) -> Unsubscription | None:
    """Anyone holding the link (it works without logging in, as RFC 8058 asks) turns that
    scope of email off for its member. Idempotent. Commits."""
    found = read_unsubscribe_token(token)
    if found is None:
        return None
    set_email_setting(user_id=found.user.id, scope=found.scope, setting=OFF)
    db.session.commit()
    return found


# --- preferences ---------------------------------------------------------------------------

def email_setting(user_id: int, scope: str) -> str:
    row = db.session.get(EmailPreference, (user_id, scope))
    if row is not None:
        return row.setting
    known = SCOPES.get(scope)
    return known.default if known else "on"


def set_email_setting(*, user_id: int, scope: str, setting: str) -> None:
    """Store a member's choice for one scope, in the caller's transaction."""
    row = db.session.get(EmailPreference, (user_id, scope))
    if row is None:
        db.session.add(EmailPreference(user_id=user_id, scope=scope, setting=setting[:16]))
    else:
        row.setting = setting[:16]


def settings_of(user_id: int) -> dict[str, str]:
    """Every registered scope's setting for the member (defaults filled in)."""
    stored = dict(db.session.execute(sa.select(EmailPreference.scope, EmailPreference.setting)
                                     .where(EmailPreference.user_id == user_id)).tuples().all())
    return {name: stored.get(name, s.default) for name, s in SCOPES.items()}


def verified_email(user: User | None) -> str | None:
    """The member's address if they have confirmed it is theirs, else None."""
    if user is None or not user.email or user.email_verified_at is None:
        return None
    return user.email


def can_email(user: User | None, scope: str | None = None) -> bool:
    """May Harbor send this member community email (about `scope`)? Needs a verified address,
    an account that is not banned, and the scope not turned off."""
    if verified_email(user) is None or user is None or user.banned_at is not None:
        return False
    return scope is None or email_setting(user.id, scope) != OFF


def mark_verified(user: User, when: dt.datetime | None = None) -> None:
    """In the caller's transaction: the member's current address counts as confirmed."""
    from ..db import utcnow

    user.email_verified_at = when or utcnow()
