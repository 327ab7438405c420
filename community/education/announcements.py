"""Announcements: an admin tells a condition's members (or everyone) something the
institution needs them to know, `info` or `urgent` (outbreak news, a service change,
prevention instructions). A banner until dismissed or expired, and a notification to every
member concerned; an `urgent` one also emails every member concerned who has a confirmed
address and has not turned email off (after the commit, in bulk, through the mail outbox;
`info` ones notify in-app only). The active list is cached per process for a few seconds, so
a page with no announcement costs no query."""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import events, permissions
from ..auth.models import User
from ..db import utcnow
from ..errors import Invalid, NotFound
from ..extensions import db
from ..forums.markdown import render
from ..forums.models import Condition, ConditionMember
from ..moderation.audit import record
from ..notifications.fanout import deliver
from .models import Announcement, AnnouncementDismissal, AnnouncementLevel

RECHECK_SECONDS = 5.0
_cache: dict[str, Any] = {}


def create_announcement(*, actor: User, title: str, body: str, level: str, condition: Condition | None = None,
                        expires_at: dt.datetime | None = None) -> Announcement:
    """Admins only. Members of the condition (all members without one) get an `announcement`
    notification, written in one INSERT ... SELECT. Audited. Commits."""
    permissions.require(permissions.can_announce(actor), "Only admins make announcements.")
    title = " ".join((title or "").split())
    if not 3 <= len(title) <= 200:
        raise Invalid("title", "Give the announcement a title of 3 to 200 characters.")
    body = (body or "").strip()
    if not body or len(body) > 5000:
        raise Invalid("body", "Write the announcement (up to 5,000 characters).")
    try:
        lvl = AnnouncementLevel(level)
    except ValueError:
        raise Invalid("level", "The level is info or urgent.") from None
    if expires_at is not None:
        if expires_at.tzinfo is None:
            expires_at = expires_at.replace(tzinfo=dt.UTC)
        if expires_at <= utcnow():
            raise Invalid("expires_at", "The expiry must be in the future.")
    a = Announcement(title=title, body=body, body_html=render(body), level=lvl, expires_at=expires_at,
                     condition_id=condition.id if condition else None, author_id=actor.id)
    db.session.add(a)
    db.session.flush()
    record(actor=actor, action="announcement.created", target=a, target_type="announcement",
           detail={"level": str(lvl), "condition": condition.slug if condition else None})
    _fan_out(a, actor_id=actor.id)
    events.emit("announcement.created", announcement_id=a.id, level=str(lvl))
    db.session.commit()
    invalidate()
    return a


def _recipients(a: Announcement) -> Any:
    if a.condition_id is None:
        return sa.select(User.id).where(User.banned_at.is_(None))
    return sa.select(ConditionMember.user_id).where(ConditionMember.condition_id == a.condition_id)


def email_urgent(*, announcement_id: int, level: str, **_: Any) -> None:
    """Subscriber of `announcement.created` (after its commit): an urgent announcement is
    emailed to every member concerned, in one statement (mail.queue_bulk checks the confirmed
    address and the email preference). The email names the announcement and community; its
    text stays on Harbor. Commits."""
    if level != AnnouncementLevel.URGENT:
        return
    from ..mail import services as mail

    a = db.session.get(Announcement, announcement_id)
    if a is None or a.withdrawn_at is not None:
        return
    cond = db.session.get(Condition, a.condition_id) if a.condition_id is not None else None
    where = f"the {cond.name} community" if cond is not None else "everyone on Harbor"
    subject = "Urgent announcement from Harbor"
    text, html = mail.render_bulk("announcement", subject=subject, title=a.title, where=where,
                                  url=mail.absolute_url("education.announcement", announcement_id=a.id))
    concerned = _recipients(a).subquery("concerned")
    everyone_but_author = sa.select(concerned.c[0]).where(concerned.c[0] != a.author_id)
    mail.queue_bulk(recipients=everyone_but_author, subject=subject, text=text, html=html, kind="announcement")
    db.session.commit()


def _fan_out(a: Announcement, *, actor_id: int) -> None:
    users = _recipients(a)
    prefix = "Urgent: " if a.level == AnnouncementLevel.URGENT else ""
    deliver(users, kind="announcement", text=f"{prefix}{a.title}", link=f"/announcements/{a.id}", actor_id=actor_id,
            target_type="announcement", target_id=a.id, event_key=f"announcement:{a.id}")


def withdraw(*, actor: User, announcement_id: int) -> None:
    permissions.require(permissions.can_announce(actor))
    a = db.session.get(Announcement, announcement_id)
    if a is None:
        raise NotFound("No such announcement.")
    a.withdrawn_at = utcnow()
    record(actor=actor, action="announcement.withdrawn", target=a, target_type="announcement")
    db.session.commit()
    invalidate()


def dismiss(*, actor: User, announcement_id: int) -> None:
    """The member hides a banner for good (idempotent). Commits."""
    if db.session.get(Announcement, announcement_id) is None:
        raise NotFound("No such announcement.")
    if db.session.get(AnnouncementDismissal, (announcement_id, actor.id)) is None:
        db.session.add(AnnouncementDismissal(announcement_id=announcement_id, user_id=actor.id))
    db.session.commit()


def get(announcement_id: int) -> Announcement:
    a = db.session.get(Announcement, announcement_id)
    if a is None or a.withdrawn_at is not None:
        raise NotFound("No such announcement.")
    return a


def invalidate() -> None:
    _cache.clear()


@dataclass(frozen=True)
class Banner:
    """What a banner shows: a plain copy, so the per-process cache holds no ORM instance."""
    id: int
    title: str
    level: str
    condition_id: int | None
    expires_at: dt.datetime | None


def _active() -> list[Banner]:
    token = current_app.extensions.setdefault("harbor_announcements_token", object())
    now = time.monotonic()
    if _cache.get("app") is token and now - _cache.get("at", -1e9) < RECHECK_SECONDS:
        return _cache["items"]  # type: ignore[no-any-return]
    a = Announcement
    items = [Banner(*row) for row in db.session.execute(
        sa.select(a.id, a.title, a.level, a.condition_id, a.expires_at)
        .where(a.withdrawn_at.is_(None), sa.or_(a.expires_at.is_(None), a.expires_at > utcnow()))
        .order_by(a.level.desc(), a.id.desc()).limit(20))]
    _cache.update(app=token, at=now, items=items)
    return items


def banners(*, viewer: Any, dismissed_in_session: set[int] | None = None) -> list[Banner]:
    """The banners to show this viewer: site-wide ones and those of conditions they joined,
    unexpired and not dismissed. No query when nothing is announced."""
    items = [a for a in _active() if a.expires_at is None or a.expires_at > utcnow()]
    if not items:
        return []
    hidden = set(dismissed_in_session or ())
    if permissions.is_member(viewer):
        ids = [a.id for a in items]
        hidden |= set(db.session.scalars(sa.select(AnnouncementDismissal.announcement_id).where(
            AnnouncementDismissal.user_id == viewer.id, AnnouncementDismissal.announcement_id.in_(ids))))
        joined = set(db.session.scalars(sa.select(ConditionMember.condition_id).where(ConditionMember.user_id == viewer.id))) \
            if any(a.condition_id for a in items) else set()
    else:
        joined = set()
    return [a for a in items if a.id not in hidden and (a.condition_id is None or a.condition_id in joined)]


def recent(limit: int = 50) -> list[Announcement]:
    return list(db.session.scalars(sa.select(Announcement).order_by(Announcement.id.desc()).limit(limit)))
