"""The viewer's part of each post card on a thread page (the reaction bar and the actions
footer), made from facts about the viewer computed once per page.

`PageViewer(user, thread, mine)` is built once per request by the thread view: the user object
itself (not Flask-Login's proxy), the page's one CSRF token, and the decisions that are the
same for every post of the page (may reply, may see revisions, which kind of note). The
per-post decisions (`permissions.can_edit_post`, `can_delete_post`, `can_mark_helpful`,
`can_add_note`) are asked of `permissions` once per *kind* of post: those rules read nothing
of a post but whether the viewer wrote it, whether it has an author and whether that author is
a verified clinician, its status and whether it opens the thread (and the page's thread), so
posts alike in those get the same answers. `tests/forums/test_cards.py` checks the answers
against asking per post.

The HTML is rendered by the `post_actions` macro (`templates/_macros/posts.html`) from an
`Actions` tuple of plain values only, with a stand-in for the CSRF token, and kept in-process
under that tuple (cache.py's policy, as fragments.py does for the card's head): the macro shows
nothing that is not in its key, so a reaction, a bookmark, a moderation decision or a sanction
makes a new key and nothing stale is served. The HTML is kept cut at the stand-in, and the
page's token is joined in."""
from __future__ import annotations

from typing import Any, NamedTuple

from flask import get_template_attribute, request
from markupsafe import Markup, escape

from .. import permissions
from ..cache import Cache
from ..clinicians.badges import is_verified_clinician
from ..content import Status
from ..forms import csrf_token
from .forms import ReplyForm
from .fragments import post_content

MAX_ENTRIES = 20_000   # ~2 KB each for members, ~0.5 KB for visitors
_cache = Cache("forums.cards", max_items=MAX_ENTRIES)
_reply_cache = Cache("forums.reply_box", max_items=5_000)   # ~1 KB each
_NEW_MARKER = '\n  <p class="new-marker" id="new">New since your last visit</p>\n  '
# What the cached HTML holds where the page's CSRF token goes. Escaped text never contains a
# raw "<", so nothing a member wrote can be mistaken for it.
CSRF_STAND_IN = Markup("<csrf-token>")


class Actions(NamedTuple):
    """Every value the viewer's part of one card shows (the `post_actions` macro's argument and
    its cache key)."""

    root: str                     # request.script_root: the addresses' prefix
    path: str                     # request.path: where the report form goes back to
    post_id: int
    published: bool               # the reaction bar shows
    counts: tuple[tuple[str, int], ...]   # (kind, count), sorted
    member: bool                  # the viewer is signed in (forms instead of counts)
    reacted: tuple[str, ...]      # the kinds the viewer gave, sorted
    quote: str | None             # the author's username ('' for a former member) if the quote button shows
    saved: bool | None            # None: no save button
    edit: bool
    helpful: bool | None          # None: no "mark as helpful" button, else whether it is marked
    delete: bool
    revisions: bool
    report: bool
    edit_notes: bool
    add_note: str | None          # the note form's kind ("moderator", "clinician") if it shows


