"""Periodic jobs run by the background worker of each server process (community/mail/worker.py),
so a deployment needs no cron; the CLI commands stay for cron where no server runs.

A capability registers its jobs from its own wiring (`register("feedback.escalate", fn,
every="FEEDBACK_ESCALATE_SECONDS")`): this module imports no capability, and the worker
imports only this module. `run_due()` is called by the worker on each of its wake-ups; a job
runs when its interval has passed, in its own app context and transaction, and a failing job
is logged and tried again at its next turn.

Several processes (and servers) share one database: a job's turn is claimed with one
conditional UPDATE of its `periodic_jobs` row (`next_run_at <= now` → `now + interval`), so
each turn runs in one process only. Between turns each process keeps the next due time in
memory: a wake-up when nothing is due costs no query.

Config: `PERIODIC_JOBS` (default true) switches them all off, e.g. where cron runs the
commands instead; each job's interval is its own key, in seconds."""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .db import utcnow
from .extensions import db

log = logging.getLogger("harbor.periodic")


class PeriodicJob(db.Model):
    """When each registered job may run next (shared by every process)."""

    __tablename__ = "periodic_jobs"

    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    next_run_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_run_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(sa.String(500))


@dataclass
class Job:
    name: str
    fn: Callable[[], Any]
    every: str            # the config key of its interval in seconds
    default: float        # the interval when that key is not set


_jobs: dict[str, Job] = {}


def _next_local(app: Any) -> dict[str, float]:
    """name → time.monotonic() before which this process (this app) does not look at the job again."""
    return app.extensions.setdefault("harbor_periodic", {})  # type: ignore[no-any-return]


def register(name: str, fn: Callable[[], Any], *, every: str, default: float) -> None:
    """Run `fn()` every `app.config[every]` seconds (`default` when unset). Idempotent."""
    _jobs[name] = Job(name, fn, every, float(default))


def jobs() -> dict[str, Job]:
    return dict(_jobs)


def interval(app: Any, job: Job) -> float:
    return max(1.0, float(app.config.get(job.every) or job.default))


def _claim(job: Job, seconds: float, now: dt.datetime) -> bool:
    """Take this turn of the job for this process: True when no other process has."""
    nxt = now + dt.timedelta(seconds=seconds)
    t = PeriodicJob.__table__
    done = db.session.execute(sa.update(t).where(t.c.name == job.name, t.c.next_run_at <= now)
                              .values(next_run_at=nxt, last_run_at=now)).rowcount
    if not done:
        exists = db.session.execute(sa.select(t.c.next_run_at).where(t.c.name == job.name)).first()
        if exists is not None:
            db.session.commit()
            return False
        try:
            db.session.execute(sa.insert(t).values(name=job.name, next_run_at=nxt, last_run_at=now))
        except sa.exc.IntegrityError:      # another process registered it first: its turn
            db.session.rollback()
            return False
    db.session.commit()
    return True


def run_due(app: Any, *, now: dt.datetime | None = None, force: bool = False) -> list[str]:
    """Run every job whose turn has come (each in its own app context). Returns the names run.
    `force` ignores this process's own timer (tests); the shared claim still applies."""
    if not app.config.get("PERIODIC_JOBS", True):
        return []
    ran = []
    timers = _next_local(app)
    for job in list(_jobs.values()):
        seconds = interval(app, job)
        if not force and time.monotonic() < timers.get(job.name, 0.0):
            continue
        timers[job.name] = time.monotonic() + seconds
        with app.app_context():
            try:
                if not _claim(job, seconds, now or utcnow()):
                    continue
                job.fn()
                db.session.commit()
                ran.append(job.name)
            except Exception as err:  # noqa: BLE001 - one failing job must not stop the others (or the mail)
                db.session.rollback()
                log.exception("periodic job %s failed", job.name)
                _note_error(job.name, f"{type(err).__name__}: {err}"[:500])
            finally:
                db.session.remove()
    return ran


def _note_error(name: str, message: str) -> None:
    try:
        t = PeriodicJob.__table__
        db.session.execute(sa.update(t).where(t.c.name == name).values(last_error=message))
        db.session.commit()
    except Exception:  # noqa: BLE001 - the database is down: the log has it
        db.session.rollback()


def reset_local(app: Any) -> None:
    """Forget this process's timers (tests)."""
    _next_local(app).clear()
