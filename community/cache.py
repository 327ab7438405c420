"""The one in-process cache policy, used by every cache in Harbor (chat room references, the
compiled watchlist, the feedback tagger, the forum's post fragments).

Policy: a cache belongs to one app (it lives in `app.extensions`, so two apps in one process,
such as the test suite's SQLite and PostgreSQL apps, never see each other's entries); it is
bounded (when `max_items` is reached the oldest tenth goes, first in first out); and an entry is
either keyed by everything it depends on (nothing to invalidate: a change makes a new key) or
dropped by the writer that changes its source (`clear`). Nothing expires by time: a value that
another process may change (the watchlist) is checked against the database by its owner."""
from __future__ import annotations

import itertools
from collections.abc import Hashable
from typing import Any

from flask import current_app

_EXTENSION = "harbor_caches"


class Cache:
    def __init__(self, name: str, *, max_items: int = 1_000) -> None:
        self.name, self.max_items = name, max_items

    def _store(self) -> dict[Hashable, Any]:
        caches: dict[str, dict[Hashable, Any]] = current_app.extensions.setdefault(_EXTENSION, {})
        store = caches.get(self.name)
        if store is None:
            store = caches[self.name] = {}
        return store

    def get(self, key: Hashable, default: Any = None) -> Any:
        return self._store().get(key, default)

    def put(self, key: Hashable, value: Any) -> Any:
        store = self._store()
        if key not in store and len(store) >= self.max_items:
            for old in list(itertools.islice(store, max(1, self.max_items // 10))):
                store.pop(old, None)
        store[key] = value
        return value

    def clear(self) -> None:
        self._store().clear()

    def __len__(self) -> int:
        return len(self._store())
