"""Chat use cases: rooms, history, sending (through the moderation gate), edits, read
positions, unread counts and private conversations. No transport here: the Socket.IO
namespace and the web views call these and broadcast what they return.

Room names are the contract's: `condition:<slug>` for a condition's room, `dm:<id>` for a
private conversation."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from .. import events, permissions
from ..auth.models import Role, User
from ..clinicians.badges import badge_of
from ..db import utcnow
from ..errors import DomainError, Invalid, NotAllowed, NotFound, Refused
from ..extensions import db
from ..forums.markdown import render_lite
from ..inputs import text_problem
from ..forums.models import Condition, ConditionMember, Status
from ..moderation import gate
from ..notifications.services import notify
from .members import Member
from .models import Block, DirectConversation, DirectState, Message, ReadPosition, Room, RoomKind

BODY_MAX = 4000
CLIENT_ID_MAX = 64
HISTORY_PAGE = 50
REPLAY_MAX = 500
EDIT_WINDOW = dt.timedelta(minutes=5)
REPORT_CONTEXT = 10


class ChatError(DomainError):
    """A chat action that can't be done; `code` is what the ack carries."""

    def __init__(self, code: str, message: str, **extra: Any):
        super().__init__(message, code=code, extra=extra)
        self.code = code
        self.extra = extra


# --- rooms -------------------------------------------------------------------------------

def condition_room(condition: Condition) -> Room:
    """The condition's room, made on first use (the CLI's `conditions create` makes it too)."""
    room = db.session.scalar(sa.select(Room).where(Room.condition_id == condition.id))
    if room is None:
        room = Room(kind=RoomKind.CONDITION, condition_id=condition.id)
        db.session.add(room)
        try:
            db.session.flush()
        except IntegrityError:   # another request made it first
            db.session.rollback()
            room = db.session.scalar(sa.select(Room).where(Room.condition_id == condition.id))
            assert room is not None
    return room


def room_by_key(key: str) -> Room:
    kind, _, rest = (key or "").partition(":")
    room: Room | None = None
    if kind == "condition" and rest:
        cond = db.session.scalar(sa.select(Condition).where(Condition.slug == rest))
        room = condition_room(cond) if cond is not None else None
    elif kind == "dm" and rest.isdigit():
        room = db.session.get(Room, int(rest))
        room = room if room is not None and room.kind == RoomKind.DIRECT else None
    if room is None:
        raise ChatError("not_found", "There is no such room.")
    return room


@dataclass(frozen=True)
class RoomRef:
    """What the send path needs of a room, cached per app: a room's id, kind and condition
    never change once made (check_read/check_write accept it as they accept a Room)."""

    id: int
    kind: str
    condition_id: int | None
    key: str


def room_ref(key: str) -> RoomRef:
    cache: dict[str, RoomRef] = current_app.extensions.setdefault("harbor_chat_rooms", {})
    ref = cache.get(key)
    if ref is None:
        room = room_by_key(key)
        ref = RoomRef(room.id, str(room.kind), room.condition_id, room.key)
        if len(cache) > 10_000:
            cache.clear()
        cache[ref.key] = ref
    return ref


def direct_of(room: Room | RoomRef) -> DirectConversation | None:
    return db.session.get(DirectConversation, room.id) if room.kind == RoomKind.DIRECT else None


# Statements of the hot path (every chat event checks membership; every message locks, inserts
# and advances its room), built once (functools.cache): SQLAlchemy then finds their compiled
# SQL without building and hashing a new statement each time (bench/README.md, "Live chat").
@functools.cache
def _joined_statement() -> Any:
    m = ConditionMember.__table__.c
    return sa.select(m.user_id).where(m.user_id == sa.bindparam("user_id"), m.condition_id == sa.bindparam("condition_id"))


@functools.cache
def _room_lock_statement(for_update: bool) -> Any:
    r = Room.__table__.c
    stmt = sa.select(r.last_message_id).where(r.id == sa.bindparam("room_id"))
    return stmt.with_for_update() if for_update else stmt


@functools.cache
def _insert_message_statement(with_prev: bool) -> Any:
    """INSERT ... RETURNING the new id; `with_prev` (SQLite) also returns the room's last id
    before it, read inside the same exclusive write transaction, so no lock select is needed."""
    m = Message.__table__
    if not with_prev:
        return sa.insert(m).returning(m.c.id)
    r = Room.__table__.c
    return sa.insert(m).returning(m.c.id, sa.select(r.last_message_id).where(r.id == sa.bindparam("lock_room_id")).scalar_subquery())


