"""Chat messages: history, sending (through the moderation gate), edits and deletions, and what
moderation and account deletion change. Every write commits once and emits its event
(`chat.message_created`, `chat.message_edited`, `chat.message_changed`); the socket layer
(delivery.py) broadcasts after the commit, whichever adapter (socket, no-JavaScript form,
moderation decision) made the change."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from .. import events, permissions
from ..auth.models import User
from ..clinicians.badges import badge_of
from ..content import Status, message_visible_sql
from ..db import utcnow
from ..errors import Invalid, NeedsConfirmation, NotFound, Refused, TooSoon
from ..extensions import db
from ..forums.markdown import render_lite
from ..ignoring.models import ignores_sql
from ..inputs import text_problem
from ..moderation import gate
from ..moderation.notice import AuthorNotice, author_notice
from .access import check_read, check_write
from .members import Member
from .models import Message, Room, RoomKind
from .rooms import RoomRef, room_by_key, room_ref

BODY_MAX = 4000
CLIENT_ID_MAX = 64
HISTORY_PAGE = 50
REPLAY_MAX = 500
EDIT_WINDOW = dt.timedelta(minutes=5)
REPORT_CONTEXT = 10


# Statements of the hot path (every message locks, inserts and advances its room), built once.
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


def visible_to(viewer: Any) -> Any:
    """SQL condition: the messages `viewer` may see in a room they may read (content.py's rule)."""
    return message_visible_sql(viewer.id, status=Message.status, author_id=Message.author_id)


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


def history(*, actor: Any, room_key: str, after_id: int | None = None, before_id: int | None = None,
            limit: int = HISTORY_PAGE) -> tuple[Room, list[dict[str, Any]], bool]:
    """Messages for `actor`, oldest first. `after_id`: what a reconnecting client missed (up to
    REPLAY_MAX; `more` says to ask again). `before_id`: the page before (scrolling up).
    Neither: the latest page. Messages of members the actor ignores are left out. Returns
    (room, messages, more)."""
    room = room_by_key(room_key)
    check_read(actor, room)
    q = sa.select(Message).where(Message.room_id == room.id, visible_to(actor),
                                 sa.or_(Message.author_id.is_(None), ~ignores_sql(actor.id, Message.author_id)))
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

    def notice(self) -> AuthorNotice:
        """What the sender is told (the same words as the forum's, moderation/notice.py)."""
        kind = "private" if self.room.kind == RoomKind.DIRECT else "message"
        return author_notice(kind=kind, status=self.status, warnings=self.warnings)

    def ack(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ok": True, "id": self.message_id or self.message.id, "status": self.status,
                               "message": self.payload, "notice": self.notice().text}
        if self.warnings:
            out["warnings"] = self.warnings
        return out


def _existing(author_id: int, client_id: str) -> Message | None:
    return db.session.scalar(sa.select(Message).where(Message.author_id == author_id, Message.client_id == client_id))


def _check_body(body: Any) -> str:
    if not isinstance(body, str) or not body.strip():
        raise Invalid("body", "Write a message first.", code="empty")
    body = body.strip()
    if len(body) > BODY_MAX:
        raise Invalid("body", f"Messages can be at most {BODY_MAX:,} characters.", code="too_long", extra={"max": BODY_MAX})
    if problem := text_problem(body):
        raise Invalid("body", problem, code="invalid")
    return body


def _review(actor: Any, body: str, condition: int | None = None) -> gate.Verdict:
    try:
        return gate.review(actor=actor, text=body, kind="message", condition=condition)
    except Refused as err:
        raise Refused(err.message, code="blocked", extra=err.extra) from None


_SLOW = sa.select(Room.slow_mode_seconds).where(Room.id == sa.bindparam("room_id"))
_LAST_OWN = (sa.select(Message.created_at).where(Message.room_id == sa.bindparam("room_id"),
                                                 Message.author_id == sa.bindparam("author_id"))
             .order_by(Message.id.desc()).limit(1))


def _check_slow_mode(actor: Any, room: RoomRef) -> None:
    """A condition room in slow mode takes one message per member per interval (moderators are
    exempt, so they can still explain). Read from the row on every send, not from the room
    cache, so a moderator's change holds in every process at once."""
    if room.kind != RoomKind.CONDITION or permissions.is_moderator(actor):
        return
    seconds = db.session.execute(_SLOW, {"room_id": room.id}).scalar()
    if not seconds:
        return
    last = db.session.execute(_LAST_OWN, {"room_id": room.id, "author_id": actor.id}).scalar()
    TooSoon.unless_waited(last, seconds, "This room is in slow mode: you can send another message in {wait} seconds.")


def send(*, actor: Any, room_key: str, body: Any, client_id: Any = None, confirm_identifiers: bool = False) -> Sent:
    """Store a message (through the moderation gate) before anyone sees it. Identifiers stop
    the message with NeedsConfirmation (ack code `confirm_identifiers`) unless the sender
    confirms (then it is held for a moderator); crisis language sends it with help resources
    and raises the urgent alert; watched words block, hold, flag or censor. A repeated
    `client_id` returns the first message. Commits; emits `chat.message_created`.

    This is the chat's hot path (bench/README.md): the room comes from the app's cache, the
    repeated client_id is caught by the unique constraint rather than looked up first, and
    the broadcast payload is built before the commit so nothing is loaded again after it."""
    if client_id is not None and (not isinstance(client_id, str) or len(client_id) > CLIENT_ID_MAX):
        raise Invalid("client_id", f"client_id must be a string of at most {CLIENT_ID_MAX} characters.")
    body = _check_body(body)
    room = room_ref(room_key)
    check_write(actor, room)
    _check_slow_mode(actor, room)
    verdict = _review(actor, body, room.condition_id)
    if "phi" in verdict.reasons and not confirm_identifiers:
        if client_id and (dup := _existing(actor.id, client_id)) is not None:
            return _duplicate(dup, room)
        raise NeedsConfirmation("This message seems to contain personal details (shown below). Edit them out, or send "
                                "anyway: a moderator will check it before anyone else sees it.", code="confirm_identifiers",
                                warnings=[w for w in verdict.warnings if w["code"] != "held"], findings=verdict.findings, text=body)
    text = gate.censor(verdict, body)
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
    out = {**payload(msg, room.key, actor, badge_of(actor)), "prev_id": prev_id}
    sent = Sent(msg, room, str(msg.status), warnings=verdict.warnings, payload=out, message_id=msg.id)
    events.emit("chat.message_created", room_key=room.key, message=out, published=sent.published)
    if sent.published and "@" in text:   # mentions (community/notifications), after the commit
        events.emit("chat.message_sent", message_id=msg.id, condition_id=room.condition_id, author_id=actor.id, body=text)
    db.session.commit()
    return sent


def _duplicate(msg: Message, room: RoomRef) -> Sent:
    return Sent(msg, room, str(msg.status), duplicate=True, payload=serialise(msg, room.key), message_id=msg.id)


def _own_recent(actor: Any, message_id: Any) -> Message:
    msg = db.session.get(Message, message_id) if isinstance(message_id, int) else None
    if msg is None or msg.author_id != actor.id or msg.status == Status.DELETED:
        raise NotFound("There is no such message of yours.")
    created = msg.created_at if msg.created_at.tzinfo else msg.created_at.replace(tzinfo=dt.UTC)
    if utcnow() - created > EDIT_WINDOW:
        raise Invalid("id", "Messages can be changed for 5 minutes after sending.", code="too_late")
    return msg


def _edited(msg: Message) -> Sent:
    sent = Sent(msg, msg.room, str(msg.status), payload=serialise(msg, msg.room.key))
    events.emit("chat.message_edited", room_key=msg.room.key, message=sent.payload, published=sent.published,
                author_id=msg.author_id)
    return sent


def edit(*, actor: Any, message_id: Any, body: Any) -> Sent:
    """The author edits a message within 5 minutes; the new text passes the gate again (held
    if it must be). Commits; emits `chat.message_edited`."""
    body = _check_body(body)
    msg = _own_recent(actor, message_id)
    check_write(actor, msg.room)
    verdict = _review(actor, body, msg.room.condition_id)
    text = gate.censor(verdict, body)
    msg.body, msg.body_html, msg.edited_at = text, render_lite(text), utcnow()
    if verdict.held:
        msg.status = Status.PENDING
    if verdict.reasons:
        gate.enqueue(verdict=verdict, actor=actor, target_type="message", target_id=msg.id,
                     condition_id=msg.room.condition_id, context=context_around(msg))
    sent = _edited(msg)
    sent.warnings = verdict.warnings
    db.session.commit()
    return sent


def delete(*, actor: Any, message_id: Any) -> Sent:
    """The author deletes a message within 5 minutes: everyone then sees "deleted". Commits;
    emits `chat.message_edited`."""
    msg = _own_recent(actor, message_id)
    msg.status = Status.DELETED
    sent = _edited(msg)
    db.session.commit()
    return sent


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
    """Moderation changed a message (approved, rejected, hidden). No commit; emits
    `chat.message_changed` (the room hears of it once the decision commits)."""
    was = msg.status
    msg.status = status
    db.session.flush()
    events.emit("chat.message_changed", room_key=msg.room.key, message=serialise(msg, msg.room.key),
                was=str(was), now=str(status))


# --- account deletion and the data download (hooks, inside the account's transaction) ---------

def on_user_deleting(*, user_id: int, delete_content: bool) -> None:
    if delete_content:
        db.session.execute(sa.update(Message).where(Message.author_id == user_id).values(status=Status.DELETED))
    db.session.execute(sa.update(Message).where(Message.author_id == user_id).values(author_id=None, client_id=None))


def on_user_exporting(*, user_id: int, data: dict[str, object]) -> None:
    """The member's own chat messages for their data download (private rooms named by id)."""
    rows = db.session.scalars(sa.select(Message).where(Message.author_id == user_id).order_by(Message.id)).all()
    data["chat_messages"] = [{"id": m.id, "room": m.room.key, "status": str(m.status), "created_at": m.created_at.isoformat(),
                              "body": m.body} for m in rows]
