"""The safety workflow after screening finds someone at risk: a moderator reaches out as "the
moderation team" (a private thread the member can answer), escalation that notifies every
admin, a crisis item nobody claimed in `CRISIS_CLAIM_MINUTES` alerting again and escalating by
itself, appeals decided by a different moderator, and thread heat controls (lock, slow mode)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import events, permissions
from ..auth.models import Role, User
from ..db import utcnow
from ..errors import Conflict, Invalid, NotAllowed, NotFound
from ..extensions import db
from ..forums.models import Thread
from ..forums.models import Status
from . import gate, oncall, sanctions, targets
from .audit import record
from .models import Appeal, ItemState, Outreach, OutreachMessage, OutreachTemplate, QueueItem, Sanction
from ..notifications.services import notify

MESSAGE_MAX = 4000
DEFAULT_TEMPLATES = {
    "Checking in after a crisis post": (
        "Hello, this is the moderation team. We read what you posted and wanted to check in with you. "
        "You are not alone, and you don't have to go through this by yourself. If you are in danger right now, "
        "please call your local emergency number. You can reply here: a moderator will read it."),
    "Checking in (gentle)": (
        "Hello, this is the moderation team. We noticed you seem to be having a hard time and wanted to say we're here. "
        "If it would help to talk, reply to this message. There are people you can reach any time, listed below."),
}


# --- outreach ----------------------------------------------------------------------------

def templates() -> list[OutreachTemplate]:
    rows = list(db.session.scalars(sa.select(OutreachTemplate).order_by(OutreachTemplate.name)))
    if rows:
        return rows
    return [OutreachTemplate(id=0, name=n, body=b) for n, b in DEFAULT_TEMPLATES.items()]


def save_template(*, actor: User, name: str, body: str) -> OutreachTemplate:
    """Moderators edit the check-in wordings (a name is unique: saving it again replaces it). Commits."""
    permissions.require(permissions.can_moderate(actor))
    name, body = " ".join((name or "").split())[:80], (body or "").strip()
    if not name:
        raise Invalid("name", "Give the template a name.")
    if not body or len(body) > MESSAGE_MAX:
        raise Invalid("body", f"A template is 1 to {MESSAGE_MAX:,} characters.")
    if db.session.scalar(sa.select(sa.func.count(OutreachTemplate.id))) == 0:
        for n, b in DEFAULT_TEMPLATES.items():   # the defaults become editable rows on the first save
            if n != name:
                db.session.add(OutreachTemplate(name=n, body=b))
    row = db.session.scalar(sa.select(OutreachTemplate).where(OutreachTemplate.name == name))
    if row is None:
        row = OutreachTemplate(name=name, body=body)
        db.session.add(row)
    row.body = body
    record(actor=actor, action="outreach.template", target_type="outreach_template", detail={"name": name})
    db.session.commit()
    return row


def _check_message(message: str) -> str:
    message = (message or "").strip()
    if not message:
        raise Invalid("message", "Write the message first.")
    if len(message) > MESSAGE_MAX:
        raise Invalid("message", f"Messages are at most {MESSAGE_MAX:,} characters.")
    if "\x00" in message:
        raise Invalid("message", "The message contains a character that can't be stored.")
    return message


def reach_out(*, actor: User, message: str, item: QueueItem | None = None, member: User | None = None) -> Outreach:
    """A moderator sends a private check-in from "the moderation team" to the author of a queue
    item (or to a member from their page). The member gets an `outreach` notification; the item
    records who reached out and when. Audited. Commits."""
    permissions.require(permissions.can_moderate(actor))
    message = _check_message(message)
    user_id = item.author_id if item is not None else (member.id if member is not None else None)
    if user_id is None:
        raise Invalid("item", "This item has no member to reach out to.")
    if user_id == actor.id:
        raise Invalid("item", "You can't reach out to yourself.")
    o = Outreach(user_id=user_id, item_id=item.id if item else None, created_by_id=actor.id)
    db.session.add(o)
    db.session.flush()
    db.session.add(OutreachMessage(outreach_id=o.id, from_team=True, author_id=actor.id, body=message))
    if item is not None:
        item.outreach_at, item.outreach_by_id = utcnow(), actor.id
        if item.claimed_by_id is None:
            item.claimed_by_id, item.claimed_at = actor.id, utcnow()
    notify(user_id=user_id, kind="outreach", text="A message from the moderation team: we wanted to check in with you.",
           link=f"/outreach/{o.id}")
    record(actor=actor, action="outreach.sent", target_type="user", target_id=user_id,
           detail={"outreach": o.id, "item": item.id if item else None})
    db.session.commit()
    return o


def get_outreach(*, viewer: Any, outreach_id: int) -> Outreach:
    o = db.session.get(Outreach, outreach_id)
    if o is None or not (permissions.is_moderator(viewer) or (permissions.is_member(viewer) and o.user_id == viewer.id)):
        raise NotFound("No such conversation.")
    return o


def messages(o: Outreach) -> list[OutreachMessage]:
    return list(db.session.scalars(sa.select(OutreachMessage).where(OutreachMessage.outreach_id == o.id)
                                   .order_by(OutreachMessage.id)))


def reply_to_outreach(*, actor: User, outreach: Outreach, message: str) -> OutreachMessage:
    """The member answers the team (or a moderator writes again, as the team). The other side is
    notified; a member's first answer is recorded on the queue item. Commits."""
    is_member_side = outreach.user_id == actor.id
    if not (is_member_side or permissions.is_moderator(actor)):
        raise NotFound("No such conversation.")
    msg = OutreachMessage(outreach_id=outreach.id, from_team=not is_member_side, author_id=actor.id,
                          body=_check_message(message))
    db.session.add(msg)
    if is_member_side:
        item = db.session.get(QueueItem, outreach.item_id) if outreach.item_id else None
        if item is not None and item.member_replied_at is None:
            item.member_replied_at = utcnow()
        notify(user_id=outreach.created_by_id, kind="outreach_reply", text="A member answered the moderation team's check-in.",
               link=f"/outreach/{outreach.id}")
    else:
        notify(user_id=outreach.user_id, kind="outreach", text="A new message from the moderation team.",
               link=f"/outreach/{outreach.id}")
    db.session.commit()
    return msg