@functools.cache
def _advance_room_statement() -> Any:
    r = Room.__table__
    return sa.update(r).where(r.c.id == sa.bindparam("room_id")).values(last_message_id=sa.bindparam("new_id"))


def _joined(user: User, condition_id: int) -> bool:
    known = getattr(user, "membership", None)   # read with a chat event's member (members.load_member)
    if known is not None and known[0] == condition_id:
        return bool(known[1])
    params = {"user_id": user.id, "condition_id": condition_id}
    return db.session.connection().execute(_joined_statement(), params).first() is not None


def blocked_between(a_id: int, b_id: int) -> bool:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Block).where(
        sa.or_(sa.and_(Block.blocker_id == a_id, Block.blocked_id == b_id),
               sa.and_(Block.blocker_id == b_id, Block.blocked_id == a_id)))) > 0


def _allow_clinician_dm() -> bool:
    return bool(current_app.config.get("ALLOW_CLINICIAN_PATIENT_DM"))


def check_read(user: User, room: Room) -> None:
    """Raise ChatError unless `user` may read `room`."""
    if not permissions.is_member(user) or permissions.is_banned(user):
        raise ChatError("not_allowed", "Log in to use chat.")
    if room.kind == RoomKind.CONDITION:
        if room.condition_id is not None and not _joined(user, room.condition_id) and not permissions.is_moderator(user):
            raise ChatError("not_member", "Join this condition's community to use its chat room.")
        return
    conv = direct_of(room)
    if conv is None or not conv.includes(user.id):
        # Moderators see private messages only through a report (the queue shows the context).
        raise ChatError("not_member", "This conversation is private.")


def check_write(user: User, room: Room) -> None:
    check_read(user, room)
    until = permissions.silenced_until(user)
    if until is not None or not permissions.can_write(user):
        raise ChatError("muted", "You can't send messages right now" + (f" (until {until:%d %b %Y %H:%M} UTC)." if until else "."),
                        until=until.isoformat() if until else None)
    conv = direct_of(room)
    if conv is not None:
        other = db.session.get(User, conv.other(user.id))
        if conv.state != DirectState.OPEN:
            raise ChatError("not_allowed", "This conversation opens when the other member accepts.")
        if other is None or blocked_between(user.id, other.id) or not permissions.can_start_dm(
                user, other, allow_clinician_patient=_allow_clinician_dm()):
            raise ChatError("not_allowed", "You can't send messages in this conversation.")


def rooms_for(user: User) -> list[Room]:
    """Every room the member can open: joined conditions' rooms, then open conversations."""
    conds = db.session.scalars(sa.select(Condition).join(ConditionMember, ConditionMember.condition_id == Condition.id)
                               .where(ConditionMember.user_id == user.id).order_by(Condition.name)).all()
    rooms = [condition_room(c) for c in conds]
    convs = db.session.scalars(sa.select(DirectConversation).where(
        sa.or_(DirectConversation.user_low_id == user.id, DirectConversation.user_high_id == user.id),
        DirectConversation.state == DirectState.OPEN)).all()
    return rooms + [c.room for c in convs]


def room_title(room: Room, viewer: User) -> str:
    if room.kind == RoomKind.CONDITION and room.condition is not None:
        return room.condition.name
    conv = direct_of(room)
    other = db.session.get(User, conv.other(viewer.id)) if conv else None
    return f"Private conversation with {other.name if other else 'former member'}"


# --- messages ----------------------------------------------------------------------------

def visible_to(viewer: User) -> Any:
    """SQL condition: the messages `viewer` may see (published, deleted tombstones, their own held ones)."""
    return sa.or_(Message.status.in_([Status.PUBLISHED, Status.DELETED]),
                  sa.and_(Message.author_id == viewer.id, Message.status.in_([Status.PENDING, Status.HIDDEN])))


def serialise(msg: Message, room_key: str, badges: dict[int, Any] | None = None) -> dict[str, Any]:
    """The contract's message object plus what the client needs to show it."""
    author = msg.author
    badge = None
    if author is not None:
        if badges is not None:
            if author.id not in badges:
                badges[author.id] = badge_of(author)
            badge = badges[author.id]
        else:
            badge = badge_of(author)
    return payload(msg, room_key, author, badge)


