"""The outbox and its drain, against a real SMTP server (aiosmtpd): both parts and headers,
STARTTLS with a checked certificate and a login, outages retried without loss, failure after
the last try, the .eml fallback, atomic claims under concurrent drains, the worker."""
from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from community.db import utcnow
from community.extensions import db
from community.mail import services as mail
from community.mail import worker
from community.mail.delivery import drain, mail_folder
from community.mail.models import MailStatus, OutboxMail
from tests.factories import make_user

from .smtp import SMTPServer, free_port, silent_port, smtp_server


def _account_mail(to: str = "member@example.org", subject: str = "Hello", **kw: object) -> OutboxMail | None:
    return mail.queue_email(to=to, subject=subject, text="Plain words.", html="<p>HTML <b>words</b>.</p>",
                            kind="test", unsubscribe=False, **kw)  # type: ignore[arg-type]


def _rows() -> list[OutboxMail]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutboxMail).order_by(OutboxMail.id)))


def _time_passes() -> None:
    """Every waiting email's next attempt is due now (as if the backoff had elapsed)."""
    db.session.execute(sa.update(OutboxMail).values(next_attempt_at=utcnow() - dt.timedelta(seconds=1)))
    db.session.commit()


def test_committed_email_is_delivered_with_both_parts(app: Flask, smtp: SMTPServer) -> None:
    app.config["MAIL_FROM"] = "Harbor <harbor@example.org>"
    _account_mail(subject="Your account")
    db.session.commit()
    assert smtp.inbox.messages == []                      # queued, not sent by queueing
    result = drain()
    assert result.sent == 1
    got = smtp.inbox.wait_for(1)[0]
    assert got.rcpt_tos == ["member@example.org"] and got.mail_from == "harbor@example.org"
    msg = got.message
    assert msg["Subject"] == "Your account" and msg["From"] == "Harbor <harbor@example.org>"
    assert msg["Message-ID"] and msg["Date"]
    assert msg.get_body(("plain",)).get_content().strip() == "Plain words."
    assert "<b>words</b>" in msg.get_body(("html",)).get_content()
    row = _rows()[0]
    assert row.status == MailStatus.SENT and row.sent_at is not None and row.text == "" and row.html is None
    assert drain().sent == 0                              # sent once, never again


def test_rolled_back_use_case_sends_nothing(app: Flask, smtp: SMTPServer) -> None:
    _account_mail()
    db.session.rollback()
    assert _rows() == []
    assert drain().sent == 0 and smtp.inbox.messages == []


def test_starttls_with_verified_certificate_and_login(app: Flask, smtp_tls: SMTPServer) -> None:
    _account_mail()
    db.session.commit()
    assert drain().sent == 1
    got = smtp_tls.inbox.wait_for(1)[0]
    assert got.tls is True and got.login == "harbor"


def test_starttls_refuses_a_certificate_it_cannot_verify(app: Flask, smtp_tls: SMTPServer) -> None:
    app.config["MAIL_CA_FILE"] = None        # the throw-away CA is not trusted: no mail over that link
    _account_mail()
    db.session.commit()
    result = drain()
    assert result.sent == 0 and result.retried == 1 and "CERTIFICATE_VERIFY_FAILED" in result.errors[0]
    assert smtp_tls.inbox.messages == []
    assert _rows()[0].status == MailStatus.QUEUED


def test_outage_loses_nothing_and_retries_later(app: Flask) -> None:
    port = free_port()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
    for i in range(3):
        _account_mail(subject=f"Message {i}")
    db.session.commit()
    result = drain()                                       # nobody listens on the port
    assert (result.sent, result.retried, result.failed) == (0, 3, 0)
    rows = _rows()
    assert all(r.status == MailStatus.QUEUED and r.attempts == 1 and r.next_attempt_at > utcnow() for r in rows)
    assert "refused" in (rows[0].last_error or "").lower()
    assert drain().sent == 0                               # not due yet: backoff
    with smtp_server(port=port) as server:
        _time_passes()
        assert drain().sent == 3
        assert sorted(m.message["Subject"] for m in server.inbox.wait_for(3)) == ["Message 0", "Message 1", "Message 2"]


def test_hung_server_does_not_slow_a_page(app: Flask, client) -> None:  # type: ignore[no-untyped-def]
    user = make_user(email="slow@example.org")
    with silent_port() as port:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False, MAIL_TIMEOUT_SECONDS=1,
                          PASSWORD_RESET_MIN_SECONDS=0)
        started = time.monotonic()
        resp = client.post("/api/v1/password-reset", json={"login": user.username})
        took = time.monotonic() - started
        assert resp.status_code == 202 and took < 0.5      # the page only wrote a row
        queued = [r for r in _rows() if r.kind == "password_reset"]
        assert len(queued) == 1 and queued[0].status == MailStatus.QUEUED
        result = drain()                                   # the drain waits for the timeout instead
        assert result.sent == 0 and result.retried >= 1