def outreach_for_item(item: QueueItem) -> list[Outreach]:
    return list(db.session.scalars(sa.select(Outreach).where(Outreach.item_id == item.id).order_by(Outreach.id)))


# --- escalation --------------------------------------------------------------------------

def _admins() -> list[int]:
    return list(db.session.scalars(sa.select(User.id).where(User.role == Role.ADMIN, User.banned_at.is_(None))))


def escalate(*, actor: User | None, item: QueueItem, reason: str) -> QueueItem:
    """A moderator (or the crisis timer, actor None) escalates an item: it leaves the ordinary
    queue for the admins, every admin gets an `escalation` notification (and an email), and so
    does the on-call list (oncall.py). Audited. Commits."""
    if actor is not None:
        permissions.require(permissions.can_moderate(actor))
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("reason", "Say why it needs an admin.")
    if item.state == ItemState.RESOLVED:
        raise Conflict("This item has already been decided.", code="already_decided")
    item.state, item.claimed_by_id = ItemState.ESCALATED, None
    urgent = item.priority >= gate.URGENT
    admins = _admins()
    for uid in admins:
        if actor is None or uid != actor.id:
            notify(user_id=uid, kind="escalation", link=f"/moderation/queue/{item.id}",
                   text=("Urgent: a crisis item was escalated to the admins." if urgent else "An item was escalated to the admins.")
                   + f" Reason: {reason[:200]}")
    # The on-call list hears of it too, and every admin with a verified address gets an email
    # (naming the community and linking the item, never the content).
    oncall.alert(item=item, kind="escalation", actor_id=actor.id if actor else None, admins=admins)
    record(actor=actor, action="queue.escalate", target_type=item.target_type, target_id=item.target_id,
           detail={"item": item.id}, reason=reason)
    events.emit("moderation.escalated", item_id=item.id)
    db.session.commit()
    return item


def sweep_unclaimed_crises(*, now: dt.datetime | None = None) -> int:
    """Crisis items nobody claimed within CRISIS_CLAIM_MINUTES alert the moderators again and
    escalate to the admins by themselves, once each. Run every minute (the CLI
    `moderation sweep`). Returns how many fired."""
    now = now or utcnow()
    cutoff = now - dt.timedelta(minutes=int(current_app.config["CRISIS_CLAIM_MINUTES"]))
    items = db.session.scalars(sa.select(QueueItem).where(
        QueueItem.state == ItemState.OPEN, QueueItem.priority >= gate.URGENT, QueueItem.claimed_by_id.is_(None),
        QueueItem.realerted_at.is_(None), QueueItem.created_at <= cutoff)).all()
    for item in items:
        item.realerted_at = now
        events.emit("moderation.crisis", item_id=item.id, target_type=item.target_type, target_id=item.target_id)
        escalate(actor=None, item=item, reason=f"No moderator claimed this crisis item within "
                                                f"{current_app.config['CRISIS_CLAIM_MINUTES']} minutes.")
    return len(items)


