"""PostgreSQL: which way to walk a tsvector index for "the newest N matches".

Two plans answer `document @@ q ORDER BY id DESC LIMIT N`: walk the primary key downwards and
test each row (cheap when the words are common: about N / frequency rows), or take every match
from the GIN index and sort them (cheap when they are rare: frequency x rows). PostgreSQL's
planner guesses the frequency of a word it has no statistics for (0.5%), so at a million posts
an absent or rare word got the first plan and tested every row (550 ms, past the statement
timeout). The decision is made here instead, from the same statistics (`pg_stats`'s most
common lexemes, read at most every 10 minutes per process): the words are "common" when each
is in at least COMMON_SHARE of the rows; then the match is written so that no index can
serve it (the primary key is walked), otherwise the order so that only the GIN index can.
The search tables take no parallel workers (migration 0008_search): starting two costs more
CPU than a bounded search does (30 ms for a word that matches nothing, at 1M posts). SQLite's FTS5 walks its doclists by rowid either way and needs none of this."""
from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Iterator

import sqlalchemy as sa

from ..extensions import db

COMMON_SHARE = 0.02      # where the two plans cost about the same for 500 candidates at 1M rows
TTL_S = 600.0
_cache: dict[str, tuple[float, dict[str, float]]] = {}


def _frequencies(table: str) -> dict[str, float]:
    now = time.monotonic()
    hit = _cache.get(table)
    if hit is not None and now - hit[0] < TTL_S:
        return hit[1]
    row = db.session.execute(sa.text(
        "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
        "WHERE schemaname = current_schema() AND tablename = :t AND attname = 'document'"), {"t": table}).first()
    freqs = dict(zip(row[0], row[1], strict=False)) if row is not None and row[0] else {}
    _cache[table] = (now, freqs)
    return freqs


@functools.lru_cache(maxsize=4096)
def _lexemes(terms: tuple[str, ...]) -> tuple[str, ...]:
    """The words as the index stores them (the 'english' configuration: stemmed, stop words
    gone). A pure function of the words, so it is kept per process."""
    if not terms:
        return ()
    return tuple(db.session.scalars(sa.text("SELECT lexeme FROM unnest(to_tsvector('english', :t))"),
                                    {"t": " ".join(terms)}).all())


def words_are_common(table: str, terms: list[str], *, prefix: bool) -> bool:
    """Whether every term (the last one as a prefix, if `prefix`) is in at least COMMON_SHARE
    of `table`'s documents, by the planner's own statistics. Unknown: not common."""
    freqs = _frequencies(table)
    if not freqs:
        return False
    lexemes = _lexemes(tuple(terms[:-1] if prefix else terms))
    shares = [freqs.get(lx, 0.0) for lx in lexemes]
    if prefix:
        stem = terms[-1]
        shares.append(sum(f for lx, f in freqs.items() if lx.startswith(stem[: max(3, len(stem) - 1)])))
    return bool(shares) and min(shares) >= COMMON_SHARE



@contextlib.contextmanager
def unprepared() -> Iterator[None]:
    """psycopg prepares a statement it has run five times, and PostgreSQL then may keep one
    generic plan for all values: at 1M posts a month's search went from 20 ms to 200 ms (past the
    time limit) after ten runs, planned for an unknown id range. Searches are planned for their
    own values (psycopg's prepare_threshold off on this connection while they run)."""
    conn = db.session.connection()
    raw = conn.connection.driver_connection if conn.dialect.name == "postgresql" else None
    if raw is None:
        yield
        return
    saved = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = saved