def payload(msg: Message | StoredMessage, room_key: str, author: User | Member | None, badge: dict[str, Any] | None) -> dict[str, Any]:
    who = ({"name": author.name, "username": author.username, "badge": badge} if author is not None
           else {"name": "former member", "username": None, "badge": None})
    deleted = msg.status == Status.DELETED
    return {
        "id": msg.id, "room": room_key, "author": who,
        "body": "" if deleted else msg.body, "html": "" if deleted else msg.body_html,
        "created_at": msg.created_at.isoformat(), "edited": msg.edited_at is not None,
        "deleted": deleted, "status": str(msg.status),
        "reactions": dict(getattr(msg, "reactions", None) or {}),
    }


def history(*, actor: User, room_key: str, after_id: int | None = None, before_id: int | None = None,
            limit: int = HISTORY_PAGE) -> tuple[Room, list[dict[str, Any]], bool]:
    """Messages for `actor`, oldest first. `after_id`: what a reconnecting client missed (up to
    REPLAY_MAX; `more` says to ask again). `before_id`: the page before (scrolling up).
    Neither: the latest page. Returns (room, messages, more)."""
    room = room_by_key(room_key)
    check_read(actor, room)
    q = sa.select(Message).where(Message.room_id == room.id, visible_to(actor))
    if after_id is not None:
        rows = list(db.session.scalars(q.where(Message.id > after_id).order_by(Message.id).limit(REPLAY_MAX + 1)))
        more = len(rows) > REPLAY_MAX
        rows = rows[:REPLAY_MAX]
    else:
        if before_id is not None:
            q = q.where(Message.id < before_id)
        limit = max(1, min(limit, 100))
        rows = list(db.session.scalars(q.order_by(Message.id.desc()).limit(limit + 1)))
        more = len(rows) > limit
        rows = rows[:limit][::-1]
    badges: dict[int, Any] = {}
    return room, [serialise(m, room.key, badges) for m in rows], more


@dataclass(slots=True)
class StoredMessage:
    """A message `send` has just written with a Core INSERT: what `payload` and the adapters read
    of it, without building an ORM instance for every chat message."""

    id: int
    status: Status
    body: str
    body_html: str
    created_at: dt.datetime
    edited_at: dt.datetime | None = None


@dataclass
class Sent:
    message: Message | StoredMessage
    room: Room | RoomRef
    status: str
    warnings: list[dict[str, Any]] = field(default_factory=list)
    duplicate: bool = False
    payload: dict[str, Any] = field(default_factory=dict)
    message_id: int = 0

    @property
    def published(self) -> bool:
        return self.status == Status.PUBLISHED

    def ack(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ok": True, "id": self.message_id or self.message.id, "status": self.status,
                               "message": self.payload}
        if self.warnings:
            out["warnings"] = self.warnings
        return out


def _existing(author_id: int, client_id: str) -> Message | None:
    return db.session.scalar(sa.select(Message).where(Message.author_id == author_id, Message.client_id == client_id))


def _check_body(body: Any) -> str:
    if not isinstance(body, str) or not body.strip():
        raise ChatError("empty", "Write a message first.")
    body = body.strip()
    if len(body) > BODY_MAX:
        raise ChatError("too_long", f"Messages can be at most {BODY_MAX:,} characters.", max=BODY_MAX)
    if problem := text_problem(body):
        raise ChatError("invalid", problem)
    return body


