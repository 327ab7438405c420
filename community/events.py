"""A tiny in-process domain-event bus: services emit, adapters (the chat namespace, the
moderator alerts) subscribe. Keeps services free of any transport."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

_subscribers: dict[str, list[Callable[..., None]]] = defaultdict(list)


def subscribe(name: str, fn: Callable[..., None]) -> None:
    if fn not in _subscribers[name]:
        _subscribers[name].append(fn)


def emit(name: str, **payload: Any) -> None:
    for fn in list(_subscribers.get(name, ())):
        fn(**payload)
