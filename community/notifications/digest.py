"""Notification email: the member's preference (off / immediately when away / daily digest /
weekly digest; patients default to the daily digest, and nothing is sent until they opt in),
the digest's composition and `flask --app wsgi notifications digest`.

A digest names threads and communities, never a post's text: an email preview on a shared
screen must not disclose health details. Sending is one function, `send_digest_email`: until
a mail capability exists (community.mail.queue_email) it sends nothing and says so; the lead
connects it there."""
from __future__ import annotations

import datetime as dt
import html
import logging
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import permissions
from ..auth.models import Role, User
from ..db import utcnow
from ..errors import Invalid
from ..extensions import db
from .models import EmailMode, EmailPreference, Notification
from .services import display_text

log = logging.getLogger(__name__)

MODE_LABELS = {
    EmailMode.OFF: "No email",
    EmailMode.IMMEDIATE: "Right away, when I'm not on Harbor (away for 10 minutes)",
    EmailMode.DAILY: "A daily digest",
    EmailMode.WEEKLY: "A weekly digest",
}
AWAY = dt.timedelta(minutes=10)
PERIOD = {EmailMode.DAILY: dt.timedelta(days=1), EmailMode.WEEKLY: dt.timedelta(days=7)}


@dataclass
class Preference:
    mode: str
    opted_in: bool
    last_digest_at: dt.datetime | None = None


def default_mode(user: Any) -> str:
    return EmailMode.DAILY if user.role == Role.PATIENT else EmailMode.OFF


def preference_of(user: Any) -> Preference:
    row = db.session.get(EmailPreference, user.id)
    if row is None:
        return Preference(default_mode(user), False)
    return Preference(row.mode, row.opted_in, row.last_digest_at)


def set_preference(*, actor: Any, mode: str, opted_in: bool) -> Preference:
    """The member chooses how (and whether) notification emails reach them. Commits."""
    permissions.require(permissions.is_member(actor))
    if mode not in {m.value for m in EmailMode}:
        raise Invalid("mode", "Choose one of the email options.")
    row = db.session.get(EmailPreference, actor.id)
    if row is None:
        row = EmailPreference(user_id=actor.id)
        db.session.add(row)
    row.mode, row.opted_in, row.updated_at = mode, bool(opted_in), utcnow()
    db.session.commit()
    return Preference(row.mode, row.opted_in, row.last_digest_at)


def compose_digest(user: Any, notifications: list[Any], base_url: str = "") -> tuple[str, str, str]:
    """(subject, text, html) of a member's digest: one line per notification, each naming its
    thread and community (the notification's own text never holds a post's text)."""
    n = len(notifications)
    subject = f"Harbor: {n} new notification{'s' if n != 1 else ''}"
    lines = [f"- {display_text(x)}" + (f"\n  {base_url}{x.link}" if x.link else "") for x in notifications]
    settings = f"{base_url}/settings/notifications"
    text = (f"Hello {user.name},\n\nWhile you were away on Harbor:\n\n" + "\n".join(lines)
            + f"\n\nChange how often we email you: {settings}\n")
    items = "".join(f"<li>{_link(display_text(x), base_url + x.link if x.link else None)}</li>" for x in notifications)
    body = (f"<p>Hello {html.escape(user.name)},</p><p>While you were away on Harbor:</p><ul>{items}</ul>"
            f"<p><a href=\"{html.escape(settings)}\">Change how often we email you</a></p>")
    return subject, text, body


def _link(label: str, url: str | None) -> str:
    return f"<a href=\"{html.escape(url)}\">{html.escape(label)}</a>" if url else html.escape(label)


def send_digest_email(*, user: Any, subject: str, text: str, html_body: str) -> bool:
    """Queue one digest in the mail outbox (community/mail), in the caller's transaction. The
    mail capability sends it only to the member's verified address and leaves it out when
    they turned the "notifications" emails off; False then."""
    from ..mail.services import queue_email

    return queue_email(to=user.email, subject=subject, text=text, html=html_body, kind="digest", user_id=user.id,
                       unsubscribe="notifications") is not None


def due(now: dt.datetime | None = None) -> list[tuple[User, list[Notification]]]:
    """Members who opted in, have an email, are due (their period passed; "immediately":
    away for 10 minutes) and have unread notifications not emailed yet."""
    now = now or utcnow()
    out = []
    rows = db.session.execute(sa.select(User, EmailPreference).join(EmailPreference, EmailPreference.user_id == User.id)
                              .where(EmailPreference.opted_in.is_(True), EmailPreference.mode != EmailMode.OFF,
                                     User.email.is_not(None), User.banned_at.is_(None))).all()
    for user, pref in rows:
        period = PERIOD.get(EmailMode(pref.mode))
        if period is not None and pref.last_digest_at is not None and now - pref.last_digest_at < period:
            continue
        if pref.mode == EmailMode.IMMEDIATE and user.last_seen_at is not None and now - user.last_seen_at < AWAY:
            continue
        pending = list(db.session.scalars(sa.select(Notification).where(
            Notification.user_id == user.id, Notification.read_at.is_(None), Notification.emailed_at.is_(None))
            .order_by(Notification.created_at.desc()).limit(50)))
        if pending:
            out.append((user, pending))
    return out


def run_digests(now: dt.datetime | None = None) -> tuple[int, int]:
    """Build the digests of every due member and hand each to `send_digest_email`; what was
    handed over is marked emailed. Returns (due members, handed over). Commits."""
    now = now or utcnow()
    base = (current_app.config.get("BASE_URL") or "").rstrip("/")
    sent = 0
    found = due(now)
    for user, pending in found:
        subject, text, body = compose_digest(user, pending, base)
        if send_digest_email(user=user, subject=subject, text=text, html_body=body):
            sent += 1
            for n in pending:
                n.emailed_at = now
            pref = db.session.get(EmailPreference, user.id)
            if pref is not None:
                pref.last_digest_at = now
    db.session.commit()
    return len(found), sent
