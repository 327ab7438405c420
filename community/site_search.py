"""One search over everything a searcher may read: reviewed articles first (ranked above posts
for the same words, on the first page), then posts (forums/search.py, ranked and paged), and
for members the chat messages of their rooms (chat/search.py). Each part is index-backed with a
bounded candidate window and runs under SEARCH_TIMEOUT_MS; the HTML page and the API both use
this, so they show the same results."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from .chat.search import ChatHit, find_messages
from .education.search import ArticleHit, find_articles
from .forums import search as posts
from .forums.models import Condition
from .reliability.deadline import TimedOut, statement_deadline


@dataclass
class SiteResults:
    posts: posts.Results
    articles: list[ArticleHit] = field(default_factory=list)
    chat: list[ChatHit] = field(default_factory=list)

    @property
    def timed_out(self) -> bool:
        return self.posts.timed_out

    @property
    def count(self) -> int:
        """Articles shown plus matching posts (the posts' count is capped at the window)."""
        return len(self.articles) + self.posts.total


def search(query: str, *, viewer: Any, condition: Condition | None = None, author: Any = None,
           since: dt.date | None = None, until: dt.date | None = None, page: int = 1,
           per_page: int = 20) -> SiteResults:
    found = posts.search(query, condition=condition, author=author, since=since, until=until, page=page, per_page=per_page)
    out = SiteResults(found)
    if found.timed_out or not found.terms:
        return out
    terms = found.terms
    limit_ms = int(current_app.config.get("SEARCH_TIMEOUT_MS", 500))
    try:
        if found.page == 1:
            with statement_deadline(limit_ms):
                out.articles = find_articles(terms, found.filters)
                if not out.articles and len(terms[-1]) >= posts.PREFIX_MIN:
                    out.articles = find_articles(terms, found.filters, prefix=True)
        with statement_deadline(limit_ms):
            out.chat = find_messages(viewer=viewer, terms=terms, snippet=posts.snippet, condition=condition,
                                     author=author, since=since, until=until)
    except TimedOut:
        # The posts are shown; the part that ran out of time is left out.
        current_app.logger.warning("search of articles or chat stopped at its time limit (%d terms)", len(terms))
    return out
