"""Forum use cases: conditions, membership, threads, posts, edits and deletion.

Every write passes the moderation gate (screening, watched words, new-member hold) before it
is stored, so content that must be reviewed is stored as `pending` and never goes live."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from .. import events, permissions
from ..auth.models import User
from ..clinicians.models import Verification, current_sql
from ..content import Status
from ..db import utcnow
from ..errors import Conflict, Invalid, NeedsConfirmation, NotFound, TooSoon
from ..extensions import db
from ..moderation import gate
from . import search
from .markdown import render_post
from .models import Condition, ConditionMember, Post, PostRevision, Thread

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


@dataclass
class PostResult:
    post: Post
    thread: Thread
    status: Status
    warnings: list[dict[str, Any]] = field(default_factory=list)


# --- conditions --------------------------------------------------------------------------

def create_condition(*, actor: User | None, slug: str, name: str, description: str = "", guidelines: str = "",
                     crisis_help: str = "") -> Condition:
    """Admins (or the CLI, actor None) create a condition community. Commits."""
    if actor is not None:
        permissions.require(permissions.can_create_condition(actor))
    slug = slug.strip().lower()
    if not SLUG_RE.match(slug):
        raise Invalid("slug", "Use lower-case letters, digits and hyphens (up to 64).")
    name = name.strip()
    if not name or len(name) > 100:
        raise Invalid("name", "A name of 1 to 100 characters is required.")
    if len(description) > 2000:
        raise Invalid("description", "The description can be at most 2,000 characters.")
    if len(guidelines) > 10000:
        raise Invalid("guidelines", "The guidelines can be at most 10,000 characters.")
    if len(crisis_help) > 2000:
        raise Invalid("crisis_help", "The help text can be at most 2,000 characters.")
    if db.session.scalar(sa.select(Condition.id).where(Condition.slug == slug)) is not None:
        raise Conflict("A condition with that slug already exists.", code="slug_taken")
    cond = Condition(slug=slug, name=name, description=description.strip(), guidelines=guidelines.strip(),
                     crisis_help=crisis_help.strip())
    db.session.add(cond)
    db.session.flush()
    events.emit("condition.created", condition=cond)
    db.session.commit()
    return cond


def get_condition(slug: str) -> Condition:
    cond = db.session.scalar(sa.select(Condition).where(Condition.slug == slug))
    if cond is None:
        raise NotFound("No such condition community.")
    return cond


def list_conditions(*, viewer: Any) -> list[tuple[Condition, bool]]:
    """All conditions, the viewer's joined ones first, each with whether the viewer joined."""
    joined = joined_condition_ids(viewer)
    conds = db.session.scalars(sa.select(Condition).order_by(Condition.name)).all()
    return sorted(((c, c.id in joined) for c in conds), key=lambda cj: (not cj[1], cj[0].name.casefold()))


def joined_condition_ids(viewer: Any) -> set[int]:
    if not permissions.is_member(viewer):
        return set()
    return set(db.session.scalars(sa.select(ConditionMember.condition_id).where(ConditionMember.user_id == viewer.id)))


def join_condition(*, actor: User, condition: Condition) -> None:
    """A member joins a condition's community (idempotent). Commits."""
    permissions.require(permissions.is_member(actor))
    if db.session.get(ConditionMember, (actor.id, condition.id)) is None:
        db.session.add(ConditionMember(user_id=actor.id, condition_id=condition.id))
        events.emit("condition.joined", user_id=actor.id, condition_id=condition.id)
        db.session.commit()


def leave_condition(*, actor: User, condition: Condition) -> None:
    """A member leaves a condition's community (idempotent). Commits; emits `condition.left`
    (their follows of its threads end with it)."""
    permissions.require(permissions.is_member(actor))
    row = db.session.get(ConditionMember, (actor.id, condition.id))
    if row is not None:
        db.session.delete(row)
        events.emit("condition.left", user_id=actor.id, condition_id=condition.id)
        db.session.commit()


# --- reading -----------------------------------------------------------------------------

def get_thread(*, viewer: Any, thread_id: int) -> Thread:
    thread = db.session.get(Thread, thread_id, options=[joinedload(Thread.condition)])
    if thread is None or not permissions.can_view_thread(viewer, thread):
        raise NotFound("No such thread.")
    return thread


# --- writing -----------------------------------------------------------------------------

