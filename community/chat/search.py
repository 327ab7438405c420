"""Chat messages in search results, for members: every published message of the rooms they may
read (the rooms of the conditions they joined, their own private conversations), never one by
a member they blocked.

Index-backed like posts (forums/search.py): `chat_search` (migration 0008_search, kept by
triggers on chat_messages, so only published messages are in it) holds each message's words and
its scope: `c<room>` for a condition's room, `u<member>` for both members of a private
conversation, `a<author>`. A search asks the index for the words AND one of the searcher's
scopes (AND NOT a blocked author), walking message ids downwards and stopping after `limit`
rows: nothing is scored, counted or sorted over every match, so the cost does not grow with
the chat's history. Statements run inside the caller's statement deadline."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from .. import permissions
from ..extensions import db
from ..forums.models import Condition, ConditionMember, Status
from ..forums.search_plan import words_are_common
from ..ignoring.services import ignored_ids
from .models import Block, DirectConversation, Message, Room, RoomKind


@dataclass
class ChatHit:
    message: Message
    condition: Condition | None        # None: a private conversation
    room_key: str
    snippet: Any


def _scopes(viewer: Any, condition: Condition | None) -> tuple[list[str], dict[int, Condition | None]]:
    """The index scopes `viewer` may read, and the condition of each room (None for private ones)."""
    rooms_q = (sa.select(Room.id, Condition).join(Condition, Condition.id == Room.condition_id)
               .join(ConditionMember, sa.and_(ConditionMember.condition_id == Condition.id,
                                              ConditionMember.user_id == viewer.id))
               .where(Room.kind == RoomKind.CONDITION))
    if condition is not None:
        rooms_q = rooms_q.where(Condition.id == condition.id)
    rooms: dict[int, Condition | None] = {room_id: cond for room_id, cond in db.session.execute(rooms_q).all()}
    scopes = [f"c{room_id}" for room_id in rooms]
    if condition is None:
        scopes.append(f"u{viewer.id}")      # every private conversation of the viewer (chat.access.check_read)
    return scopes, rooms


def _blocked(viewer: Any) -> list[int]:
    """Authors whose messages the viewer never sees: those they blocked or ignore."""
    blocked = set(db.session.scalars(sa.select(Block.blocked_id).where(Block.blocker_id == viewer.id)))
    return sorted(blocked | ignored_ids(viewer))


def _id_bound(since: dt.date | None, until: dt.date | None) -> tuple[int | None, int | None]:
    """Dates as a range of message ids (one sequence, growing with time), from the created_at index."""
    lo = hi = None
    if since is not None:
        start = dt.datetime.combine(since, dt.time(), dt.UTC)
        lo = db.session.scalar(sa.select(Message.id).where(Message.created_at >= start).order_by(Message.created_at).limit(1))
        lo = lo if lo is not None else 2**62
    if until is not None:
        end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), dt.UTC)
        hi = db.session.scalar(sa.select(Message.id).where(Message.created_at < end).order_by(Message.created_at.desc()).limit(1))
        hi = hi if hi is not None else 0
    return lo, hi


def _quoted(items: list[str]) -> str:
    return " OR ".join(f'"{s}"' for s in items)


def _matching_ids(terms: list[str], scopes: list[str], blocked: list[int], author_id: int | None,
                  lo: int | None, hi: int | None, limit: int) -> list[int]:
    params: dict[str, Any] = {"n": limit}
    if db.session.get_bind().dialect.name == "sqlite":
        # Words only in the body column, scopes only in the scope column: a message's text can't
        # pass for a scope. Terms are \w+ words, each quoted: nothing typed is FTS syntax.
        q = "body : (" + " ".join(f'"{t}"' for t in terms) + f") AND scope : ({_quoted(scopes)})"
        if author_id is not None:
            q += f' AND scope : "a{author_id}"'
        if blocked:
            q += f" NOT scope : ({_quoted([f'a{b}' for b in blocked])})"
        where, idcol = ["chat_search MATCH :q"], "rowid"
        params["q"] = q
    else:
        where, idcol = ["document @@ to_tsquery('english', :q)", "scope && CAST(:scopes AS text[])"], "message_id"
        params.update(q=" & ".join(f"'{t}'" for t in terms), scopes=scopes)
        if author_id is not None:
            where.append("scope @> CAST(:author AS text[])")
            params["author"] = [f"a{author_id}"]
        if blocked:
            where.append("NOT scope && CAST(:blocked AS text[])")
            params["blocked"] = [f"a{b}" for b in blocked]
    if lo is not None:
        where.append(f"{idcol} >= :lo")
        params["lo"] = lo
    if hi is not None:
        where.append(f"{idcol} <= :hi")
        params["hi"] = hi
    sql = f"SELECT {idcol} FROM chat_search WHERE {' AND '.join(where)} ORDER BY {idcol} DESC LIMIT :n"
    if idcol == "rowid":
        return list(db.session.scalars(sa.text(sql), params))
    # PostgreSQL: the primary-key walk for common words, the GIN index's matches for rare ones
    # (forums/search_plan.py).
    if words_are_common("chat_search", terms, prefix=False):     # as forums/search.py does
        sql = sql.replace("document @@ to_tsquery('english', :q)", "coalesce(document @@ to_tsquery('english', :q), false)")
    else:
        sql = sql.replace(f"ORDER BY {idcol} DESC", f"ORDER BY {idcol} + 0 DESC")
    return list(db.session.scalars(sa.text(sql), params))


def find_messages(*, viewer: Any, terms: list[str], snippet: Any, condition: Condition | None = None,
                  author: Any = None, since: dt.date | None = None, until: dt.date | None = None,
                  limit: int = 5) -> list[ChatHit]:
    """Up to `limit` published messages (newest first) containing every term, from the rooms
    `viewer` may read. Nobody else (visitors, banned members) gets any."""
    if not terms or not permissions.is_member(viewer) or permissions.is_banned(viewer):
        return []
    scopes, rooms = _scopes(viewer, condition)
    if not scopes:
        return []
    lo, hi = _id_bound(since, until)
    ids = _matching_ids(terms, scopes, _blocked(viewer), author.id if author is not None else None, lo, hi, limit)
    if not ids:
        return []
    q = sa.select(Message).where(Message.id.in_(ids), Message.status == Status.PUBLISHED)
    if since is not None:
        q = q.where(Message.created_at >= dt.datetime.combine(since, dt.time(), dt.UTC))
    if until is not None:
        q = q.where(Message.created_at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), dt.UTC))
    found = {m.id: m for m in db.session.scalars(q)}
    private = {m.room_id for m in found.values()} - set(rooms)
    direct = {d.room_id: d for d in db.session.scalars(
        sa.select(DirectConversation).where(DirectConversation.room_id.in_(private)))} if private else {}
    hits = []
    for i in ids:
        m = found.get(i)
        if m is None:
            continue
        if m.room_id in rooms:
            cond = rooms[m.room_id]
            hits.append(ChatHit(message=m, condition=cond, room_key=f"condition:{cond.slug}" if cond else "", snippet=snippet(m.body, terms)))
        elif m.room_id in direct and direct[m.room_id].includes(viewer.id):     # checked again on the row
            hits.append(ChatHit(message=m, condition=None, room_key=f"dm:{m.room_id}", snippet=snippet(m.body, terms)))
    return hits[:limit]
