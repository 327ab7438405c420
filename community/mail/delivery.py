"""Draining the outbox: claim due rows atomically (several workers and processes may drain at
once), send them over one SMTP connection per batch (Flask-Mailman, STARTTLS or TLS with a
verified certificate), or write each as an `.eml` file into `instance/mail/` when MAIL_SERVER
is unset, then record each outcome: sent (the body is dropped), retried later with backoff,
or failed after the last try (kept for the admins' page).

No database transaction is open while talking to the SMTP server: a claim commits before the
first byte is sent, so a slow or dead server never holds a lock."""
from __future__ import annotations

import datetime as dt
import logging
import os
import random
import smtplib
import ssl
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_mailman import EmailMultiAlternatives, Mail
from flask_mailman.backends.smtp import EmailBackend
from flask_mailman.utils import DNS_NAME

from ..db import utcnow
from ..extensions import db
from .models import MailStatus, OutboxMail

log = logging.getLogger("harbor.mail")
mailman = Mail()


class VerifiedSMTPBackend(EmailBackend):
    """Flask-Mailman's SMTP backend, with STARTTLS that checks the server's certificate and
    host name (smtplib's default STARTTLS context checks neither). MAIL_CA_FILE adds a CA
    (a hospital's internal relay)."""

    @property
    def ssl_context(self) -> ssl.SSLContext:  # type: ignore[override]
        ctx = ssl.create_default_context(cafile=current_app.config.get("MAIL_CA_FILE") or None)
        if self.ssl_certfile:
            ctx.load_cert_chain(self.ssl_certfile, self.ssl_keyfile)
        return ctx

    def open(self) -> bool | None:
        if self.connection:
            return False
        params: dict[str, Any] = {"local_hostname": DNS_NAME.get_fqdn()}
        if self.timeout is not None:
            params["timeout"] = self.timeout
        if self.use_ssl:
            params["context"] = self.ssl_context
        self.connection = self.connection_class(self.host, self.port, **params)
        try:
            if not self.use_ssl and self.use_tls:
                self.connection.starttls(context=self.ssl_context)
            if self.username and self.password:
                self.connection.login(self.username, self.password)
        except BaseException:
            self.connection.close()
            self.connection = None
            raise
        return True


def init_app(app: Any) -> None:
    app.config["MAIL_DEFAULT_SENDER"] = app.config.get("MAIL_FROM")
    mailman.init_app(app)


@dataclass(frozen=True)
class Claimed:
    id: int
    kind: str
    to: str
    subject: str
    text: str
    html: str | None
    headers: dict[str, str]
    attempts: int
    lock_id: str


@dataclass
class DrainResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: DrainResult) -> None:
        self.sent += other.sent
        self.retried += other.retried
        self.failed += other.failed
        self.errors += other.errors


_COLS = (OutboxMail.id, OutboxMail.kind, OutboxMail.to_addr, OutboxMail.subject, OutboxMail.text, OutboxMail.html,
         OutboxMail.headers, OutboxMail.attempts, OutboxMail.lock_id)


def claim(*, limit: int, now: dt.datetime | None = None) -> list[Claimed]:
    """Take a lease on up to `limit` due rows, in one committed transaction. A row is due when
    queued, its next attempt has come, and no live lease is on it. On PostgreSQL concurrent
    claims skip each other's rows (FOR UPDATE SKIP LOCKED); SQLite's write lock serialises them."""
    now = now or utcnow()
    lock_id = uuid.uuid4().hex
    lease = dt.timedelta(seconds=current_app.config["MAIL_LEASE_SECONDS"])
    due = (sa.select(OutboxMail.id)
           .where(OutboxMail.status == MailStatus.QUEUED, OutboxMail.next_attempt_at <= now,
                  sa.or_(OutboxMail.locked_until.is_(None), OutboxMail.locked_until < now))
           .order_by(OutboxMail.id).limit(limit).with_for_update(skip_locked=True))
    stmt = (sa.update(OutboxMail)
            .where(OutboxMail.id.in_(due.scalar_subquery()), OutboxMail.status == MailStatus.QUEUED,
                   sa.or_(OutboxMail.locked_until.is_(None), OutboxMail.locked_until < now))
            .values(locked_until=now + lease, lock_id=lock_id)
            .returning(*_COLS)
            .execution_options(synchronize_session=False))
    try:
        rows = db.session.execute(stmt).all()
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return sorted((Claimed(*r) for r in rows), key=lambda c: c.id)


def _message(c: Claimed) -> EmailMultiAlternatives:
    msg = EmailMultiAlternatives(subject=c.subject, body=c.text, from_email=current_app.config["MAIL_FROM"],
                                 to=[c.to], headers=dict(c.headers or {}))
    if c.html:
        msg.attach_alternative(c.html, "text/html")
    return msg


_PERMANENT = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def _is_permanent(err: BaseException) -> bool:
    """A 5xx answer about this message (unknown recipient, refused content): trying again
    will not help. Connection trouble and 4xx answers are worth retrying."""
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in err.recipients.values())
    return isinstance(err, _PERMANENT) and getattr(err, "smtp_code", 0) >= 500


def _describe(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}"[:500]


