"""The moderators' queue: listing (urgent first, then oldest), claiming, decisions (approve,
reject, edit and approve, escalate, dismiss), bulk decisions and the dashboard figures."""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from .. import events, permissions
from ..auth.models import User
from ..content import Status
from ..db import utcnow
from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from . import gate, safety, targets
from .audit import record
from .models import ItemState, QueueItem, Report, Sanction
from ..notifications.services import notify

ACTIONS = ("approve", "reject", "edit_approve", "escalate", "dismiss")
CLAIM_MINUTES = 30


@dataclass
class Filters:
    condition_id: int | None = None
    reason: str | None = None
    urgent_only: bool = False
    state: str = "open"   # open | escalated | all-active


def list_items(*, actor: Any, filters: Filters | None = None, limit: int = 100) -> list[QueueItem]:
    permissions.require(permissions.can_moderate(actor))
    f = filters or Filters()
    states = {"open": [ItemState.OPEN], "escalated": [ItemState.ESCALATED]}.get(f.state, [ItemState.OPEN, ItemState.ESCALATED])
    q = sa.select(QueueItem).where(QueueItem.state.in_(states))
    if f.condition_id:
        q = q.where(QueueItem.condition_id == f.condition_id)
    if f.urgent_only:
        q = q.where(QueueItem.priority >= gate.URGENT)
    q = q.order_by(QueueItem.priority.desc(), QueueItem.created_at, QueueItem.id).limit(limit if not f.reason else limit * 5)
    items = list(db.session.scalars(q))
    if f.reason:
        items = [i for i in items if any(r == f.reason or r.startswith(f.reason + ".") or r.startswith(f.reason) for r in i.reasons)]
    return items[:limit]


def get_item(*, actor: Any, item_id: int) -> QueueItem:
    permissions.require(permissions.can_moderate(actor))
    item = db.session.get(QueueItem, item_id)
    if item is None:
        raise NotFound("No such queue item.")
    return item


def claim(*, actor: User, item: QueueItem) -> QueueItem:
    """A moderator claims an item so nobody else works it; a claim lapses after 30 minutes."""
    permissions.require(permissions.can_moderate(actor))
    now = utcnow()
    if (item.claimed_by_id not in (None, actor.id) and item.claimed_at
            and item.claimed_at > now - dt.timedelta(minutes=CLAIM_MINUTES)):
        raise Conflict("Another moderator is working on this item.", code="claimed")
    item.claimed_by_id, item.claimed_at = actor.id, now
    events.emit("moderation.claimed", item_id=item.id)
    db.session.commit()
    return item


def decide(*, actor: User, item: QueueItem, action: str, reason: str = "", body: str | None = None) -> QueueItem:
    """Apply a moderator's decision to a queue item and everything derived from it:
    the content's status, the author's trust, reports, notifications and the audit log.
    Commits; emits `moderation.decided`."""
    permissions.require(permissions.can_moderate(actor))
    if action not in ACTIONS:
        raise Invalid("action", "Action is one of: " + ", ".join(ACTIONS) + ".")
    if item.state == ItemState.RESOLVED:
        raise Conflict("This item has already been decided.", code="already_decided")
    if (item.claimed_by_id not in (None, actor.id) and item.claimed_at
            and item.claimed_at > utcnow() - dt.timedelta(minutes=CLAIM_MINUTES)):
        raise Conflict("Another moderator is working on this item.", code="claimed")
    reason = (reason or "").strip()
    if action == "reject" and not reason:
        raise Invalid("reason", "Give a reason: the author will see it.")
    if len(reason) > 1000:
        raise Invalid("reason", "Reasons are at most 1,000 characters.")
    handler = targets.handler(item.target_type)
    obj = handler.load(item.target_id) if item.target_type != "user" else None

    if action == "escalate":
        return safety.escalate(actor=actor, item=item, reason=reason or "Escalated from the queue.")
    if item.target_type == "appeal":
        return safety.decide_appeal(actor=actor, item=item, action=action, reason=reason)

    outcome = "dismissed"
    if obj is not None:
        if action == "edit_approve":
            if body is None or not body.strip():
                raise Invalid("body", "Give the edited text.")
            handler.edit(obj, body.strip(), editor=actor)
            action_status = Status.PUBLISHED
        elif action in {"approve", "dismiss"}:
            action_status = Status.PUBLISHED
        else:
            action_status = Status.REJECTED
        if getattr(obj, "status", None) not in (Status.DELETED,) and obj.status != action_status:
            handler.set_status(obj, action_status)
        author = db.session.get(User, handler.author_id(obj)) if handler.author_id(obj) else None
        if action in {"approve", "edit_approve"} and item.held and author is not None:
            author.approved_posts += 1
            notify(user_id=author.id, kind="content.approved", text="A moderator approved your post: it is now visible to everyone.",
                   link=handler.show(obj).link)
        if action == "reject":
            outcome = "actioned"
            notify(user_id=handler.author_id(obj), kind="content.rejected",
                   text=f"A moderator removed your {item.target_type}. Reason: {reason}", link=None)
        elif action == "edit_approve":
            outcome = "actioned"
            notify(user_id=handler.author_id(obj), kind="content.edited",
                   text="A moderator edited your post (for example to remove personal details) and published it.",
                   link=handler.show(obj).link)
    elif action == "reject":
        outcome = "actioned"

    for rep in db.session.scalars(sa.select(Report).where(Report.queue_item_id == item.id, Report.handled_at.is_(None))):
        rep.handled_at, rep.outcome = utcnow(), outcome
        notify(user_id=rep.reporter_id, kind="report.handled",
               text=("Your report was handled: a moderator took action. Thank you." if outcome == "actioned"
                     else "Your report was reviewed: a moderator decided the content can stay. Thank you."))
    item.state, item.resolved_at, item.resolved_by_id = ItemState.RESOLVED, utcnow(), actor.id
    item.decision, item.decision_reason = action, reason or None
    record(actor=actor, action=f"queue.{action}", target_type=item.target_type, target_id=item.target_id,
           detail={"item": item.id, "reasons": item.reasons}, reason=reason)
    events.emit("moderation.decided", item_id=item.id, action=action, target_type=item.target_type, target_id=item.target_id)
    db.session.commit()
    return item