def oldest_unhandled_crisis(*, now: dt.datetime | None = None) -> dt.timedelta | None:
    first = db.session.scalar(sa.select(sa.func.min(QueueItem.created_at)).where(
        QueueItem.state != ItemState.RESOLVED, QueueItem.priority >= gate.URGENT))
    return (now or utcnow()) - first if first else None


# --- appeals -----------------------------------------------------------------------------

def appeal(*, actor: User, text: str, item_id: int | None = None, sanction_id: int | None = None) -> Appeal:
    """The author of rejected content, or a sanctioned member, appeals once per decision. The
    appeal goes to the queue (`target_type` appeal) for a moderator other than the one who
    decided. Commits."""
    if not permissions.is_member(actor):
        raise NotAllowed("Log in to appeal.")
    text = (text or "").strip()
    if not 10 <= len(text) <= 2000:
        raise Invalid("text", "Explain your appeal in 10 to 2,000 characters.")
    if (item_id is None) == (sanction_id is None):
        raise Invalid("item_id", "Appeal one decision: give item_id or sanction_id.")
    if item_id is not None:
        decided = db.session.get(QueueItem, item_id)
        if decided is None or decided.author_id != actor.id or decided.decision != "reject":
            raise NotFound("There is no rejection of your content with that id.")
        decider, condition_id = decided.resolved_by_id, decided.condition_id
    else:
        decided = db.session.get(Sanction, sanction_id)
        if decided is None or decided.user_id != actor.id:
            raise NotFound("There is no sanction of yours with that id.")
        decider, condition_id = decided.created_by_id, None
    exists = db.session.scalar(sa.select(Appeal.id).where(Appeal.user_id == actor.id, (
        Appeal.item_id == item_id) if item_id is not None else (Appeal.sanction_id == sanction_id)))
    if exists:
        raise Conflict("You have already appealed this decision.", code="already_appealed")
    a = Appeal(user_id=actor.id, item_id=item_id, sanction_id=sanction_id, text=text, decided_by_id=decider)
    db.session.add(a)
    db.session.flush()
    db.session.add(QueueItem(target_type="appeal", target_id=a.id, condition_id=condition_id, author_id=actor.id,
                             reasons=["appeal"], findings=[], context=[], priority=gate.PRIORITY.get("appeal", 35)))
    record(actor=actor, action="appeal.filed", target_type="appeal", target_id=a.id,
           detail={"item": item_id, "sanction": sanction_id})
    events.emit("moderation.queued", item_id=a.id)
    db.session.commit()
    return a


def decide_appeal(*, actor: User, item: QueueItem, action: str, reason: str = "") -> QueueItem:
    """A moderator other than the one who made the appealed decision upholds the appeal
    (`approve`: the content is published again, or the sanction lifted) or refuses it
    (`reject`, with a reason). The member is told the outcome. Audited. Commits."""
    permissions.require(permissions.can_moderate(actor))
    a = db.session.get(Appeal, item.target_id)
    if a is None:
        raise NotFound("No such appeal.")
    if a.decided_by_id == actor.id:
        raise NotAllowed("A different moderator decides an appeal against your own decision.")
    if item.state == ItemState.RESOLVED:
        raise Conflict("This item has already been decided.", code="already_decided")
    reason = (reason or "").strip()[:1000]
    if action == "approve":
        a.outcome = "upheld"
        if a.item_id is not None:
            original = db.session.get(QueueItem, a.item_id)
            handler = targets.handler(original.target_type)
            obj = handler.load(original.target_id)
            if obj is not None and getattr(obj, "status", None) == Status.REJECTED:
                handler.set_status(obj, Status.PUBLISHED)
        elif a.sanction_id is not None:
            row = db.session.get(Sanction, a.sanction_id)
            if row is not None and row.lifted_at is None:
                sanctions.undo(actor=actor, row=row, reason="appeal upheld")
        text = "Your appeal was upheld: the decision has been reversed."
    elif action == "reject":
        if not reason:
            raise Invalid("reason", "Give a reason: the member will see it.")
        a.outcome = "refused"
        text = f"Your appeal was reviewed by another moderator and the decision stands. Reason: {reason}"
    else:
        raise Invalid("action", "An appeal is approved (upheld) or rejected (refused).")
    item.state, item.resolved_at, item.resolved_by_id = ItemState.RESOLVED, utcnow(), actor.id
    item.decision, item.decision_reason = action, reason or None
    notify(user_id=a.user_id, kind="appeal_outcome", text=text, link="/appeals")
    record(actor=actor, action=f"appeal.{a.outcome}", target_type="appeal", target_id=a.id, reason=reason)
    db.session.commit()
    return item


