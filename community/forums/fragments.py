"""Each post's viewer-independent HTML (the card's head: status classes, context notes,
author and badge, dates, body, clinician footer, helpful mark), rendered once per version and
kept in-process; the thread page then renders only the viewer's actions per post.

The key holds every value the fragment shows (and the app's URL prefix), so an edit, a
moderation decision, a badge granted, revoked or expired, a renamed author or a new note
makes a new key: a stale fragment can't be served and nothing needs invalidating. Visibility
is not the cache's business: it only renders posts the page's query let the viewer see.
Entries that are no longer asked for age out first-in first-out (cache.py's policy)."""
from __future__ import annotations

from typing import Any

from flask import get_template_attribute, request
from markupsafe import Markup

from ..cache import Cache
from ..clinicians.badges import badge_of

MAX_ENTRIES = 20_000   # ~1.5 KB each: about 30 MB per process when full
_cache = Cache("forums.fragments", max_items=MAX_ENTRIES)


def key(post: Any, notes: list[Any], badge: dict[str, Any] | None) -> tuple[Any, ...]:
    author = post.author
    return (
        request.script_root, post.id, str(post.status), post.is_opening, post.created_at, post.edited_at,
        post.marked_helpful, post.body_html,
        (author.id, author.username, author.name) if author is not None else None,
        tuple(badge.items()) if badge else None,
        tuple((n.id, n.kind, n.body_html) for n in notes),
    )


def post_content(post: Any, notes: list[Any]) -> Markup:
    """The cached head of `post`'s card (template global `cached_post_content`)."""
    badge = badge_of(post.author)
    k = key(post, notes, badge)
    html = _cache.get(k)
    if html is None:
        html = _cache.put(k, get_template_attribute("_macros/posts.html", "post_content")(post, notes, badge))
    return html


def clear() -> None:
    _cache.clear()