def _send_smtp(batch: list[Claimed]) -> dict[int, BaseException | None]:
    outcome: dict[int, BaseException | None] = {}
    cfg = current_app.config
    # Read at each batch (not frozen at start-up), so a changed setting takes effect at once.
    conn = mailman.get_connection(backend=VerifiedSMTPBackend, host=cfg["MAIL_SERVER"], port=int(cfg["MAIL_PORT"]), username=cfg.get("MAIL_USERNAME") or "",
                                  password=cfg.get("MAIL_PASSWORD") or "", use_tls=bool(cfg["MAIL_USE_TLS"]) and not cfg["MAIL_USE_SSL"],
                                  use_ssl=bool(cfg["MAIL_USE_SSL"]), timeout=float(cfg["MAIL_TIMEOUT_SECONDS"]))
    try:
        conn.open()
    except (OSError, smtplib.SMTPException, ssl.SSLError) as err:
        return {c.id: err for c in batch}
    try:
        for c in batch:
            try:
                conn.send_messages([_message(c)])  # one at a time, over the open connection: each its own outcome
                outcome[c.id] = None
            except smtplib.SMTPServerDisconnected as err:
                # The connection is gone: this and the rest wait for the next attempt.
                for rest in batch:
                    outcome.setdefault(rest.id, err)
                break
            except (OSError, smtplib.SMTPException) as err:
                outcome[c.id] = err
    finally:
        try:
            conn.close()
        except (OSError, smtplib.SMTPException):
            pass
    return outcome


def mail_folder() -> Path:
    return Path(current_app.instance_path) / "mail"


def _write_eml(batch: list[Claimed]) -> dict[int, BaseException | None]:
    """No MAIL_SERVER: each message becomes `instance/mail/<time>-<id>-<random>.eml`, so a deployment
    without SMTP (the embedded default, development) still shows what would be sent."""
    folder = mail_folder()
    folder.mkdir(parents=True, exist_ok=True)
    outcome: dict[int, BaseException | None] = {}
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    for c in batch:
        try:
            path = folder / f"{stamp}-{c.id:08d}-{uuid.uuid4().hex[:8]}.eml"
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(_message(c).message().as_bytes())
            os.replace(tmp, path)
            outcome[c.id] = None
        except OSError as err:
            outcome[c.id] = err
    return outcome


def retry_delay(attempts: int) -> dt.timedelta:
    """Backoff after the n-th failed attempt: base * 2^(n-1), at most 6 hours, with jitter so
    a backlog does not retry in one burst."""
    base = float(current_app.config["MAIL_RETRY_BASE_SECONDS"])
    seconds = min(base * (2 ** max(0, attempts - 1)), 6 * 3600)
    return dt.timedelta(seconds=seconds * random.uniform(0.9, 1.1))


def _record(batch: list[Claimed], outcome: dict[int, BaseException | None]) -> DrainResult:
    result = DrainResult()
    now = utcnow()
    max_attempts = int(current_app.config["MAIL_MAX_ATTEMPTS"])
    sent_ids = [c.id for c in batch if c.id in outcome and outcome[c.id] is None]
    if sent_ids:
        db.session.execute(
            sa.update(OutboxMail).where(OutboxMail.id.in_(sent_ids), OutboxMail.lock_id == batch[0].lock_id)
            .values(status=MailStatus.SENT, sent_at=now, attempts=OutboxMail.attempts + 1, text="", html=None,
                    locked_until=None, lock_id=None, last_error=None)
            .execution_options(synchronize_session=False))
        result.sent = len(sent_ids)
    for c in batch:
        if c.id in sent_ids:
            continue
        err = outcome.get(c.id) or RuntimeError("not attempted")
        attempts = c.attempts + 1
        final = attempts >= max_attempts or _is_permanent(err)
        values: dict[str, Any] = {"attempts": attempts, "locked_until": None, "lock_id": None, "last_error": _describe(err)}
        if final:
            values["status"] = MailStatus.FAILED
            result.failed += 1
            log.warning("mail %s (%s) failed for good after %d attempts: %s", c.id, c.kind, attempts, _describe(err))
        else:
            values["next_attempt_at"] = now + retry_delay(attempts)
            result.retried += 1
        result.errors.append(_describe(err))
        db.session.execute(sa.update(OutboxMail).where(OutboxMail.id == c.id, OutboxMail.lock_id == c.lock_id)
                           .values(**values).execution_options(synchronize_session=False))
    db.session.commit()
    return result


def send_batch(batch: list[Claimed]) -> DrainResult:
    if not batch:
        return DrainResult()
    outcome = _send_smtp(batch) if current_app.config.get("MAIL_SERVER") else _write_eml(batch)
    return _record(batch, outcome)


def drain(*, limit: int | None = None) -> DrainResult:
    """Send every due email (at most `limit`), batch by batch. Called by the background worker
    and by `flask --app wsgi mail send`. A batch that finds the server down stops the drain:
    its rows wait for their next attempt."""
    batch_size = int(current_app.config["MAIL_BATCH_SIZE"])
    total = DrainResult()
    while limit is None or total.sent + total.retried + total.failed < limit:
        want = batch_size if limit is None else min(batch_size, limit - total.sent - total.retried - total.failed)
        batch = claim(limit=want)
        if not batch:
            break
        result = send_batch(batch)
        total.add(result)
        if result.sent == 0:
            break
    return total


def purge_sent() -> int:
    """Forget sent emails after MAIL_KEEP_SENT_DAYS (their bodies went at sending). Commits."""
    cutoff = utcnow() - dt.timedelta(days=float(current_app.config["MAIL_KEEP_SENT_DAYS"]))
    n = db.session.execute(sa.delete(OutboxMail).where(OutboxMail.status == MailStatus.SENT, OutboxMail.sent_at < cutoff)
                           .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return int(n or 0)
