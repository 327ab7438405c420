"""Domain events: a use case says what happened, the capabilities that care react.

A use case calls `emit(name, **payload)` inside its transaction. Two kinds of listener, each
registered by its own capability's `init_app` (never by an adapter):

- `hook(name, fn)`: runs at once, inside the emitting transaction, for work that must commit
  (or roll back) with it: tagging a new post, the clinicians' bookkeeping, account deletion
  and the data download. A hook never commits.
- `subscribe(name, fn)`: runs once the transaction has committed, for effects only (socket
  delivery, moderator alerts, notifications, email). The event waits on the SQLAlchemy session
  (`session.info`); a rollback or a closed session drops it, so nobody hears of what did not
  happen. This is Zulip's `send_event_on_commit`.

`announce(name, **payload)` calls the subscribers at once, for in-process notices that belong
to no transaction (a logout). `EventSession` is the session class that runs the queued
subscribers after each commit (extensions.py makes the app's sessions with it)."""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from flask import current_app, has_app_context
from flask_sqlalchemy.session import Session as FlaskSession

log = logging.getLogger(__name__)

Listener = Callable[..., None]
_hooks: dict[str, list[Listener]] = defaultdict(list)
_subscribers: dict[str, list[Listener]] = defaultdict(list)
_PENDING = "harbor_events"
_session: Callable[[], Any] | None = None


def hook(name: str, fn: Listener) -> None:
    """Run `fn(**payload)` inside the transaction that emits `name`."""
    if fn not in _hooks[name]:
        _hooks[name].append(fn)


def subscribe(name: str, fn: Listener) -> None:
    """Run `fn(**payload)` after the transaction that emits `name` commits."""
    if fn not in _subscribers[name]:
        _subscribers[name].append(fn)


def bind_session(current: Callable[[], Any]) -> None:
    """Where `emit` finds the current session (extensions.py: Flask-SQLAlchemy's scoped session)."""
    global _session
    _session = current


def emit(name: str, **payload: Any) -> None:
    """The use case's event: hooks now, subscribers after its transaction commits."""
    for fn in list(_hooks.get(name, ())):
        fn(**payload)
    if _subscribers.get(name):
        assert _session is not None, "events.bind_session was not called"
        _session().info.setdefault(_PENDING, []).append((name, payload))


def announce(name: str, **payload: Any) -> None:
    """A notice outside any transaction: the subscribers run now."""
    for fn in list(_subscribers.get(name, ())):
        fn(**payload)


class EventSession(FlaskSession):
    """Flask-SQLAlchemy's session, running the events a transaction queued once it commits."""

    def commit(self, *, keep_objects: bool = False) -> None:
        """Commit, then run the subscribers of the events the transaction queued. With
        `keep_objects`, what the transaction wrote stays loaded (not expired), so its writer and
        the subscribers read it back without a query (and, on SQLite, without another write
        transaction); a subscriber's own commit expires as usual."""
        expire = self.expire_on_commit
        if keep_objects:
            self.expire_on_commit = False
        try:
            super().commit()
        finally:
            self.expire_on_commit = expire
        pending = self.info.pop(_PENDING, None)
        for name, payload in pending or ():
            for fn in list(_subscribers.get(name, ())):
                try:
                    fn(**payload)
                except Exception:   # an effect failing must not undo (or hide) what was committed
                    log.exception("subscriber %s of %s failed", getattr(fn, "__name__", fn), name)
                    if has_app_context() and current_app.testing:
                        raise

    def rollback(self) -> None:
        self.info.pop(_PENDING, None)
        super().rollback()

    def close(self) -> None:
        self.info.pop(_PENDING, None)
        super().close()