def decide_many(*, actor: User, item_ids: list[int], action: str, reason: str = "") -> int:
    """Bulk approve or reject. Each item is decided on its own; returns how many were."""
    if action not in {"approve", "reject"}:
        raise Invalid("action", "Bulk actions are approve or reject.")
    if not item_ids:
        raise Invalid("item", "Select at least one item first.")
    if action == "reject" and not (reason or "").strip():      # before any item is decided
        raise Invalid("reason", "Give a reason: the authors will see it.")
    done = 0
    for item_id in item_ids:
        item = get_item(actor=actor, item_id=item_id)
        if item.state != ItemState.RESOLVED:
            decide(actor=actor, item=item, action=action, reason=reason)
            done += 1
    return done


@dataclass
class AuthorHistory:
    user: User | None
    decisions: list[QueueItem]
    sanctions: list[Sanction]


def author_history(item: QueueItem) -> AuthorHistory:
    if item.author_id is None:
        return AuthorHistory(None, [], [])
    user = db.session.get(User, item.author_id)
    decisions = list(db.session.scalars(sa.select(QueueItem).where(
        QueueItem.author_id == item.author_id, QueueItem.state == ItemState.RESOLVED, QueueItem.id != item.id)
        .order_by(QueueItem.resolved_at.desc()).limit(10)))
    sanctions = list(db.session.scalars(sa.select(Sanction).where(Sanction.user_id == item.author_id).order_by(Sanction.id.desc())))
    return AuthorHistory(user, decisions, sanctions)


def reports_for(item: QueueItem) -> list[Report]:
    return list(db.session.scalars(sa.select(Report).where(Report.queue_item_id == item.id).order_by(Report.id)))


@dataclass
class Dashboard:
    waiting: int
    urgent: int
    escalated: int
    median_minutes_to_decision: float | None
    decided_last_7_days: int
    oldest_crisis_minutes: int | None = None
    median_minutes_to_first_crisis_response: float | None = None


def dashboard(*, actor: Any) -> Dashboard:
    permissions.require(permissions.can_moderate(actor))
    waiting = db.session.scalar(sa.select(sa.func.count(QueueItem.id)).where(QueueItem.state == ItemState.OPEN)) or 0
    urgent = db.session.scalar(sa.select(sa.func.count(QueueItem.id)).where(
        QueueItem.state != ItemState.RESOLVED, QueueItem.priority >= gate.URGENT)) or 0
    escalated = db.session.scalar(sa.select(sa.func.count(QueueItem.id)).where(QueueItem.state == ItemState.ESCALATED)) or 0
    since = utcnow() - dt.timedelta(days=7)
    rows = db.session.execute(sa.select(QueueItem.created_at, QueueItem.resolved_at).where(
        QueueItem.state == ItemState.RESOLVED, QueueItem.resolved_at >= since)).all()
    minutes = [(r - c).total_seconds() / 60 for c, r in rows if r and c]
    oldest = safety.oldest_unhandled_crisis()
    # First response to a crisis: the first of claim, outreach and decision.
    crises = db.session.execute(sa.select(QueueItem.created_at, QueueItem.claimed_at, QueueItem.outreach_at, QueueItem.resolved_at)
                                .where(QueueItem.priority >= gate.URGENT, QueueItem.created_at >= since)).all()
    firsts = [(min(t for t in r[1:] if t) - r[0]).total_seconds() / 60 for r in crises if any(r[1:])]
    return Dashboard(waiting, urgent, escalated, round(statistics.median(minutes), 1) if minutes else None, len(rows),
                     oldest_crisis_minutes=int(oldest.total_seconds() // 60) if oldest is not None else None,
                     median_minutes_to_first_crisis_response=round(statistics.median(firsts), 1) if firsts else None)