def test_failure_after_last_try_is_kept_and_shown_to_admins(app: Flask, smtp: SMTPServer, client, auth) -> None:  # type: ignore[no-untyped-def]
    app.config["MAIL_MAX_ATTEMPTS"] = 2
    smtp.inbox.answer = "451 4.3.0 try again later"
    _account_mail(to="unlucky@example.org")
    db.session.commit()
    assert drain().retried == 1
    _time_passes()
    assert drain().failed == 1
    row = _rows()[0]
    assert row.status == MailStatus.FAILED and row.attempts == 2 and "451" in (row.last_error or "")
    _time_passes()
    assert drain().sent == 0                               # failed rows are not retried on their own

    patient = make_user()
    auth.login(patient)
    assert client.get("/admin/mail").status_code == 403
    auth.logout()
    admin = make_user("admin")
    auth.login(admin)
    page = client.get("/admin/mail").get_data(as_text=True)
    assert "unlucky@example.org" in page and "451" in page
    smtp.inbox.answer = None
    assert client.post(f"/admin/mail/{row.id}/retry").status_code == 302
    assert drain().sent == 1 and smtp.inbox.wait_for(1)[0].rcpt_tos == ["unlucky@example.org"]
    assert "unlucky@example.org" not in client.get("/admin/mail").get_data(as_text=True)


def test_permanent_refusal_fails_at_once(app: Flask, smtp: SMTPServer) -> None:
    smtp.inbox.answer = "550 5.1.1 no such mailbox"
    _account_mail()
    db.session.commit()
    result = drain()
    assert result.failed == 1 and _rows()[0].status == MailStatus.FAILED


def test_without_mail_server_each_email_is_an_eml_file(app: Flask) -> None:
    app.config["MAIL_SERVER"] = None
    folder = mail_folder()
    before = set(folder.glob("*.eml")) if folder.exists() else set()
    _account_mail(to="file@example.org", subject="Written to disk")
    db.session.commit()
    assert drain().sent == 1
    new = sorted(set(folder.glob("*.eml")) - before)
    assert len(new) == 1 and Path(app.instance_path) / "mail" == new[0].parent
    import email
    import email.policy

    msg = email.message_from_bytes(new[0].read_bytes(), policy=email.policy.default)
    assert msg["To"] == "file@example.org" and msg["Subject"] == "Written to disk"
    assert msg.get_body(("html",)) is not None and msg.get_body(("plain",)) is not None


def test_concurrent_drains_send_each_email_once(app: Flask, smtp: SMTPServer) -> None:
    app.config["MAIL_BATCH_SIZE"] = 7
    for i in range(60):
        _account_mail(subject=f"n{i}")
    db.session.commit()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with app.app_context():
                drain()
                db.session.remove()
        except BaseException as err:  # noqa: BLE001
            errors.append(err)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    subjects = [m.message["Subject"] for m in smtp.inbox.wait_for(60)]
    assert sorted(subjects) == sorted(f"n{i}" for i in range(60))      # all of them, none twice
    assert all(r.status == MailStatus.SENT for r in _rows())


def test_a_dead_workers_claim_returns_to_the_queue(app: Flask, smtp: SMTPServer) -> None:
    from community.mail.delivery import claim

    _account_mail()
    db.session.commit()
    assert len(claim(limit=10)) == 1                       # claimed, then the worker died
    assert drain().sent == 0                               # its lease still holds
    db.session.execute(sa.update(OutboxMail).values(locked_until=utcnow() - dt.timedelta(seconds=1)))
    db.session.commit()
    assert drain().sent == 1


def test_background_worker_sends_soon_after_commit(app: Flask, smtp: SMTPServer) -> None:
    app.config["MAIL_POLL_SECONDS"] = 30                   # so only the commit's wake-up can explain a quick send
    w = worker.start(app)
    assert w is not None and worker.start(app) is None     # once per process
    try:
        time.sleep(0.2)
        _account_mail(subject="From the worker")
        db.session.commit()
        got = smtp.inbox.wait_for(1, timeout=10)
        assert [m.message["Subject"] for m in got] == ["From the worker"]
    finally:
        worker.stop(w)


@pytest.mark.parametrize("bad", ["", "two@example.org, three@example.org", "evil@example.org\r\nBcc: x@example.org", "no-at-sign"])
def test_queue_email_takes_one_address(app: Flask, bad: str) -> None:
    with pytest.raises(ValueError):
        _account_mail(to=bad)


def test_subject_cannot_inject_headers(app: Flask, smtp: SMTPServer) -> None:
    _account_mail(subject="Hi\r\nBcc: someone@example.org")
    db.session.commit()
    assert drain().sent == 1
    got = smtp.inbox.wait_for(1)[0]
    assert got.rcpt_tos == ["member@example.org"] and got.message["Bcc"] is None
