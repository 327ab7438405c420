"""Routing and alerts: new feedback reaches the subscribers of its service and of every parent
of it (in-app, and by email where their subscription asks for it); a critical item alerts at
once and needs an acknowledgement; one not acknowledged within CRITICAL_ACK_HOURS escalates
to the admins (`escalate_unacknowledged`, run by `flask feedback escalate` from a periodic job).

Notification texts name the service only, never the feedback's text or its author: a
notification may be read over a shoulder, and an email leaves Harbor."""
from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import events, permissions
from ..auth.models import Role, User
from ..db import utcnow
from ..errors import Conflict, NotFound
from ..extensions import db
from ..moderation import audit
from ..notifications.services import notify
from . import care
from .models import CareService, Feedback


def init_app(app: Any) -> None:
    events.subscribe("feedback.given", route_new_feedback)


def queue_email(*, user_id: int, subject: str, link: str) -> bool:
    """THE one place feedback email is queued: into the mail outbox (community/mail), in the
    caller's transaction, so a rolled-back use case mails no one and a committed one loses no
    email; the worker (or `mail send`) sends it. Only to the member's confirmed address, with
    the one-click unsubscribe, and not when they turned email off. The email names the service
    and links to the item, never the feedback's text. True when queued."""
    from ..mail import services as mail

    user = db.session.get(User, user_id)
    if user is None or not user.email:
        return False
    url = mail.base_url() + link
    text = f"{subject}\n\nOpen it in Harbor: {url}\n"
    html = f"<p>{escape(subject)}</p><p><a href=\"{escape(url)}\">Open it in Harbor</a></p>"
    return mail.queue_email(to=user.email, subject=subject, text=text, html=html, kind="feedback_alert",
                            user_id=user_id, unsubscribe=True) is not None


def _where(record: Feedback) -> str:
    node = db.session.get(CareService, record.service_id) if record.service_id else None
    return node.path if node else "no service given"


def _quality_staff() -> list[int]:
    return list(db.session.scalars(sa.select(User.id).where(User.role == Role.QUALITY, User.banned_at.is_(None))))


def route_new_feedback(*, feedback: Feedback) -> None:
    """After `feedback.given` commits: in-app notification (and email where chosen) to each
    subscriber of the service's branch and parents. A critical item goes to the same people
    with kind `feedback_critical`, or to all quality staff when nobody follows the branch.
    Commits."""
    where = _where(feedback)
    link = f"/quality/feedback/{feedback.id}"
    subs = care.subscribers_of_lineage(feedback.service_id)
    recipients = {s.user_id: s.email for s in subs if s.user_id != feedback.author_id}
    if feedback.critical:
        if not recipients:
            recipients = {uid: False for uid in _quality_staff() if uid != feedback.author_id}
        text = f"Critical feedback about {where}: please read and acknowledge it."
        kind = "feedback_critical"
    else:
        text = f"New feedback about {where}."
        kind = "feedback_new"
    for user_id in recipients:
        notify(user_id=user_id, kind=kind, text=text, link=link)
    for user_id, email in recipients.items():
        if email or feedback.critical:
            queue_email(user_id=user_id, subject=text, link=link)
    db.session.commit()


def acknowledge_critical(*, actor: User, feedback_id: int, now: dt.datetime | None = None) -> Feedback:
    """Quality staff, admins and the item's named responders acknowledge a critical item: it
    stops counting as open and will not escalate. Commits; audited."""
    record = db.session.get(Feedback, feedback_id)
    if record is None:
        raise NotFound("No such feedback.")
    permissions.require(permissions.can_acknowledge_critical(actor, care.is_responder_for(actor, record.service_id)),
                        "Only the care quality team and this service's responders acknowledge critical feedback.")
    if not record.critical:
        raise Conflict("This feedback is not marked critical.")
    if record.critical_ack_at is None:
        record.critical_ack_at = now or utcnow()
        record.critical_ack_by_id = actor.id
        audit.record(actor=actor, action="feedback.critical_acknowledged", target=record)
        db.session.commit()
    return record


def escalate_unacknowledged(*, now: dt.datetime | None = None, hours: int | None = None) -> list[int]:
    """Critical items not acknowledged within CRITICAL_ACK_HOURS of arriving go to every admin
    (notification `escalation`), once each. Returns the escalated ids. Commits."""
    now = now or utcnow()
    hours = int(current_app.config.get("CRITICAL_ACK_HOURS", 4) if hours is None else hours)
    due = list(db.session.scalars(sa.select(Feedback).where(
        Feedback.critical.is_(True), Feedback.critical_ack_at.is_(None), Feedback.escalated_at.is_(None),
        Feedback.created_at <= now - dt.timedelta(hours=hours)).order_by(Feedback.id)))
    if not due:
        return []
    admins = list(db.session.scalars(sa.select(User.id).where(User.role == Role.ADMIN, User.banned_at.is_(None))))
    for record in due:
        record.escalated_at = now
        text = f"Critical feedback about {_where(record)} has not been acknowledged within {hours} hours."
        for admin_id in admins:
            notify(user_id=admin_id, kind="escalation", text=text, link=f"/quality/feedback/{record.id}")
            queue_email(user_id=admin_id, subject=text, link=f"/quality/feedback/{record.id}")
        audit.record(actor=None, action="feedback.critical_escalated", target=record, detail={"hours": hours})
    db.session.commit()
    return [r.id for r in due]


def open_critical_count(service_ids: list[int] | None = None) -> int:
    q = sa.select(sa.func.count(Feedback.id)).where(Feedback.critical.is_(True), Feedback.critical_ack_at.is_(None))
    if service_ids is not None:
        q = q.where(Feedback.service_id.in_(service_ids))
    return db.session.scalar(q) or 0