def _check_title(title: str) -> str:
    title = " ".join(title.split())
    if len(title) < 5:
        raise Invalid("title", "Give your thread a title of at least 5 characters.")
    if len(title) > current_app.config["TITLE_MAX"]:
        raise Invalid("title", f"Titles can be at most {current_app.config['TITLE_MAX']} characters.")
    return title


def _check_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise Invalid("body", "Write something first.")
    if len(body) > current_app.config["BODY_MAX"]:
        raise Invalid("body", f"Posts can be at most {current_app.config['BODY_MAX']:,} characters.")
    return body


def _review(*, actor: User, text: str, kind: str, body: str, confirm_identifiers: bool, condition: Any = None) -> gate.Verdict:
    """The gate's verdict on `text` (screened once per request). Unless the author confirmed,
    identifiers (and words a moderator must approve) stop the write with NeedsConfirmation,
    carrying the findings within `body` for the form to highlight."""
    verdict = gate.review(actor=actor, text=text, kind=kind, condition=condition)
    asked = [f for f in verdict.findings if f["code"].startswith("phi.") or f.get("action") == "require_approval"]
    if asked and not confirm_identifiers:
        offset = len(text) - len(body)   # the body ends the screened text (after a title)
        in_body = [{**f, "start": f["start"] - offset, "end": f["end"] - offset} for f in verdict.findings if f["start"] >= offset]
        raise NeedsConfirmation("This may identify you: edit it, or post it as it is and a moderator reviews it first.",
                                warnings=[{"code": f["code"], "message": f["message"]} for f in asked],
                                findings=in_body, text=body)
    return verdict


def start_thread(*, actor: User, condition: Condition, title: str, body: str, is_question: bool = False,
                 confirm_identifiers: bool = True) -> PostResult:
    """A member starts a thread in a condition. The opening post passes the moderation gate;
    held content is stored as pending and queued. With `confirm_identifiers=False` (the web
    form's first try) identifiers raise NeedsConfirmation instead. Commits; emits `post.saved`."""
    permissions.require(permissions.can_start_thread(actor, condition), _silenced_message(actor))
    title = _check_title(title)
    body = _check_body(body)
    verdict = _review(actor=actor, text=f"{title}\n\n{body}", kind="thread", body=body, confirm_identifiers=confirm_identifiers,
                      condition=condition)
    thread = Thread(condition_id=condition.id, author_id=actor.id, title=gate.censor(verdict, title),
                    status=verdict.status, is_question=is_question)
    db.session.add(thread)
    db.session.flush()
    post = Post(thread_id=thread.id, author_id=actor.id, is_opening=True, status=verdict.status,
                body=gate.censor(verdict, body), body_html="")
    post.body_html = _render(post.body)
    db.session.add(post)
    return _finish_write(actor=actor, post=post, thread=thread, verdict=verdict)


def _render(body: str) -> str:
    """Markdown to safe HTML, with `@name` of an existing member linked to their profile (a
    missing member stays plain text)."""
    from ..notifications.mentions import link_mentions, mentioned

    html = render_post(body)
    names = mentioned(body)
    if not names:
        return html
    known = {n.lower() for n in db.session.scalars(sa.select(User.username).where(
        sa.func.lower(User.username).in_(names), User.banned_at.is_(None)))}
    return link_mentions(html, known)


def reply(*, actor: User, thread: Thread, body: str, confirm_identifiers: bool = True) -> PostResult:
    """A member replies to a thread they can see. Same gate (and confirmation) as a new thread.
    Commits once, with the post.saved hooks; emits `post.saved`."""
    permissions.require(permissions.can_reply(actor, thread), _silenced_message(actor))
    _check_heat(actor, thread)
    body = _check_body(body)
    verdict = _review(actor=actor, text=body, kind="post", body=body, confirm_identifiers=confirm_identifiers,
                      condition=thread.condition)
    post = Post(thread_id=thread.id, author_id=actor.id, status=verdict.status, body=gate.censor(verdict, body))
    post.body_html = _render(post.body)
    db.session.add(post)
    return _finish_write(actor=actor, post=post, thread=thread, verdict=verdict, new_reply=True)


def _check_heat(actor: User, thread: Thread) -> None:
    """A locked thread takes no replies, and slow mode spaces each member's replies (moderators
    are exempt from both, so they can still explain)."""
    if permissions.is_moderator(actor):
        return
    if thread.locked_at is not None:
        raise Conflict(f"This thread is locked: {thread.lock_reason or 'by the moderators'}.", code="locked")
    if thread.slow_mode_seconds:
        last = db.session.scalar(sa.select(sa.func.max(Post.created_at)).where(
            Post.thread_id == thread.id, Post.author_id == actor.id, Post.status != Status.DELETED))
        TooSoon.unless_waited(last, thread.slow_mode_seconds, "This thread is in slow mode: you can reply again in {wait} seconds.")