def send(*, actor: User, room_key: str, body: Any, client_id: Any = None, confirm: bool = False) -> Sent:
    """Store a message (through the moderation gate) before anyone sees it. Identifiers stop
    the message with `confirm_identifiers` unless the sender confirms (then it is held for a
    moderator); crisis language sends it with help resources and raises the urgent alert;
    watched words block, hold, flag or censor. A repeated `client_id` returns the first
    message. Commits.

    This is the chat's hot path (bench/README.md): the room comes from a per-app cache, the
    repeated client_id is caught by the unique constraint rather than looked up first, and
    the broadcast payload is built before the commit so nothing is loaded again after it."""
    if client_id is not None and (not isinstance(client_id, str) or len(client_id) > CLIENT_ID_MAX):
        raise ChatError("invalid", f"client_id must be a string of at most {CLIENT_ID_MAX} characters.")
    body = _check_body(body)
    room = room_ref(room_key)
    check_write(actor, room)
    try:
        verdict = gate.review(actor=actor, text=body, kind="message", condition=room.condition_id)
    except Refused as err:
        raise ChatError("blocked", err.message, **(err.extra or {})) from None
    if "phi" in verdict.reasons and not confirm:
        if client_id and (dup := _existing(actor.id, client_id)) is not None:
            return _duplicate(dup, room)
        raise ChatError("confirm_identifiers",
                        "This message seems to contain personal details (shown below). Edit them out, or send "
                        "anyway: a moderator will check it before anyone else sees it.",
                        warnings=[w for w in verdict.warnings if w["code"] != "held"])
    text = gate.censor(verdict, body)
    author, badge = actor, badge_of(actor)
    # Read the room's last id with the row locked (FOR UPDATE on PostgreSQL; SQLite's write
    # transaction is already exclusive, so there the INSERT returns it): concurrent senders are
    # ordered, so message ids rise in commit order and a client's `after_id` never skips a
    # message committed late.
    conn = db.session.connection()
    locking = conn.dialect.name == "postgresql"
    if locking:
        prev_id = conn.execute(_room_lock_statement(True), {"room_id": room.id}).scalar_one()
    values = {"room_id": room.id, "author_id": actor.id, "client_id": client_id or None, "body": text,
              "body_html": render_lite(text), "status": verdict.status, "created_at": utcnow(), "edited_at": None}
    try:
        # A Core INSERT (no unit of work): this runs for every chat message.
        if locking:
            new_id = conn.execute(_insert_message_statement(False), values).scalar_one()
        else:
            new_id, prev_id = conn.execute(_insert_message_statement(True), {**values, "lock_room_id": room.id}).one()
    except IntegrityError:   # this client_id was stored before (a retry after a lost ack)
        db.session.rollback()
        dup = _existing(actor.id, str(client_id)) if client_id else None
        if dup is None:
            raise
        return _duplicate(dup, room)
    msg = StoredMessage(new_id, verdict.status, text, values["body_html"], values["created_at"])
    conn.execute(_advance_room_statement(), {"room_id": room.id, "new_id": new_id})
    if verdict.reasons:
        stored = db.session.get(Message, new_id)
        assert stored is not None
        gate.enqueue(verdict=verdict, actor=actor, target_type="message", target_id=new_id,
                     condition_id=room.condition_id, context=context_around(stored))
    # `prev_id`: the room's message before this one. A client holding less than that missed a
    # broadcast (a Redis outage between processes) and fills the gap with `history`.
    out = {**payload(msg, room.key, author, badge), "prev_id": prev_id}
    message_id, status = msg.id, str(msg.status)
    db.session.commit()
    if msg.status == Status.PUBLISHED and "@" in text:   # mentions (community/notifications), after the commit
        events.emit("chat.message_sent", message_id=message_id, condition_id=room.condition_id, author_id=actor.id,
                    body=text)
    return Sent(msg, room, status, warnings=verdict.warnings, payload=out, message_id=message_id)


def _duplicate(msg: Message, room: RoomRef) -> Sent:
    return Sent(msg, room, str(msg.status), duplicate=True, payload=serialise(msg, room.key), message_id=msg.id)


def _own_recent(actor: User, message_id: Any) -> Message:
    msg = db.session.get(Message, message_id) if isinstance(message_id, int) else None
    if msg is None or msg.author_id != actor.id or msg.status == Status.DELETED:
        raise ChatError("not_found", "There is no such message of yours.")
    created = msg.created_at if msg.created_at.tzinfo else msg.created_at.replace(tzinfo=dt.UTC)
    if utcnow() - created > EDIT_WINDOW:
        raise ChatError("too_late", "Messages can be changed for 5 minutes after sending.")
    return msg


def edit(*, actor: User, message_id: Any, body: Any) -> Sent:
    """The author edits a message within 5 minutes; the new text passes the gate again (held
    if it must be). Commits."""
    body = _check_body(body)
    msg = _own_recent(actor, message_id)
    check_write(actor, msg.room)
    try:
        verdict = gate.review(actor=actor, text=body, kind="message", condition=msg.room.condition_id)
    except Refused as err:
        raise ChatError("blocked", err.message) from None
    text = gate.censor(verdict, body)
    msg.body, msg.body_html, msg.edited_at = text, render_lite(text), utcnow()
    if verdict.held:
        msg.status = Status.PENDING
    if verdict.reasons:
        gate.enqueue(verdict=verdict, actor=actor, target_type="message", target_id=msg.id,
                     condition_id=msg.room.condition_id, context=context_around(msg))
    db.session.commit()
    return Sent(msg, msg.room, str(msg.status), warnings=verdict.warnings, payload=serialise(msg, msg.room.key))


