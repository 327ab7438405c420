"""Fan-out off the request: subscribers hand their bulk work to one background worker per
process (a greenlet under gevent, a thread otherwise), which runs the jobs in order, each in
its own app context and transaction. The request that committed the post only pays for
queueing the job (bench/README.md, "Notifications").

With `NOTIFY_IN_BACKGROUND` false (the default under tests), or outside an HTTP request, jobs
run at once, in the caller.
A job lost to a crash of the process is lost with it: a notification is a convenience, and the
post itself is committed before the job is queued."""
from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, has_request_context

from ..extensions import db, socketio

log = logging.getLogger(__name__)

_jobs: queue.Queue[tuple[Flask, Callable[..., None], dict[str, Any]]] = queue.Queue()
_started = threading.Lock()
_running = False
_idle = threading.Event()
_idle.set()


def later(fn: Callable[..., None], **kwargs: Any) -> None:
    """Run `fn(**kwargs)` after this request, in the background. Outside an HTTP request (the
    CLI, the demo loader, socket events, whose fan-outs are small) or with the setting off, it
    runs now."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not app.config.get("NOTIFY_IN_BACKGROUND") or not has_request_context():
        fn(**kwargs)
        return
    _ensure_worker()
    _idle.clear()
    _jobs.put((app, fn, kwargs))


def _ensure_worker() -> None:
    global _running
    with _started:
        if not _running:
            _running = True
            socketio.start_background_task(_work)


def _work() -> None:
    while True:
        app, fn, kwargs = _jobs.get()
        try:
            with app.app_context():
                try:
                    fn(**kwargs)
                    db.session.commit()
                except Exception:  # noqa: BLE001 - one failed job must not stop the others
                    db.session.rollback()
                    log.exception("notification job %s failed", getattr(fn, "__name__", fn))
                finally:
                    db.session.remove()
        finally:
            _jobs.task_done()
            if _jobs.unfinished_tasks == 0:
                _idle.set()


def wait_idle(timeout: float = 10.0) -> bool:
    """Block until every queued job has run (tests, the benchmark)."""
    return _idle.wait(timeout)
