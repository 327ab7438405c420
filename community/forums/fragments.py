"""The viewer-independent HTML of a post (author, badge, time, body, notes, helpful mark),
rendered once and reused by every visitor's thread page. The cache key holds every value the
fragment shows, so an edit, a moderation decision, a new note, a badge granted or revoked or
a renamed author gives a new key: nothing is ever served stale, and nothing to invalidate.
Bounded; per process."""
from __future__ import annotations

import hashlib
from typing import Any

from flask import current_app
from markupsafe import Markup

from ..clinicians.badges import badge_of

MAX_ENTRIES = 20_000


def _key(post: Any, notes: list[Any], badge: dict[str, Any] | None) -> tuple[Any, ...]:
    author = post.author
    who = (author.id, author.username, author.display_name) if author is not None else None
    body = hashlib.blake2b(post.body_html.encode(), digest_size=12).digest()
    return (post.id, str(post.status), post.created_at, post.edited_at, bool(post.marked_helpful), body, who,
            tuple(sorted(badge.items())) if badge else None,
            tuple((n.id, str(n.kind), hashlib.blake2b(n.body_html.encode(), digest_size=12).digest()) for n in notes))


def post_head(post: Any, notes: list[Any]) -> Markup:
    cache: dict[tuple[Any, ...], Markup] = current_app.extensions.setdefault("harbor_post_fragments", {})
    badge = badge_of(post.author)
    key = _key(post, notes, badge)
    html = cache.get(key)
    if html is None:
        html = Markup(current_app.jinja_env.get_template("forums/_post_head.html").render(post=post, notes=notes, clinician=badge))
        if len(cache) >= MAX_ENTRIES:
            cache.clear()
        cache[key] = html
    return html