def edit_post(*, actor: User, post: Post, body: str, title: str | None = None, confirm_identifiers: bool = True) -> PostResult:
    """The author edits their post; the earlier version is kept for moderators. The edit is
    screened again and may put the post back on hold. Commits."""
    permissions.require(permissions.can_edit_post(actor, post))
    thread = post.thread
    body = _check_body(body)
    new_title = _check_title(title) if (title is not None and post.is_opening) else None
    screened = f"{new_title}\n\n{body}" if new_title else body
    verdict = _review(actor=actor, text=screened, kind="edit", body=body, confirm_identifiers=confirm_identifiers,
                      condition=thread.condition)
    db.session.add(PostRevision(post_id=post.id, body=post.body, title=thread.title if post.is_opening else None))
    post.body = gate.censor(verdict, body)
    post.body_html = _render(post.body)
    post.edited_at = utcnow()
    if new_title:
        thread.title = gate.censor(verdict, new_title)
    if post.status == Status.PUBLISHED and verdict.status == Status.PENDING:
        post.status = Status.PENDING
        if post.is_opening:
            thread.status = Status.PENDING
    return _finish_write(actor=actor, post=post, thread=thread, verdict=verdict)


def _finish_write(*, actor: User, post: Post, thread: Thread, verdict: gate.Verdict, new_reply: bool = False) -> PostResult:
    db.session.flush()
    gate.enqueue(verdict=verdict, actor=actor, target_type="post", target_id=post.id, condition_id=thread.condition_id)
    if new_reply and not thread.is_question:
        count_new_reply(thread, post)
    else:
        refresh_thread(thread)
    search.sync_post(post, thread, new=new_reply)
    # One transaction: the post.saved hooks (feedback tagging, the clinicians' question alert)
    # write with the post; subscribers hear of it after the commit.
    events.emit("post.saved", post=post, thread=thread, verdict=verdict)
    status = Status(post.status)
    # Kept loaded: the caller (its redirect or JSON) and the subscribers read the post and
    # thread back, and each expired attribute would cost a query in a new transaction (on
    # SQLite a BEGIN IMMEDIATE, held until the request ends).
    db.session().commit(keep_objects=True)
    return PostResult(post=post, thread=thread, status=status, warnings=verdict.warnings)


def delete_post(*, actor: User, post: Post) -> None:
    """The author (or a moderator) deletes a post. Deleting the opening post deletes the
    thread. Commits."""
    permissions.require(permissions.can_delete_post(actor, post))
    thread = post.thread
    post.status = Status.DELETED
    if post.is_opening:
        thread.status = Status.DELETED
    db.session.flush()
    refresh_thread(thread)
    search.sync_post(post, thread)
    post_id, thread_id = post.id, thread.id
    events.emit("post.deleted", post_id=post_id, thread_id=thread_id)
    db.session.commit()


def set_status(post: Post, status: Status) -> None:
    """Used by moderation decisions: change a post's (and for an opening post, its thread's)
    status and refresh everything derived from it. Does not commit."""
    thread = post.thread
    post.status = status
    if post.is_opening:
        thread.status = status
    db.session.flush()
    refresh_thread(thread)
    search.sync_post(post, thread)


def count_new_reply(thread: Thread, post: Post) -> None:
    """`refresh_thread`'s counters after one new reply to a thread that is not a question,
    without recounting the thread: a published reply adds one (in SQL, so concurrent replies
    never lose one) and is the latest activity; a held one changes nothing until approved
    (set_status refreshes then). Questions refresh in full (every answer's badge counts)."""
    if post.status != Status.PUBLISHED:
        return
    thread.reply_count = Thread.reply_count + 1
    if thread.last_activity_at is None or post.created_at > thread.last_activity_at:
        thread.last_activity_at = post.created_at


