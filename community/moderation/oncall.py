"""The on-call list: who hears of an urgent (crisis) queue item or an escalation at once, in
Harbor and by email, besides the moderators' live alert.

`SAFEGUARDING_CONTACTS` (config; in the environment a comma-separated list) names usernames
and/or email addresses. A username is a staff member (moderator or admin): they get an in-app
notification and an email at their verified address. An address that belongs to no account
gets the email only. Escalations also email every admin with a verified address (the in-app
`escalation` notification is safety.escalate's).

Emails never carry the post's or message's text, nor who wrote it, nor the escalation's
reason: they name the community and link to the item, which only staff can open."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import permissions
from ..auth.models import User
from ..extensions import db
from ..forums.models import Condition
from ..mail.services import absolute_url, send_template, verified_email
from ..notifications.services import notify
from .models import QueueItem


def configured() -> list[str]:
    raw = current_app.config.get("SAFEGUARDING_CONTACTS") or []
    if isinstance(raw, str):
        raw = raw.split(",")
    return [e.strip() for e in raw if isinstance(e, str) and e.strip()]


def contacts() -> tuple[list[User], list[str]]:
    """(on-call staff accounts, addresses that are no account's), from SAFEGUARDING_CONTACTS.
    Usernames that are unknown, banned or not staff are left out (a member can't be on call)."""
    entries = configured()
    names = [e.lower() for e in entries if "@" not in e]
    addresses = [e for e in entries if "@" in e]
    users: dict[int, User] = {}
    if names:
        for u in db.session.scalars(sa.select(User).where(sa.func.lower(User.username).in_(names))):
            if permissions.is_moderator(u) and u.banned_at is None:
                users[u.id] = u
    plain: list[str] = []
    for addr in addresses:
        owner = db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == addr.lower()).limit(1))
        if owner is not None and permissions.is_moderator(owner) and owner.banned_at is None:
            users[owner.id] = owner
        elif owner is None:
            plain.append(addr)
    return list(users.values()), plain


def _where(item: QueueItem) -> str:
    cond = db.session.get(Condition, item.condition_id) if item.condition_id else None
    if cond is not None:
        return cond.name
    return "a private conversation" if item.target_type == "message" else "Harbor"


def _email(to: str, *, item: QueueItem, what: str, where: str, user_id: int | None, oncall: bool = True) -> None:
    try:
        send_template(template="safeguarding_alert", to=to, subject=f"Harbor: {what} in {where}", kind="safeguarding",
                      user_id=user_id, unsubscribe=False, oncall=oncall, what=what, where=where, item_id=item.id,
                      url=absolute_url("moderation.item", item_id=item.id))
    except ValueError:   # not a single address (a typo in the config): the in-app alerts still go
        current_app.logger.warning("SAFEGUARDING_CONTACTS has an entry that is not an email address")


def alert(*, item: QueueItem, kind: str, actor_id: int | None = None, admins: list[int] | None = None) -> None:
    """In the caller's transaction. `kind` "crisis" (an urgent item was queued) or
    "escalation". On-call staff get an in-app notification (once per item and kind) and
    everyone on the list an email; for an escalation every admin with a verified address gets
    the email too. Nobody hears twice of one event, and never of their own escalation."""
    what = "an urgent crisis item was queued" if kind == "crisis" else (
        "an urgent crisis item was escalated" if item.priority >= _urgent() else "an item was escalated")
    where = _where(item)
    staff, plain = contacts()
    sent: set[str] = set()
    for u in staff:
        if u.id == actor_id:
            continue
        if kind == "crisis" or u.id not in (admins or []):   # admins already got `escalation`
            notify(user_id=u.id, kind="escalation" if kind == "escalation" else "crisis_alert",
                   text=f"On call: {what} in {where}. Open item {item.id}.", link=f"/moderation/queue/{item.id}",
                   target_type="queue_item", target_id=item.id, event_key=f"oncall:{kind}:{item.id}")
        addr = verified_email(u)
        if addr and addr.lower() not in sent:
            sent.add(addr.lower())
            _email(addr, item=item, what=what, where=where, user_id=u.id)
    for addr in plain:
        if addr.lower() not in sent:
            sent.add(addr.lower())
            _email(addr, item=item, what=what, where=where, user_id=None)
    if kind == "escalation":
        for uid in admins or []:
            admin = db.session.get(User, uid)
            addr = verified_email(admin) if admin is not None and uid != actor_id else None
            if addr and addr.lower() not in sent:
                sent.add(addr.lower())
                _email(addr, item=item, what=what, where=where, user_id=uid, oncall=False)


def _urgent() -> int:
    from . import gate

    return gate.URGENT


def on_crisis(*, item_id: int, **_: Any) -> None:
    """Hook on `moderation.crisis` (inside the transaction that queued the item): the first
    alert of an item reaches the on-call list; the claim timer's re-alert escalates instead."""
    item = db.session.get(QueueItem, item_id)
    if item is not None and item.realerted_at is None:
        alert(item=item, kind="crisis")
