"""Notification email: the digest (daily / weekly) and "immediately when away", both per the
member's one email preference (community/mail/preferences.py: patients, like everyone,
default to the daily digest, and nothing is sent until they opt in), and both queued in the
mail outbox, never sent inside a request.

- `run_digests()`: `flask --app wsgi notifications digest` (cron) and the periodic job
  "notifications.digest" of the background worker: members whose period has passed.
- `run_immediate()`: the periodic job "notifications.immediate" (every
  NOTIFY_IMMEDIATE_SECONDS): members who chose "immediately", have not been seen on the site
  for 10 minutes (`users.last_seen_at`) and have notifications not emailed yet; one email per
  member per NOTIFY_BATCH_MINUTES names them all (not one email per reaction).

An email names threads and communities, never a post's text (the notification texts never
hold it): an email preview on a shared screen must not disclose health details. Only to a
confirmed address (mail.queue_email checks), never to a banned account."""
from __future__ import annotations

import datetime as dt
import html
import logging
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import permissions
from ..auth.models import User
from ..db import utcnow
from ..extensions import db
from ..mail import preferences
from ..mail.models import EmailMode, MailPreference
from ..mail.preferences import MODE_LABELS, Preference, default_mode  # noqa: F401  (re-exported)
from .models import Notification
from .services import display_text

log = logging.getLogger(__name__)

AWAY = dt.timedelta(minutes=10)
PERIOD = {EmailMode.DAILY: dt.timedelta(days=1), EmailMode.WEEKLY: dt.timedelta(days=7)}
MAX_ITEMS = 50


def preference_of(user: Any) -> Preference:
    return preferences.preference_of(user)


def set_preference(*, actor: Any, mode: str, opted_in: bool) -> Preference:
    """The member chooses how (and whether) notification emails reach them. Commits."""
    permissions.require(permissions.is_member(actor))
    pref = preferences.set_mode(user_id=actor.id, mode=mode, opted_in=opted_in)
    db.session.commit()
    return pref


def compose_digest(user: Any, notifications: list[Any], base_url: str = "", *,
                   immediate: bool = False) -> tuple[str, str, str]:
    """(subject, text, html) of a member's email: one line per notification, each naming its
    thread and community (the notification's own text never holds a post's text)."""
    n = len(notifications)
    subject = f"Harbor: {n} new notification{'s' if n != 1 else ''}"
    lines = [f"- {display_text(x)}" + (f"\n  {base_url}{x.link}" if x.link else "") for x in notifications]
    settings = f"{base_url}/settings/email"
    intro = "New on Harbor since you left:" if immediate else "While you were away on Harbor:"
    text = (f"Hello {user.name},\n\n{intro}\n\n" + "\n".join(lines)
            + f"\n\nChange how often we email you: {settings}\n")
    items = "".join(f"<li>{_link(display_text(x), base_url + x.link if x.link else None)}</li>" for x in notifications)
    body = (f"<p>Hello {html.escape(user.name)},</p><p>{html.escape(intro)}</p><ul>{items}</ul>"
            f"<p><a href=\"{html.escape(settings)}\">Change how often we email you</a></p>")
    return subject, text, body


def _link(label: str, url: str | None) -> str:
    return f"<a href=\"{html.escape(url)}\">{html.escape(label)}</a>" if url else html.escape(label)


def send_digest_email(*, user: Any, subject: str, text: str, html_body: str, kind: str = "digest") -> bool:
    """Queue one email in the mail outbox, in the caller's transaction. The mail capability
    queues it only to the member's confirmed address, with the one-click unsubscribe; False
    when nothing was queued."""
    from ..mail.services import queue_email

    if not user.email:
        return False
    return queue_email(to=user.email, subject=subject, text=text, html=html_body, kind=kind, user_id=user.id,
                       unsubscribe=True) is not None


def _pending_exists() -> Any:
    n = Notification.__table__.c
    return sa.exists().where(n.user_id == User.__table__.c.id, n.read_at.is_(None), n.emailed_at.is_(None))


