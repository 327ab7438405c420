"""Wrong passwords slow sign-in down, per account name (from every address together) and per
address, for the web form and the API's token route alike: one table, so it works with or
without Redis and across processes.

After `LOGIN_FREE_FAILURES` wrong tries for a name (`LOGIN_FREE_FAILURES_ADDRESS` from one
address), each further try must wait 2, 4, 8 ... seconds after the last failure, up to
`LOGIN_DELAY_MAX`: a growing delay, never a lock. Names are counted whether or not an
account has them (so a 429 tells nothing about which exist). Keys are keyed hashes, so the
table holds neither the names typed nor the addresses. A failure older than a day is forgotten."""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math

import sqlalchemy as sa
from flask import current_app

from ..db import utcnow
from ..errors import DomainError
from ..extensions import db
from .models import LoginThrottle
from .usernames import skeleton

FORGET_AFTER = dt.timedelta(days=1)


class Throttled(DomainError):
    """Too many wrong passwords: wait before trying again."""

    status = 429
    code = "rate_limited"

    def __init__(self, retry_after: int):
        super().__init__(f"Too many wrong tries. Please wait {retry_after} seconds and try again.",
                         extra={"retry_after": retry_after})
        self.retry_after = retry_after


def _hash(kind: str, value: str) -> str:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def account_key(username: str) -> str:
    return _hash("account", skeleton(username.strip()))


def address_key(address: str | None) -> str:
    return _hash("address", address or "")


def _enabled() -> bool:
    return bool(current_app.config.get("RATELIMIT_ENABLED", True))


def _wait(row: LoginThrottle, free: int, now: dt.datetime) -> float:
    over = row.failures - free
    if over < 0 or now - row.last_failure_at > FORGET_AFTER:
        return 0.0
    delay = min(float(current_app.config["LOGIN_DELAY_MAX"]), 2.0 ** (over + 1))
    return (row.last_failure_at + dt.timedelta(seconds=delay) - now).total_seconds()


def check(*, username: str, address: str | None, known_device: bool = False) -> None:
    """Raise Throttled when this name or this address must wait (no password is checked then).
    A browser the account signed in from before (`known_device`) skips the account's wait, so
    an attacker's wrong guesses never keep the owner out; its failures still count."""
    if not _enabled():
        return
    cfg = current_app.config
    limits = {address_key(address): int(cfg["LOGIN_FREE_FAILURES_ADDRESS"])}
    if not known_device:
        limits[account_key(username)] = int(cfg["LOGIN_FREE_FAILURES"])
    now = utcnow()
    wait = 0.0
    for row in db.session.scalars(sa.select(LoginThrottle).where(LoginThrottle.key.in_(list(limits)))):
        wait = max(wait, _wait(row, limits[row.key], now))
    if wait > 0:
        raise Throttled(max(1, math.ceil(wait)))


def _insert(dialect: str) -> sa.Insert:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(LoginThrottle)  # type: ignore[no-any-return]


def record_failure(*, username: str, address: str | None, account_only: bool = False) -> None:
    """Count a wrong password (or second-factor code). Adds to the caller's transaction."""
    if not _enabled():
        return
    now = utcnow()
    keys = [account_key(username)] + ([] if account_only else [address_key(address)])
    for key in keys:
        stmt = _insert(db.engine.dialect.name).values(key=key, failures=1, last_failure_at=now)
        stale = LoginThrottle.last_failure_at < now - FORGET_AFTER
        db.session.execute(stmt.on_conflict_do_update(
            index_elements=[LoginThrottle.key],
            set_={"failures": sa.case((stale, 1), else_=LoginThrottle.failures + 1), "last_failure_at": now},
        ))


def clear(*, username: str) -> None:
    """A successful sign-in forgets the name's failures (not the address's). Caller commits."""
    db.session.execute(sa.delete(LoginThrottle).where(LoginThrottle.key == account_key(username)))
