"""Moderation use cases: watched words, member reports and context notes. Each public
function is one transaction that checks permission, writes, audits and commits.
(The queue and its decisions live in queue.py, sanctions in sanctions.py.)"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import current_app
from markupsafe import escape

from .. import events, permissions
from ..auth.models import User
from ..clinicians.badges import is_verified_clinician
from ..content import Status
from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from ..db import utcnow
from ..education.sources import SourceError, check_sources
from ..forums.markdown import render
from . import gate, targets, trust
from .audit import record
from .models import ContextNote, QueueItem, Report, ReportReason, WatchAction, WatchedWord
from ..notifications.services import notify
from .screening import STARTER_WATCHLIST

NOTE_MAX = 2000
REPORT_NOTE_MAX = 1000


# --- watched words -----------------------------------------------------------------------

def watch_word(*, actor: Any, word: str, action: str) -> WatchedWord:
    """Moderators (or the CLI, actor None) add or change a watched word. Audited. Commits."""
    if actor is not None:
        permissions.require(permissions.can_manage_watchlist(actor))
    word = " ".join(word.split()).casefold()
    if not 2 <= len(word) <= 100:
        raise Invalid("word", "A watched word or phrase is 2 to 100 characters.")
    try:
        act = WatchAction(action)
    except ValueError:
        raise Invalid("action", "Action is block, require_approval, flag or censor.") from None
    row = db.session.scalar(sa.select(WatchedWord).where(WatchedWord.word == word))
    if row is None:
        row = WatchedWord(word=word, action=act, created_by_id=getattr(actor, "id", None))
        db.session.add(row)
    elif row.action == act:
        raise Conflict(f"'{word}' is already watched with {act}.", code="already_watched")
    else:
        row.action = act
    db.session.flush()
    record(actor=actor, action="watchlist.add", target=row, detail={"word": word, "action": str(act)})
    db.session.commit()
    gate.invalidate_watchlist()
    return row


def unwatch_word(*, actor: Any, word_id: int) -> None:
    permissions.require(permissions.can_manage_watchlist(actor))
    row = db.session.get(WatchedWord, word_id)
    if row is None:
        raise NotFound("No such watched word.")
    record(actor=actor, action="watchlist.remove", target=row, detail={"word": row.word, "action": str(row.action)})
    db.session.delete(row)
    db.session.commit()
    gate.invalidate_watchlist()


def watched_words() -> list[WatchedWord]:
    return list(db.session.scalars(sa.select(WatchedWord).order_by(WatchedWord.word)))


def load_starter_lists(*, actor: Any) -> int:
    """Add the shipped starter lists (health misinformation, promotion and spam). Returns how
    many words were new. Commits."""
    if actor is not None:
        permissions.require(permissions.can_manage_watchlist(actor))
    existing = set(db.session.scalars(sa.select(WatchedWord.word)))
    added = 0
    for w in STARTER_WATCHLIST:
        word = " ".join(w.word.split()).casefold()
        if word not in existing:
            db.session.add(WatchedWord(word=word, action=WatchAction(w.action), created_by_id=getattr(actor, "id", None)))
            existing.add(word)
            added += 1
    record(actor=actor, action="watchlist.starter", detail={"added": added})
    db.session.commit()
    gate.invalidate_watchlist()
    return added


# --- reports -----------------------------------------------------------------------------

def report(*, actor: User, target_type: str, target_id: int, reason: str, note: str = "") -> Report:
    """A member reports a post, message or member. Repeats by the same member merge; enough
    distinct reporters hide a post until reviewed. Files or updates the queue item,
    notifies the reporter. Commits."""
    permissions.require(permissions.can_report(actor), "You can't send reports right now.")
    try:
        why = ReportReason(reason)
    except ValueError:
        raise Invalid("reason", "Choose one of: " + ", ".join(r.value for r in ReportReason) + ".") from None
    note = (note or "").strip()
    if len(note) > REPORT_NOTE_MAX:
        raise Invalid("note", f"Notes are at most {REPORT_NOTE_MAX:,} characters.")
    handler = targets.handler(target_type)
    obj = handler.load(target_id)
    if obj is None or not handler.can_view(actor, obj):
        raise NotFound("There is nothing to report there.")
    if handler.author_id(obj) == actor.id:
        raise Invalid("target_id", "You can't report your own content.")

    existing = db.session.scalar(sa.select(Report).where(
        Report.reporter_id == actor.id, Report.target_type == target_type, Report.target_id == target_id))
    item = gate.open_item(target_type, target_id)
    if item is None:
        item = QueueItem(target_type=target_type, target_id=target_id, condition_id=handler.condition_id(obj),
                         author_id=handler.author_id(obj), reasons=[], findings=[], context=handler.context(obj))
        db.session.add(item)
        db.session.flush()
    reasons = ["report", f"report.{why.value}"]
    item.reasons = list(dict.fromkeys([*item.reasons, *reasons]))
    item.priority = max(item.priority or 0, *(gate.PRIORITY.get(r, 0) for r in reasons))
    if existing is not None and existing.handled_at is None:
        existing.times += 1
        if note:
            existing.note = (existing.note + "\n" + note).strip()[-REPORT_NOTE_MAX:]
        existing.queue_item_id = item.id
        rep = existing
    else:
        if existing is not None:  # reported again after an earlier report was handled
            db.session.delete(existing)
            db.session.flush()
        rep = Report(reporter_id=actor.id, target_type=target_type, target_id=target_id, reason=why, note=note,
                     queue_item_id=item.id)
        db.session.add(rep)
    db.session.flush()
    item.report_count = db.session.scalar(sa.select(sa.func.count(sa.distinct(Report.reporter_id))).where(
        Report.queue_item_id == item.id)) or 0
    threshold = int(current_app.config["REPORT_HIDE_THRESHOLD"])
    # Trusted reporters weigh double; a trusted member's own post is never hidden by reports alone.
    reporters = db.session.scalars(sa.select(User).where(User.id.in_(
        sa.select(Report.reporter_id).where(Report.queue_item_id == item.id)))).all()
    weight = sum(trust.report_weight(u) for u in reporters)
    author = db.session.get(User, handler.author_id(obj)) if handler.author_id(obj) else None
    if (target_type != "user" and threshold and weight >= threshold and getattr(obj, "status", None) == Status.PUBLISHED
            and trust.level(author) != trust.TRUSTED):
        handler.set_status(obj, Status.HIDDEN)
        item.held = True
        item.reasons = list(dict.fromkeys([*item.reasons, "hidden_by_reports"]))
        item.priority = max(item.priority, gate.PRIORITY["hidden_by_reports"])
    if why == ReportReason.SELF_HARM:
        events.emit("moderation.crisis", item_id=item.id, target_type=target_type, target_id=target_id)
    else:   # open queue pages refresh their counts and list
        events.emit("moderation.queued", item_id=item.id)
    notify(user_id=actor.id, kind="report.received",
           text="Thanks: we received your report. A moderator will look at it and we'll tell you when it is handled.")
    db.session.commit()
    return rep


def my_reports(*, actor: User) -> list[Report]:
    return list(db.session.scalars(sa.select(Report).where(Report.reporter_id == actor.id).order_by(Report.id.desc()).limit(100)))


# --- context notes -----------------------------------------------------------------------

def add_context_note(*, actor: User, post: Any, body: str, sources: Any) -> ContextNote:
    """A moderator ("Moderator note") or verified clinician ("Clinician note") attaches a
    visible correction above a post, with at least one source (title and web address); the
    sources are rendered into the note, so every place that shows the note shows them. The
    post's author is notified. Audited. Commits."""
    if permissions.is_moderator(actor):
        kind = "moderator"
    elif is_verified_clinician(actor):
        kind = "clinician"
    else:
        permissions.require(False, "Only moderators and verified clinicians can add notes.")
    body = body.strip()
    if not body:
        raise Invalid("body", "Write the note first.")
    if len(body) > NOTE_MAX:
        raise Invalid("body", f"Notes are at most {NOTE_MAX:,} characters.")
    try:
        checked = [s.as_dict() for s in check_sources(sources)]
    except SourceError as err:
        raise Invalid("sources", str(err)) from None
    note = ContextNote(post_id=post.id, author_id=actor.id, kind=kind, body=body, sources=checked,
                       body_html=render(body) + sources_html(checked))
    db.session.add(note)
    db.session.flush()
    record(actor=actor, action=f"note.{kind}", target=post, target_type="post", detail={"note_id": note.id}, reason=body[:200])
    notify(user_id=post.author_id, kind="note",
           text=f"A {kind} added a note with sources to your post.", link=f"/t/{post.thread_id}#post-{post.id}")
    db.session.commit()
    return note