def _candidates(where: list[Any]) -> list[tuple[User, MailPreference]]:
    u, p = User.__table__.c, MailPreference.__table__.c
    q = (sa.select(User, MailPreference).join(MailPreference, p.user_id == u.id)
         .where(p.opted_in.is_(True), u.email.is_not(None), u.email_verified_at.is_not(None), u.banned_at.is_(None),
                _pending_exists(), *where)
         .order_by(u.id))
    return [(user, pref) for user, pref in db.session.execute(q).all()]


def _pending(user_id: int) -> list[Notification]:
    return list(db.session.scalars(sa.select(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None), Notification.emailed_at.is_(None))
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(MAX_ITEMS)))


def due(now: dt.datetime | None = None) -> list[tuple[User, list[Notification]]]:
    """Members who opted in, have a confirmed address, are due (their period passed;
    "immediately": away for 10 minutes and their batching window passed) and have unread
    notifications not emailed yet."""
    now = now or utcnow()
    found = _due_digest(now) + _due_immediate(now)
    found.sort(key=lambda pair: pair[0].id)
    return [(user, _pending(user.id)) for user, _pref in found]


def _due_digest(now: dt.datetime) -> list[tuple[User, MailPreference]]:
    p = MailPreference.__table__.c
    return _candidates([sa.or_(*(sa.and_(p.mode == mode, sa.or_(p.last_digest_at.is_(None), p.last_digest_at <= now - period))
                                 for mode, period in PERIOD.items()))])


def _batch_window() -> dt.timedelta:
    return dt.timedelta(minutes=int(current_app.config.get("NOTIFY_BATCH_MINUTES", 15)))


def _due_immediate(now: dt.datetime) -> list[tuple[User, MailPreference]]:
    u, p = User.__table__.c, MailPreference.__table__.c
    return _candidates([p.mode == EmailMode.IMMEDIATE,
                        sa.or_(u.last_seen_at.is_(None), u.last_seen_at <= now - AWAY),
                        sa.or_(p.last_digest_at.is_(None), p.last_digest_at <= now - _batch_window())])


def _send(found: list[tuple[User, MailPreference]], now: dt.datetime, *, immediate: bool) -> int:
    base = (current_app.config.get("BASE_URL") or "").rstrip("/")
    sent = 0
    for user, pref in found:
        previous = pref.last_digest_at
        pending = _pending(user.id)
        if not pending:
            continue
        if not preferences.mark_sent(user.id, now=now, previous=previous):
            continue                    # another run (cron, another process) just sent this member's
        subject, text, body = compose_digest(user, pending, base, immediate=immediate)
        if send_digest_email(user=user, subject=subject, text=text, html_body=body,
                             kind="notification" if immediate else "digest"):
            sent += 1
            ids = [n.id for n in pending]
            db.session.execute(sa.update(Notification).where(Notification.id.in_(ids), Notification.emailed_at.is_(None))
                               .values(emailed_at=now).execution_options(synchronize_session=False))
        else:
            db.session.execute(sa.update(MailPreference).where(MailPreference.user_id == user.id)
                               .values(last_digest_at=previous).execution_options(synchronize_session=False))
    db.session.commit()
    return sent


def run_digests(now: dt.datetime | None = None) -> tuple[int, int]:
    """Queue the email of every due member (digests, and "immediately" members who are due);
    what was queued is marked emailed. Returns (due members, emails queued). Commits."""
    now = now or utcnow()
    digest_due, immediate_due = _due_digest(now), _due_immediate(now)
    sent = _send(digest_due, now, immediate=False) + _send(immediate_due, now, immediate=True)
    return len(digest_due) + len(immediate_due), sent


def run_immediate(now: dt.datetime | None = None) -> int:
    """Queue one email to each "immediately" member who is away and due. Returns how many. Commits."""
    now = now or utcnow()
    return _send(_due_immediate(now), now, immediate=True)
