"""The forum's read models: a thread's page (its posts with their authors and badges, and the
context notes) and a condition's page (its threads by latest activity), each as plain rows
from one Core select, read by column name. They are the only way these pages' data is read:
the HTML pages and the API's thread and condition routes alike.

These pages are the forum's hottest paths, and ORM entities cost about as much to load as
the page costs to render, while the pages only read them. The rows carry the attributes that
templates, `permissions` and `clinicians.badges` read (`post.author_id`, `post.thread`,
`author.role`, `author.verifications`...), so the same rules answer for them. Every write goes
through `services` and the ORM models. The row types are in rows.py."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import permissions
from ..auth.models import Role, User
from ..clinicians.models import Verification
from ..content import Audience, Status, audience_of, post_visible_sql
from ..errors import NotFound
from ..extensions import single_read
from ..moderation.models import ContextNote
from ..ignoring.models import Ignore
from ..notifications.models import Bookmark, ThreadSubscription
from ..pagination import Page, before, decode, encode
from ..reactions.models import Reaction
from .models import Condition, ConditionMember, Post, Thread
from .rows import (AuthorRow, ConditionInfo, ConditionRow, NoteRow, PostRow, ThreadListRow, ThreadRow, ThreadViewer,
                   VerificationRow)


def _audience(viewer: Any) -> Audience:
    return audience_of(viewer)


# Statements are built once (functools.cache): SQLAlchemy then finds their compiled SQL without
# building and hashing a new statement on every page.
@functools.cache
def _posts_statement(audience: Audience, after: bool) -> Any:
    """The page's posts with their authors' names and roles, per kind of viewer and page."""
    p, u = Post.__table__.c, User.__table__.c
    visible = post_visible_sql(audience, status=p.status, author_id=p.author_id, viewer_id=sa.bindparam("viewer_id"))
    stmt = (
        sa.select(p.id, p.author_id, p.is_opening, p.status, p.created_at, p.edited_at, p.marked_helpful,
                  p.body_html, u.username, u.display_name, u.role, p.reactions)
        .select_from(Post.__table__.outerjoin(User.__table__, u.id == p.author_id))
        .where(p.thread_id == sa.bindparam("thread_id"), visible)
        .order_by(p.id)
        .limit(sa.bindparam("limit"))
    )
    return stmt.where(p.id > sa.bindparam("after_id")) if after else stmt


@functools.cache
def _verifications_statement() -> Any:
    v = Verification.__table__.c
    return (sa.select(v.user_id, v.status, v.expires_at, v.specialty, v.profession)
            .where(v.user_id.in_(sa.bindparam("ids", expanding=True))).order_by(v.id))


def _post_params(viewer: Any, audience: Audience, thread_id: int, limit: int) -> dict[str, Any]:
    params: dict[str, Any] = {"thread_id": thread_id, "limit": limit + 1}
    if audience == "member":
        params["viewer_id"] = viewer.id
    return params


def _post_row(row: Any, authors: dict[int, AuthorRow], thread: Any) -> PostRow:
    """A post (the columns of `_posts_statement`, by name) with its author, one AuthorRow per author."""
    m = row._mapping
    author = _author(authors, m["author_id"], m["username"], m["display_name"], m["role"])
    return PostRow(m["id"], m["author_id"], m["is_opening"], m["status"], m["created_at"], m["edited_at"], m["marked_helpful"],
                   m["body_html"], author, thread, m["reactions"])


def _author(authors: dict[int, AuthorRow], author_id: int | None, username: str, display_name: str | None,
            role: Role) -> AuthorRow | None:
    """One AuthorRow per author on a page (a former member's content has none)."""
    if author_id is None:
        return None
    author = authors.get(author_id)
    if author is None:
        author = authors[author_id] = AuthorRow(author_id, username, display_name, role)
    return author


@dataclass(slots=True)
class ThreadPage:
    thread: ThreadRow
    page: Page[PostRow]
    notes: dict[int, list[NoteRow]]
    viewer: ThreadViewer | None = None    # with_viewer: the member's own state on the page


@functools.cache
def _thread_page_statement(audience: Audience, after: bool, with_viewer: bool = False) -> Any:
    """The whole thread page in one statement: the thread with its condition, left-joined to
    the page of posts (`_posts_statement`, limit and all), their context notes and, for
    authors who can carry a badge, their verifications; `with_viewer`, the member's level and
    read position in the thread and which posts they saved and reacted to. The thread's row
    comes back even when no post is visible; a post comes back once per (note, verification,
    reaction) it has, all rare, so the rows stay about one per post. One round trip."""
    t, c = Thread.__table__.c, Condition.__table__.c
    page = _posts_statement(audience, after).subquery("page")
    n, v = ContextNote.__table__, Verification.__table__
    ta = User.__table__.alias("thread_author")
    joined = (Thread.__table__.join(Condition.__table__, c.id == t.condition_id)
              .outerjoin(ta, ta.c.id == t.author_id)
              .outerjoin(page, sa.true())
              .outerjoin(n, n.c.post_id == page.c.id)
              .outerjoin(v, sa.and_(v.c.user_id == page.c.author_id, page.c.role != Role.PATIENT)))
    mine: list[Any] = []
    if with_viewer:
        ts, b, r, me = ThreadSubscription.__table__, Bookmark.__table__, Reaction.__table__, sa.bindparam("viewer_id")
        ig = Ignore.__table__
        joined = (joined.outerjoin(ts, sa.and_(ts.c.thread_id == t.id, ts.c.user_id == me))
                  .outerjoin(b, sa.and_(b.c.post_id == page.c.id, b.c.user_id == me))
                  .outerjoin(r, sa.and_(r.c.target_type == "post", r.c.target_id == page.c.id, r.c.user_id == me))
                  .outerjoin(ig, sa.and_(ig.c.ignorer_id == me, ig.c.ignored_id == page.c.author_id)))
        mine = [ts.c.level.label("viewer_level"), ts.c.last_read_post_id.label("viewer_last_read"),
                b.c.post_id.label("viewer_saved"), r.c.kind.label("viewer_reacted"), ig.c.ignored_id.label("viewer_ignores")]
    return (
        sa.select(*page.c, *mine,
                  n.c.id.label("note_id"), n.c.kind.label("note_kind"), n.c.body_html.label("note_html"),
                  *_verification_columns(v),
                  t.id.label("thread_id"), t.condition_id.label("thread_condition_id"), t.author_id.label("thread_author_id"),
                  t.title.label("thread_title"), t.status.label("thread_status"), t.is_question.label("thread_is_question"),
                  t.clinician_answered.label("thread_clinician_answered"), t.reply_count.label("thread_reply_count"),
                  t.last_activity_at.label("thread_last_activity_at"), t.created_at.label("thread_created_at"),
                  t.locked_at.label("thread_locked_at"), t.lock_reason.label("thread_lock_reason"),
                  t.slow_mode_seconds.label("thread_slow_mode_seconds"),
                  ta.c.username.label("thread_author_username"), ta.c.display_name.label("thread_author_display_name"),
                  ta.c.role.label("thread_author_role"),
                  c.slug.label("condition_slug"), c.name.label("condition_name"))
        .select_from(joined)
        .where(t.id == sa.bindparam("thread_id"))
        .order_by(page.c.id, n.c.id, v.c.id)
    )


def thread_page(*, viewer: Any, thread_id: int, cursor: str | None = None, limit: int | None = None,
                with_author_badge: bool = False, with_viewer: bool = False) -> ThreadPage:
    """What the thread page shows, in one statement (see `_thread_page_statement`), under the
    same rules as `services.get_thread` and `permissions.can_view_post`: NotFound unless the viewer may see the thread;
    the posts they may see, keyset-paginated; the notes on those posts; the badges' verifications;
    `with_viewer`, a member's own state on the page (`viewer`; None for visitors)."""
    limit = limit or current_app.config["PAGE_SIZE"]
    audience = _audience(viewer)
    params = _post_params(viewer, audience, thread_id, limit)
    with_viewer = with_viewer and audience != "visitor"
    if with_viewer:
        params["viewer_id"] = viewer.id
    after = decode(cursor, int)
    if after:
        params["after_id"] = after[0]
    with single_read() as conn:
        rows = conn.execute(_thread_page_statement(audience, bool(after), with_viewer), params).all()
    if not rows:
        raise NotFound("No such thread.")
    top = rows[0]._mapping
    thread = ThreadRow(top["thread_id"], top["thread_condition_id"], top["thread_author_id"], top["thread_title"],
                       top["thread_status"], top["thread_is_question"], top["thread_clinician_answered"],
                       condition=ConditionRow(top["thread_condition_id"], top["condition_slug"], top["condition_name"]),
                       reply_count=top["thread_reply_count"], last_activity_at=top["thread_last_activity_at"],
                       created_at=top["thread_created_at"], locked_at=top["thread_locked_at"],
                       lock_reason=top["thread_lock_reason"], slow_mode_seconds=top["thread_slow_mode_seconds"] or 0)
    if not permissions.can_view_thread(viewer, thread):
        raise NotFound("No such thread.")
    authors: dict[int, AuthorRow] = {}
    posts: list[PostRow] = []
    notes: dict[int, dict[int, NoteRow]] = {}
    verifications: dict[int, dict[int, VerificationRow]] = {}
    mine = ThreadViewer() if with_viewer else None
    if mine is not None and top["viewer_level"] is not None:
        mine.level, mine.last_read_post_id = top["viewer_level"], top["viewer_last_read"]
    for row in rows:
        m = row._mapping
        pid = m["id"]
        if pid is None:      # the thread without a visible post on this page
            continue
        if mine is not None:
            if m["viewer_saved"] is not None:
                mine.bookmarked.add(pid)
            if m["viewer_reacted"] is not None:
                mine.reacted.add((pid, m["viewer_reacted"]))
            if m["viewer_ignores"] is not None:
                mine.ignored.add(m["viewer_ignores"])
        if not posts or posts[-1].id != pid:
            posts.append(_post_row(row, authors, thread))
        if m["note_id"] is not None:
            notes.setdefault(pid, {})[m["note_id"]] = NoteRow(m["note_id"], pid, m["note_kind"], m["note_html"])
        if m["ver_id"] is not None:
            verifications.setdefault(m["author_id"], {})[m["ver_id"]] = _verification(m)
    _attach_verifications(authors, verifications)
    thread.author = authors.get(top["thread_author_id"]) if top["thread_author_id"] is not None else None
    if thread.author is None and top["thread_author_id"] is not None:
        thread.author = AuthorRow(top["thread_author_id"], top["thread_author_username"], top["thread_author_display_name"],
                                  top["thread_author_role"])
        if with_author_badge and thread.author.role != Role.PATIENT:   # not on this page: one more statement
            with single_read() as conn:
                load_verifications(conn, [thread.author])
    nxt = encode(posts[limit - 1].id) if len(posts) > limit else None
    return ThreadPage(thread, Page(posts[:limit], nxt), {pid: _in_id_order(found) for pid, found in notes.items()}, mine)


def _verification_columns(v: Any) -> list[Any]:
    return [v.c.id.label("ver_id"), v.c.status.label("ver_status"), v.c.expires_at.label("ver_expires_at"),
            v.c.specialty.label("ver_specialty"), v.c.profession.label("ver_profession")]


def _verification(m: Any) -> VerificationRow:
    return VerificationRow(m["ver_status"], m["ver_expires_at"], m["ver_specialty"], m["ver_profession"])


def _in_id_order(found: dict[int, Any]) -> list[Any]:
    """Rows gathered by id from a joined read (where a row may come back more than once), in id order."""
    return [found[k] for k in sorted(found)]


def _attach_verifications(authors: dict[int, AuthorRow], found: dict[int, dict[int, VerificationRow]]) -> None:
    for author_id, by_id in found.items():
        authors[author_id].verifications = _in_id_order(by_id)


def load_verifications(conn: Any, authors: list[Any]) -> None:
    """The verifications of the authors who can carry a badge (a patient never does), in one
    query, appended to each one's `verifications` list (AuthorRow here, chat's Member too)."""
    if not authors:
        return
    by_id = {a.id: a for a in authors}
    for r in conn.execute(_verifications_statement(), {"ids": list(by_id)}):
        by_id[r.user_id].verifications.append(VerificationRow(r.status, r.expires_at, r.specialty, r.profession))


# --- the condition page ------------------------------------------------------------------

@dataclass(slots=True)
class ConditionPage:
    condition: ConditionInfo
    page: Page[ThreadListRow]
    joined: bool


@functools.cache
def _condition_page_statement(after: bool, member: bool) -> Any:
    """The condition page in one statement: the condition, left-joined to its page of published
    threads by latest activity (with their authors) and the verifications of authors who can
    carry a badge, and whether the viewer joined. Published threads by latest activity."""
    t, u, c = Thread.__table__.c, User.__table__.c, Condition.__table__.c
    by_slug = Condition.__table__.alias("by_slug")
    threads = (
        sa.select(t.id, t.title, t.is_question, t.clinician_answered, t.reply_count, t.last_activity_at,
                  t.author_id, u.username, u.display_name, u.role, t.created_at)
        .select_from(Thread.__table__.outerjoin(User.__table__, u.id == t.author_id))
        .where(t.condition_id == sa.select(by_slug.c.id).where(by_slug.c.slug == sa.bindparam("slug")).scalar_subquery(),
               t.status == Status.PUBLISHED)
        .order_by(t.last_activity_at.desc(), t.id.desc())
        .limit(sa.bindparam("limit"))
    )
    if after:
        threads = threads.where(before(t.last_activity_at, t.id, sa.bindparam("after_ts", type_=t.last_activity_at.type),
                                       sa.bindparam("after_id")))
    page = threads.subquery("page")
    v = Verification.__table__
    cm = ConditionMember.__table__.c
    joined = (sa.exists().where(cm.user_id == sa.bindparam("viewer_id"), cm.condition_id == c.id)
              if member else sa.false())
    return (
        sa.select(*page.c, *_verification_columns(v),
                  c.id.label("condition_id"), c.slug.label("condition_slug"), c.name.label("condition_name"),
                  c.description.label("condition_description"), c.guidelines.label("condition_guidelines"),
                  joined.label("joined"))
        .select_from(Condition.__table__
                     .outerjoin(page, sa.true())
                     .outerjoin(v, sa.and_(v.c.user_id == page.c.author_id, page.c.role != Role.PATIENT)))
        .where(c.slug == sa.bindparam("slug"))
        .order_by(page.c.last_activity_at.desc(), page.c.id.desc(), v.c.id)
    )


def condition_page(*, viewer: Any, slug: str, cursor: str | None = None, limit: int | None = None) -> ConditionPage:
    """What a condition's page shows, in one statement (`_condition_page_statement`): NotFound
    for an unknown slug; its published threads by latest activity, keyset-paginated, with
    their authors and badges; whether the viewer joined."""
    limit = limit or current_app.config["PAGE_SIZE"]
    member = permissions.is_member(viewer)
    params: dict[str, Any] = {"slug": slug, "limit": limit + 1}
    if member:
        params["viewer_id"] = viewer.id
    after = decode(cursor, dt.datetime, int)
    if after:
        params["after_ts"], params["after_id"] = after
    with single_read() as conn:
        rows = conn.execute(_condition_page_statement(bool(after), member), params).all()
    if not rows:
        raise NotFound("No such condition community.")
    first = rows[0]._mapping
    condition = ConditionInfo(first["condition_id"], first["condition_slug"], first["condition_name"],
                              first["condition_description"], first["condition_guidelines"])
    authors: dict[int, AuthorRow] = {}
    threads: list[ThreadListRow] = []
    verifications: dict[int, dict[int, VerificationRow]] = {}
    for row in rows:
        m = row._mapping
        tid, author_id = m["id"], m["author_id"]
        if tid is None:      # a condition without threads (on this page)
            continue
        if not threads or threads[-1].id != tid:
            author = _author(authors, author_id, m["username"], m["display_name"], m["role"])
            threads.append(ThreadListRow(tid, m["title"], m["is_question"], m["clinician_answered"], m["reply_count"],
                                         m["last_activity_at"], author_id, author, created_at=m["created_at"]))
        if m["ver_id"] is not None:
            verifications.setdefault(author_id, {})[m["ver_id"]] = _verification(m)
    _attach_verifications(authors, verifications)
    nxt = encode(threads[limit - 1].last_activity_at, threads[limit - 1].id) if len(threads) > limit else None
    return ConditionPage(condition, Page(threads[:limit], nxt), bool(first["joined"]))