class PageViewer:
    """What one thread page needs to know about its viewer, computed once per request."""

    def __init__(self, user: Any, thread: Any, mine: Any = None) -> None:
        self.member = permissions.is_member(user)
        self.user = user if self.member else None
        self.uid = user.id if self.member else None
        self.thread = thread
        self.root, self.path = request.script_root, request.path
        self.token = str(escape(csrf_token())) if self.member else ""
        self.may_reply = self.member and permissions.can_reply(user, thread)
        self.see_revisions = self.member and permissions.can_see_revisions(user)
        self.moderator = permissions.can_moderate(user)
        self.note_kind = "moderator" if self.moderator else "clinician"
        self.saved: set[int] = set(mine.bookmarked) if mine is not None else set()
        self.reacted: dict[int, tuple[str, ...]] = {}
        if mine is not None:
            for post_id, kind in sorted(mine.reacted):
                self.reacted[post_id] = (*self.reacted.get(post_id, ()), kind)
        self.mine = mine
        self._rules: dict[tuple[Any, ...], tuple[bool, bool, bool, bool]] = {}
        self._verified: dict[int | None, bool] = {}
        self._store = _cache._store()

    def kind_of(self, post: Any) -> tuple[Any, ...]:
        """What the per-post rules read of a post (see the module's docstring)."""
        aid = post.author_id
        verified = self._verified.get(aid)
        if verified is None:
            author = post.author
            # A page's author rows carry verifications only for authors who can have a badge.
            verified = self._verified[aid] = (author is not None and bool(author.verifications)
                                              and is_verified_clinician(author))
        return (aid == self.uid, aid is None, str(post.status), bool(post.is_opening), verified)

    def rules(self, post: Any) -> tuple[bool, bool, bool, bool]:
        """(edit, mark helpful, delete, add a note): `permissions`' answers for this kind of post."""
        k = self.kind_of(post)
        found = self._rules.get(k)
        if found is None:
            u = self.user
            found = self._rules[k] = (permissions.can_edit_post(u, post), permissions.can_mark_helpful(u, post),
                                      permissions.can_delete_post(u, post), permissions.can_add_note(u, post))
        return found

    def of(self, post: Any, notes: dict[int, list[Any]]) -> Actions:
        pid = post.id
        published = post.status == Status.PUBLISHED
        counts = tuple(sorted(post.reactions.items())) if post.reactions else ()
        if not self.member:
            return Actions(self.root, "", pid, published, counts, False, (), None, None, False, None, False, False,
                           False, False, None)
        edit, helpful, delete, add_note = self.rules(post)
        author = post.author
        # Positional, in the order of Actions' fields (quote, saved, edit, helpful, delete,
        # revisions, report, edit_notes, add_note after the first seven).
        return Actions(
            self.root, self.path, pid, published, counts, True, self.reacted.get(pid, ()),
            (author.username if author is not None else "") if published and self.may_reply else None,
            (pid in self.saved) if published else None,
            edit, bool(post.marked_helpful) if helpful else None, delete,
            self.see_revisions and post.edited_at is not None,
            published and post.author_id != self.uid,
            add_note and bool(notes.get(pid)),
            self.note_kind if add_note else None)

    def _html(self, post: Any, notes: dict[int, list[Any]]) -> str:
        """The card's viewer part with the page's token: the cache keeps the HTML cut at the
        stand-in, so the token is joined in (no search and replace per card)."""
        a = self.of(post, notes)
        parts = self._store.get(a)
        if parts is None:
            parts = _cache.put(a, tuple(render(a).split(CSRF_STAND_IN)))
        return self.token.join(parts)

    def actions(self, post: Any, notes: dict[int, list[Any]]) -> Markup:
        """The viewer's part of `post`'s card."""
        return Markup(self._html(post, notes))

    def cards(self, posts: list[Any], notes: dict[int, list[Any]]) -> Markup:
        """The page's post cards (the `post_cards` macro), each as the macro's loop wrote it:
        the "new since your last visit" marker before the first post after the member's read
        position, the cached head (fragments.py), the viewer's actions, and the fold around a
        post by a member the viewer ignores. One call per page: the per-post checks are
        Python's, not the template's."""
        mine = self.mine
        last_read = (mine.last_read_post_id or 0) if mine is not None else 0
        ignored = mine.ignored if mine is not None else ()
        marked = not last_read
        out: list[str] = []
        add = out.append
        for post in posts:
            pid = post.id
            add("\n  ")
            if not marked and pid > last_read:
                marked = True
                add(_NEW_MARKER)
            fold = post.author_id in ignored
            add("\n  \n  ")
            if fold:
                add(f'<details class="ignored-post" id="ignored-{pid}"><summary>A post by a member you ignore</summary>')
            add("\n  ")
            add(post_content(post, notes.get(pid, [])))
            add(self._html(post, notes))
            add("\n  </article>\n  </details>\n  " if fold else "\n  </article>\n  \n  ")
        return Markup("".join(out))

    def reply_box(self, form: Any = None, check: Any = None, marked: Any = None) -> Markup:
        """The reply form (the `reply_box` macro). A page view has no form (None): the blank
        form's HTML is kept under what it shows (the URL prefix, the thread's id and its
        condition's slug), so no form object is built and nothing is rendered per view; a
        refused reply (`form` with the member's text and errors, `check`) is rendered as is."""
        if form is not None:
            return _reply_box()(self.thread, form, check, marked, Markup(self.token), getattr(form, "csrf_token", ""))
        key = (self.root, self.thread.id, self.thread.condition.slug)
        parts = _reply_cache.get(key)
        if parts is None:
            blank = ReplyForm(formdata=None)
            field = blank.csrf_token(value=CSRF_STAND_IN) if hasattr(blank, "csrf_token") else ""
            html = str(_reply_box()(self.thread, blank, None, None, CSRF_STAND_IN, field))
            parts = _reply_cache.put(key, tuple(html.split(CSRF_STAND_IN)))
        return Markup(self.token.join(parts))


def _reply_box() -> Any:
    return get_template_attribute("_macros/reply.html", "reply_box")


def render(a: Actions) -> str:
    return str(get_template_attribute("_macros/posts.html", "post_actions")(a, dict(a.counts), CSRF_STAND_IN))


def clear() -> None:
    _cache.clear()
    _reply_cache.clear()