def edit_context_note(*, actor: User, note: ContextNote, body: str, sources: Any) -> ContextNote:
    """The note's author (or a moderator) corrects it; the earlier wording is kept in its
    history. Audited. Commits."""
    permissions.require(permissions.is_moderator(actor) or note.author_id == actor.id)
    history = [*note.history, {"body": note.body, "sources": note.sources, "at": (note.edited_at or note.created_at).isoformat()}]
    body = body.strip()
    if not body or len(body) > NOTE_MAX:
        raise Invalid("body", f"A note is 1 to {NOTE_MAX:,} characters.")
    try:
        checked = [s.as_dict() for s in check_sources(sources)]
    except SourceError as err:
        raise Invalid("sources", str(err)) from None
    note.body, note.sources, note.history = body, checked, history
    note.body_html = render(body) + sources_html(checked)
    note.edited_at = utcnow()
    record(actor=actor, action="note.edited", target_type="post", target_id=note.post_id, detail={"note_id": note.id})
    db.session.commit()
    return note


def notes_on(*, post_id: int) -> list[ContextNote]:
    return list(db.session.scalars(sa.select(ContextNote).where(ContextNote.post_id == post_id).order_by(ContextNote.id)))


def notes_json(post_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The context notes on these posts for the API (`notes: [{body, sources, author}]`), one
    statement; only asked for posts the thread page found notes on."""
    out: dict[int, list[dict[str, Any]]] = {}
    if not post_ids:
        return out
    rows = db.session.execute(sa.select(ContextNote, User.display_name, User.username).outerjoin(
        User, User.id == ContextNote.author_id).where(ContextNote.post_id.in_(post_ids)).order_by(ContextNote.id)).all()
    for note, display, username in rows:
        out.setdefault(note.post_id, []).append({
            "body": note.body, "sources": list(note.sources or []), "kind": note.kind,
            "author": {"name": (display or username) if username else "former member"}})
    return out


def sources_html(sources: list[dict[str, str]]) -> str:
    items = "".join(
        f'<li><a href="{escape(s["url"])}" rel="nofollow noopener">{escape(s["title"])}</a>'
        + (f" ({escape(s['publisher'])})" if s.get("publisher") else "") + "</li>" for s in sources)
    return f'<p class="note-sources-label">Sources:</p><ol class="note-sources">{items}</ol>'