def refresh_thread(thread: Thread) -> None:
    """Recompute a thread's reply count and last activity from its published posts only."""
    count, last = db.session.execute(
        sa.select(sa.func.count(Post.id), sa.func.max(Post.created_at)).where(
            Post.thread_id == thread.id, Post.status == Status.PUBLISHED
        )
    ).one()
    opening_published = thread.status == Status.PUBLISHED
    thread.reply_count = max(0, count - (1 if opening_published else 0))
    if last is not None:
        thread.last_activity_at = last if last.tzinfo else last.replace(tzinfo=dt.UTC)
    else:
        thread.last_activity_at = thread.created_at
    if thread.is_question:
        thread.clinician_answered = db.session.scalar(
            sa.select(sa.func.count(Post.id)).join(Verification, Verification.user_id == Post.author_id).where(
                Post.thread_id == thread.id, Post.status == Status.PUBLISHED, Post.is_opening.is_(False),
                current_sql(Verification.status, Verification.expires_at))
        ) > 0


REMOVED_BY_AUTHOR = "[removed by its author]"


@dataclass
class DeletionSummary:
    """What "delete my posts too" takes away, for the deletion page to say exactly."""

    replies: int            # the member's replies: deleted
    threads_alone: int      # threads only the member wrote in: deleted with their posts
    threads_kept: int       # threads others replied to: the opening post becomes REMOVED_BY_AUTHOR


def _others_replied(user_id: int) -> Any:
    other = sa.orm.aliased(Post)
    return sa.exists().where(other.thread_id == Thread.id, other.is_opening.is_(False), other.status != Status.DELETED,
                             sa.or_(other.author_id.is_(None), other.author_id != user_id)).correlate(Thread)


def deletion_summary(*, user_id: int) -> DeletionSummary:
    replies = db.session.scalar(sa.select(sa.func.count(Post.id)).where(
        Post.author_id == user_id, Post.is_opening.is_(False), Post.status != Status.DELETED)) or 0
    opened = sa.select(sa.func.count(Thread.id)).join(Post, sa.and_(Post.thread_id == Thread.id, Post.is_opening.is_(True))).where(
        Post.author_id == user_id, Thread.status != Status.DELETED)
    kept = db.session.scalar(opened.where(_others_replied(user_id))) or 0
    alone = db.session.scalar(opened.where(~_others_replied(user_id))) or 0
    return DeletionSummary(replies=replies, threads_alone=alone, threads_kept=kept)


def detach_author(*, user_id: int, delete_posts: bool) -> None:
    """For account deletion: remove a member from their posts (kept as "former member"), or
    delete their posts. Deleting never takes other members' words with it: an opening post
    that others replied to becomes REMOVED_BY_AUTHOR and the thread and its replies stay; a
    thread nobody else wrote in goes. Does not commit."""
    if delete_posts:
        kept = set(db.session.scalars(sa.select(Thread.id).join(
            Post, sa.and_(Post.thread_id == Thread.id, Post.is_opening.is_(True))).where(
            Post.author_id == user_id, _others_replied(user_id))))
        posts = list(db.session.scalars(sa.select(Post).where(Post.author_id == user_id, Post.status != Status.DELETED)))
        threads = set()
        for post in posts:
            if post.is_opening and post.thread_id in kept:
                post.body = REMOVED_BY_AUTHOR
                post.body_html = render_post(REMOVED_BY_AUTHOR)
                post.edited_at = utcnow()
            else:
                post.status = Status.DELETED
                if post.is_opening:
                    post.thread.status = Status.DELETED
            threads.add(post.thread)
            search.sync_post(post, post.thread)
        db.session.flush()
        for t in threads:
            refresh_thread(t)
        # Revisions could hold the old text of deleted posts: with the posts deleted, drop them.
        db.session.execute(sa.delete(PostRevision).where(PostRevision.post_id.in_(
            sa.select(Post.id).where(Post.author_id == user_id))))
    db.session.execute(sa.update(Post).where(Post.author_id == user_id).values(author_id=None))
    db.session.execute(sa.update(Thread).where(Thread.author_id == user_id).values(author_id=None))


def revisions(*, actor: User, post: Post) -> list[PostRevision]:
    permissions.require(permissions.can_see_revisions(actor))
    return list(db.session.scalars(sa.select(PostRevision).where(PostRevision.post_id == post.id).order_by(PostRevision.id)))


def get_post(*, viewer: Any, post_id: int) -> Post:
    post = db.session.get(Post, post_id)
    if post is None or not permissions.can_view_post(viewer, post):
        raise NotFound("No such post.")
    return post


def _silenced_message(actor: Any) -> str:
    until = permissions.silenced_until(actor)
    if permissions.is_banned(actor):
        return "Your account is banned."
    if until:
        return f"You can't post until {until:%d %b %Y %H:%M} UTC."
    return "You are not allowed to post here."
