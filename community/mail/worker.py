"""The background worker that drains the outbox inside a server process: one thread per
process (a greenlet under gevent, where `threading` is monkey-patched), started once by the
server (`community.server`), woken at once when this process commits a queued email and
otherwise every MAIL_POLL_SECONDS, so emails queued by another process go out too. Several
processes may run one each: claims are atomic (see delivery.claim).

On each wake-up it also runs the periodic jobs whose turn has come (community/periodic.py:
digests, feedback escalation, the crisis sweep, registered by their capabilities), unless
PERIODIC_JOBS is false."""
from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

import sqlalchemy as sa

log = logging.getLogger("harbor.mail")

_wake = threading.Event()
_started_in: int | None = None


def wake() -> None:
    _wake.set()


def wake_after_commit(session: Any) -> None:
    """Wake this process's worker when the caller's transaction commits (never before: the
    row is not visible to the worker until then)."""
    if not session.info.get("harbor_mail_wake"):
        session.info["harbor_mail_wake"] = True
        sa.event.listen(session, "after_commit", _on_commit, once=True)


def _on_commit(session: Any) -> None:
    session.info.pop("harbor_mail_wake", None)
    _wake.set()


class MailWorker:
    """One process's drain loop. `stop()` ends it (tests; a server simply exits)."""

    def __init__(self, app: Any):
        self.app = app
        self._stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="harbor-mail", daemon=True)

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        _wake.set()
        self.thread.join(timeout)

    def _run(self) -> None:
        from .. import periodic
        from ..extensions import db
        from .delivery import drain, purge_sent

        poll = float(self.app.config["MAIL_POLL_SECONDS"])
        last_purge = 0.0
        while not self._stopping.is_set():
            _wake.wait(timeout=poll)
            _wake.clear()
            if self._stopping.is_set():
                break
            try:
                with self.app.app_context():
                    try:
                        result = drain()
                        if result.retried or result.failed:
                            log.warning("mail: %d sent, %d to retry, %d failed", result.sent, result.retried, result.failed)
                        if time.monotonic() - last_purge > 3600:
                            purge_sent()
                            last_purge = time.monotonic()
                    finally:
                        db.session.remove()
            except Exception:  # the database is down, say: keep the worker alive and try again later
                log.exception("mail worker: drain failed")
                self._stopping.wait(timeout=poll)
            if self._stopping.is_set():
                break
            try:
                periodic.run_due(self.app)     # each job logs its own failure; this guards the loop
            except Exception:
                log.exception("mail worker: periodic jobs failed")


def start(app: Any) -> MailWorker | None:
    """Start this process's worker (once per process; MAIL_WORKER false turns it off)."""
    global _started_in
    if not app.config.get("MAIL_WORKER", True) or _started_in == os.getpid():
        return None
    _started_in = os.getpid()
    worker = MailWorker(app)
    worker.thread.start()
    return worker


def stop(worker: MailWorker) -> None:
    """Forget that this process has a worker (after `worker.stop()`), so one may start again."""
    global _started_in
    worker.stop()
    _started_in = None