def delete(*, actor: User, message_id: Any) -> Sent:
    """The author deletes a message within 5 minutes: everyone then sees "deleted". Commits."""
    msg = _own_recent(actor, message_id)
    msg.status = Status.DELETED
    db.session.commit()
    return Sent(msg, msg.room, str(msg.status), payload=serialise(msg, msg.room.key))


def context_around(msg: Message, n: int = REPORT_CONTEXT) -> list[dict[str, Any]]:
    """The messages around `msg` (n in all, the message itself marked) for a moderator."""
    half = n // 2
    before = db.session.scalars(sa.select(Message).where(Message.room_id == msg.room_id, Message.id < msg.id)
                                .order_by(Message.id.desc()).limit(half)).all()
    after = db.session.scalars(sa.select(Message).where(Message.room_id == msg.room_id, Message.id > msg.id)
                               .order_by(Message.id).limit(n - half)).all()
    out = []
    for m in [*before[::-1], msg, *after]:
        out.append({"id": m.id, "author": m.author.name if m.author else "former member", "body": m.body,
                    "status": str(m.status), "created_at": m.created_at.isoformat(), "reported": m.id == msg.id})
    return out


def set_status(msg: Message, status: Status) -> None:
    """Moderation changed a message (approved, rejected, hidden): tell the room. No commit."""
    was = msg.status
    msg.status = status
    db.session.flush()
    events.emit("chat.message_changed", message_id=msg.id, was=str(was), now=str(status))


# --- read positions and unread counts ------------------------------------------------------

def mark_read(*, actor: User, room_key: str, message_id: Any) -> tuple[Room, int]:
    room = room_by_key(room_key)
    check_read(actor, room)
    if not isinstance(message_id, int) or message_id < 0:
        raise ChatError("invalid", "Say which message was read.")
    message_id = min(message_id, room.last_message_id)
    pos = db.session.get(ReadPosition, (actor.id, room.id))
    if pos is None:
        pos = ReadPosition(user_id=actor.id, room_id=room.id, last_read_id=0)
        db.session.add(pos)
    pos.last_read_id = max(pos.last_read_id or 0, message_id)
    db.session.commit()
    return room, pos.last_read_id


def unread_counts(*, actor: User, rooms: list[Room]) -> dict[int, int]:
    """Room id → published messages by others after the member's read position."""
    if not rooms:
        return {}
    ids = [r.id for r in rooms]
    rp = sa.orm.aliased(ReadPosition)
    rows = db.session.execute(
        sa.select(Message.room_id, sa.func.count(Message.id))
        .outerjoin(rp, sa.and_(rp.room_id == Message.room_id, rp.user_id == actor.id))
        .where(Message.room_id.in_(ids), Message.status == Status.PUBLISHED,
               sa.or_(Message.author_id.is_(None), Message.author_id != actor.id),
               Message.id > sa.func.coalesce(rp.last_read_id, 0))
        .group_by(Message.room_id)).all()
    return {rid: n for rid, n in rows}


def read_position(actor: User, room: Room) -> int:
    pos = db.session.get(ReadPosition, (actor.id, room.id))
    return pos.last_read_id if pos else 0


# --- presence preference -------------------------------------------------------------------

def hides_presence(user_id: int) -> bool:
    """The member's choice (Settings → Profile, or the chat lobby) to hide when they are online."""
    user = db.session.get(User, user_id)
    return bool(user and user.hide_presence)


def set_hide_presence(*, actor: User, hide: bool) -> None:
    actor.hide_presence = bool(hide)
    db.session.commit()


# --- private conversations -----------------------------------------------------------------

def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def conversation_between(a: User, b: User) -> DirectConversation | None:
    low, high = _pair(a.id, b.id)
    return db.session.scalar(sa.select(DirectConversation).where(
        DirectConversation.user_low_id == low, DirectConversation.user_high_id == high))