class AppealTarget:
    """How the queue shows an appeal (decided through `decide_appeal`)."""

    def load(self, target_id: int) -> Appeal | None:
        return db.session.get(Appeal, target_id)

    def author_id(self, obj: Appeal) -> int:
        return obj.user_id

    def condition_id(self, obj: Appeal) -> None:
        return None

    def set_status(self, obj: Appeal, status: Status) -> None:
        return None

    def edit(self, obj: Appeal, body: str, *, editor: Any) -> None:
        return None

    def show(self, obj: Appeal) -> targets.Shown:
        what = f"the rejection of queue item {obj.item_id}" if obj.item_id else f"sanction {obj.sanction_id}"
        return targets.Shown(raw=obj.text, html="", where=f"Appeal against {what}",
                             link=f"/moderation/queue/{obj.item_id}" if obj.item_id else None, status=obj.outcome or "waiting")

    def context(self, obj: Appeal) -> list[dict[str, Any]]:
        return []


def appealable(user: Any) -> list[QueueItem]:
    """Decisions the member may still appeal: rejections of their content not yet appealed."""
    done = sa.select(Appeal.item_id).where(Appeal.user_id == user.id, Appeal.item_id.is_not(None))
    return list(db.session.scalars(sa.select(QueueItem).where(
        QueueItem.author_id == user.id, QueueItem.decision == "reject", QueueItem.target_type != "appeal",
        QueueItem.id.not_in(done)).order_by(QueueItem.id.desc()).limit(50)))


def appeals_of(user: Any) -> list[Appeal]:
    return list(db.session.scalars(sa.select(Appeal).where(Appeal.user_id == user.id).order_by(Appeal.id.desc())))


# --- heat controls -----------------------------------------------------------------------

LOCK_REASON_MAX = 300       # threads.lock_reason is String(300)

def set_thread_controls(*, actor: User, thread: Thread, locked: bool | None = None, reason: str = "",
                        slow_mode_seconds: int | None = None) -> Thread:
    """Moderators lock or unlock a thread (with a visible reason) and set its slow mode (0 off).
    Audited, reversible. Commits."""
    permissions.require(permissions.can_moderate(actor))
    reason = " ".join((reason or "").split())
    if len(reason) > LOCK_REASON_MAX:      # the column's size (threads.lock_reason): refused, never cut
        raise Invalid("reason", f"Reasons are at most {LOCK_REASON_MAX} characters (this one has {len(reason):,}).")
    if locked is not None:
        if locked and not reason:
            raise Invalid("reason", "Give a reason: members see it on the thread.")
        thread.locked_at, thread.lock_reason = (utcnow(), reason) if locked else (None, None)
    if slow_mode_seconds is not None:
        if isinstance(slow_mode_seconds, bool) or not 0 <= slow_mode_seconds <= 86_400:
            raise Invalid("slow_mode_seconds", "Slow mode is 0 (off) to 86,400 seconds.")
        thread.slow_mode_seconds = slow_mode_seconds
    record(actor=actor, action="thread.controls", target_type="thread", target_id=thread.id, reason=reason,
           detail={"locked": thread.locked_at is not None, "slow_mode_seconds": thread.slow_mode_seconds})
    db.session.commit()
    return thread


def set_room_slow_mode(*, actor: User, room: Any, slow_mode_seconds: int, reason: str = "") -> None:
    """Moderators space each member's messages in a condition's chat room (0 turns it off).
    Audited, reversible. Commits."""
    permissions.require(permissions.can_moderate(actor))
    if isinstance(slow_mode_seconds, bool) or not isinstance(slow_mode_seconds, int) or not 0 <= slow_mode_seconds <= 86_400:
        raise Invalid("slow_mode_seconds", "Slow mode is 0 (off) to 86,400 seconds.")
    room.slow_mode_seconds = slow_mode_seconds
    record(actor=actor, action="room.controls", target_type="room", target_id=room.id,
           reason=" ".join((reason or "").split())[:300], detail={"slow_mode_seconds": slow_mode_seconds})
    db.session.commit()
