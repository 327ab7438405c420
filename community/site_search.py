"""One search over everything a searcher may read: reviewed articles first (ranked above posts
for the same words, on the first page), then posts (forums/search.py, ranked and paged), and
for members the chat messages of their rooms (chat/search.py). Each part is index-backed with a
bounded candidate window, and all of them run under one SEARCH_TIMEOUT_MS; the HTML page and the API both use
this, so they show the same results."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .chat.search import ChatHit, find_messages
from .education.search import ArticleHit, find_articles
from .forums import search as posts
from .forums.models import Condition


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
    articles: list[ArticleHit] = []
    chat: list[ChatHit] = []

    def also(terms: list[str], filters: posts.Filters) -> None:     # inside the posts' time limit
        if page <= 1:
            articles.extend(find_articles(terms, filters)
                            or (find_articles(terms, filters, prefix=True) if len(terms[-1]) >= posts.PREFIX_MIN else []))
        chat.extend(find_messages(viewer=viewer, terms=terms, snippet=posts.snippet, condition=condition,
                                  author=author, since=since, until=until))

    found = posts.search(query, condition=condition, author=author, since=since, until=until, page=page,
                         per_page=per_page, also=also)
    if found.timed_out:
        return SiteResults(found)
    return SiteResults(found, articles, chat)