def request_conversation(*, actor: User, other: User) -> DirectConversation:
    """Ask another member for a private conversation. Peers only: a clinician and a patient
    can't (unless ALLOW_CLINICIAN_PATIENT_DM), nor can blocked members. Commits."""
    if not permissions.can_start_dm(actor, other, allow_clinician_patient=_allow_clinician_dm()):
        if {actor.role, other.role} == {Role.CLINICIAN, Role.PATIENT}:
            raise NotAllowed("Clinicians and patients can't start private conversations with each other here; "
                             "ask in the condition forum instead.")
        raise NotAllowed("You can't start a private conversation with this member.")
    if blocked_between(actor.id, other.id):
        raise NotAllowed("You can't start a private conversation with this member.")
    conv = conversation_between(actor, other)
    if conv is not None and conv.state != DirectState.DECLINED:
        return conv
    if conv is None:
        room = Room(kind=RoomKind.DIRECT)
        db.session.add(room)
        db.session.flush()
        low, high = _pair(actor.id, other.id)
        conv = DirectConversation(room_id=room.id, user_low_id=low, user_high_id=high, requested_by_id=actor.id)
        db.session.add(conv)
    conv.state, conv.requested_by_id = DirectState.REQUESTED, actor.id
    notify(user_id=other.id, kind="chat.request", text=f"{actor.name} asks for a private conversation.", link="/chat/private")
    db.session.commit()
    events.emit("chat.dm_changed", room_id=conv.room_id, user_ids=[actor.id, other.id])
    return conv


def _conversation_for(actor: User, room_id: int) -> DirectConversation:
    conv = db.session.get(DirectConversation, room_id)
    if conv is None or not conv.includes(actor.id):
        raise NotFound("There is no such conversation.")
    return conv


def answer_request(*, actor: User, room_id: int, accept: bool) -> DirectConversation:
    """The asked member accepts (the conversation opens) or declines. Commits."""
    conv = _conversation_for(actor, room_id)
    if conv.state != DirectState.REQUESTED or conv.requested_by_id == actor.id:
        raise Invalid("request", "There is no request for you to answer here.")
    other = db.session.get(User, conv.requested_by_id)
    if accept:
        if other is None or not permissions.can_start_dm(actor, other, allow_clinician_patient=_allow_clinician_dm()) \
                or blocked_between(actor.id, other.id):
            raise NotAllowed("This conversation can't be opened.")
        conv.state = DirectState.OPEN
        notify(user_id=other.id, kind="chat.accepted", text=f"{actor.name} accepted your private conversation.",
               link=f"/chat/private/{conv.room_id}")
    else:
        conv.state = DirectState.DECLINED
    db.session.commit()
    events.emit("chat.dm_changed", room_id=conv.room_id, user_ids=[conv.user_low_id, conv.user_high_id])
    return conv


def conversations(*, actor: User) -> list[DirectConversation]:
    return list(db.session.scalars(sa.select(DirectConversation).where(
        sa.or_(DirectConversation.user_low_id == actor.id, DirectConversation.user_high_id == actor.id),
        DirectConversation.state != DirectState.DECLINED).order_by(DirectConversation.created_at.desc())))


def block(*, actor: User, other: User) -> None:
    """No more messages or requests between the two, either way. Commits."""
    if other.id == actor.id:
        raise Invalid("username", "You can't block yourself.")
    if db.session.get(Block, (actor.id, other.id)) is None:
        db.session.add(Block(blocker_id=actor.id, blocked_id=other.id))
    db.session.commit()
    conv = conversation_between(actor, other)
    events.emit("chat.dm_changed", room_id=conv.room_id if conv else None, user_ids=[actor.id, other.id])


def unblock(*, actor: User, other: User) -> None:
    row = db.session.get(Block, (actor.id, other.id))
    if row is not None:
        db.session.delete(row)
    db.session.commit()


def blocked_by(actor: User) -> list[User]:
    return list(db.session.scalars(sa.select(User).join(Block, Block.blocked_id == User.id).where(Block.blocker_id == actor.id)))


def is_blocking(actor: User, other: User) -> bool:
    return db.session.get(Block, (actor.id, other.id)) is not None


# --- account deletion ------------------------------------------------------------------------

def on_user_deleting(*, user_id: int, delete_content: bool) -> None:
    if delete_content:
        db.session.execute(sa.update(Message).where(Message.author_id == user_id).values(status=Status.DELETED))
    db.session.execute(sa.update(Message).where(Message.author_id == user_id).values(author_id=None, client_id=None))


def on_user_exporting(*, user_id: int, data: dict[str, object]) -> None:
    """The member's own chat messages for their data download (private rooms named by id)."""
    rows = db.session.scalars(sa.select(Message).where(Message.author_id == user_id).order_by(Message.id)).all()
    data["chat_messages"] = [{"id": m.id, "room": m.room.key, "status": str(m.status), "created_at": m.created_at.isoformat(),
                              "body": m.body} for m in rows]
