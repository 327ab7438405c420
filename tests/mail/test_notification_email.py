"""Notification email end to end, through a real SMTP server (aiosmtpd): the digest CLI, the
"immediately when away" emails (batched, queued by the periodic job, never in the request),
the background worker running both, and the one preference (opt-in, unsubscribe, confirmed
address) that decides who gets any."""
from __future__ import annotations

import datetime as dt
import html
import re
import time

import sqlalchemy as sa
from flask import Flask

from community import periodic
from community.auth.models import User
from community.db import utcnow
from community.extensions import db
from community.mail import preferences, worker
from community.mail.delivery import drain
from community.mail.models import OutboxMail
from community.notifications import digest
from community.notifications.models import Notification
from community.reactions import services as reactions
from tests.factories import make_reply, make_thread, make_user

from .smtp import SMTPServer

BASE = "https://community.example-hospital.org"
OPENING = "My peak flow dropped to 210 this morning"
SECRET = "I take 40 mg prednisolone and my HbA1c is 9.1"


def _member(email: str, mode: str | None = "daily", **fields):  # type: ignore[no-untyped-def]
    user = make_user(email=email, email_verified_at=utcnow(), **fields)
    if mode is not None:
        preferences.choose(actor=user, mode=mode)
    return user


def _replied(author: User, n: int = 1, title: str = "Morning readings"):  # type: ignore[no-untyped-def]
    t = make_thread(author=author, title=title, body=OPENING)
    for _ in range(n):
        make_reply(t.thread, author=make_user(), body=SECRET)
    return t


def _text(msg) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The plain part and the HTML part (its entities decoded)."""
    return msg.get_body(("plain",)).get_content(), html.unescape(msg.get_body(("html",)).get_content())


def _outbox(user: User) -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.user_id == user.id).order_by(OutboxMail.id)))


def test_digest_cli_end_to_end(app: Flask, runner, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    app.config["BASE_URL"] = BASE
    author = _member("reader@example.org", "daily")
    t = _replied(author, n=2)
    result = runner.invoke(args=["notifications", "digest"])
    assert result.exit_code == 0 and "1 member(s) due, 1 email(s) queued" in result.output, result.output
    assert smtp.inbox.messages == []                       # queued, not sent by the digest itself
    sent = runner.invoke(args=["mail", "send"])
    assert sent.exit_code == 0 and "sent 1" in sent.output, sent.output
    (got,) = smtp.inbox.wait_for(1)
    msg = got.message
    assert got.rcpt_tos == ["reader@example.org"] and msg["Subject"] == "Harbor: 1 new notification"
    assert re.fullmatch(rf"<{re.escape(BASE)}/email/unsubscribe/[^>]+>", str(msg["List-Unsubscribe"]).strip())
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for part in _text(msg) + (str(msg["Subject"]),):
        assert "prednisolone" not in part and "HbA1c" not in part and "peak flow" not in part
    for part in _text(msg):
        assert "2 replies in 'Morning readings' in " + t.thread.condition.name in part and f"{BASE}/p/" in part
    # Nothing new: the next run queues nothing; a reply tomorrow is in tomorrow's digest.
    assert "0 member(s) due" in runner.invoke(args=["notifications", "digest"]).output
    # One click (no login, as a mail client does it) turns every community email off.
    url = str(msg["List-Unsubscribe"]).strip().strip("<>")
    done = app.test_client().post(url.removeprefix(BASE), data="List-Unsubscribe=One-Click",
                                  content_type="application/x-www-form-urlencoded")
    assert done.status_code == 200
    db.session.expire_all()
    assert preferences.preference_of(author).off
    make_reply(t.thread, author=make_user(), body="Another one")
    assert digest.run_digests(utcnow() + dt.timedelta(days=2)) == (0, 0)


def test_nobody_is_emailed_before_opting_in_nor_at_an_unconfirmed_address(app: Flask, smtp: SMTPServer) -> None:
    default = _member("default@example.org", mode=None)     # a patient who never chose: daily digest, opt-in
    assert preferences.preference_of(default).mode == "daily" and not preferences.preference_of(default).opted_in
    _replied(default)
    unconfirmed = make_user(email="unconfirmed@example.org")
    preferences.choose(actor=unconfirmed, mode="immediate")
    _replied(unconfirmed)
    later = utcnow() + dt.timedelta(days=8)
    assert digest.run_digests(later) == (0, 0) and digest.run_immediate(later) == 0
    assert drain().sent == 0 and smtp.inbox.messages == []


def test_immediately_when_away_one_email_per_window(app: Flask, client, auth, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    app.config["BASE_URL"] = BASE
    app.config["NOTIFY_BATCH_MINUTES"] = 15
    author = _member("away@example.org", "immediate")
    t = make_thread(author=author, title="Pacing plans", body=OPENING)
    auth.login(author)
    assert client.get("/").status_code == 200               # on the site now: last_seen_at is set
    db.session.expire_all()
    seen = db.session.get(User, author.id).last_seen_at
    assert seen is not None and utcnow() - seen < dt.timedelta(seconds=30)
    auth.logout()
    # Another member replies over HTTP and three members react: notifications, and no email from the request.
    other = make_user()
    auth.login(other)
    assert client.post(f"/t/{t.thread.id}/reply", data={"body": SECRET}).status_code == 302
    for _ in range(3):
        reactions.react(actor=make_user(), target_type="post", target_id=t.post.id, kind="hug")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(Notification.user_id == author.id)) == 2
    assert _outbox(author) == []                            # never queued inside a request
    assert digest.run_immediate() == 0                      # seen a moment ago: not away
    away = seen + dt.timedelta(minutes=11)
    assert digest.run_immediate(away) == 1
    assert digest.run_immediate(away + dt.timedelta(seconds=30)) == 0   # the same notifications never twice
    assert drain().sent == 1
    (got,) = smtp.inbox.wait_for(1)
    text, body = _text(got.message)
    assert got.rcpt_tos == ["away@example.org"] and got.message["Subject"] == "Harbor: 2 new notifications"
    assert "replied in 'Pacing plans'" in text and "3 reactions to your post in 'Pacing plans'" in body
    assert "prednisolone" not in text + body and "peak flow" not in text + body
    assert got.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # More reactions a minute later wait for the window: one email per member per window, not one per reaction.
    for _ in range(2):
        reactions.react(actor=make_user(), target_type="post", target_id=make_reply(t.thread, author=author).post.id,
                        kind="heart")
    assert digest.run_immediate(away + dt.timedelta(minutes=5)) == 0
    assert digest.run_immediate(away + dt.timedelta(minutes=16)) == 1
    assert drain().sent == 1 and len(smtp.inbox.wait_for(2)) == 2


def test_two_runs_at_once_email_a_member_once(app: Flask) -> None:
    author = _member("once@example.org", "weekly")
    _replied(author)
    pref = db.session.get(preferences.MailPreference, author.id)
    before = pref.last_digest_at
    now = utcnow()
    assert preferences.mark_sent(author.id, now=now, previous=before)
    assert not preferences.mark_sent(author.id, now=now, previous=before)    # the other run lost the race
    db.session.rollback()


def test_the_background_worker_sends_digests_and_immediate_emails(app: Flask, smtp: SMTPServer) -> None:
    app.config.update(MAIL_POLL_SECONDS=0.2, PERIODIC_JOBS=True, NOTIFY_IMMEDIATE_SECONDS=1, NOTIFY_DIGEST_SECONDS=1,
                      FEEDBACK_ESCALATE_SECONDS=3600, MODERATION_SWEEP_SECONDS=3600)
    daily = _member("daily@example.org", "daily")
    _replied(daily, title="Daily thread")
    away = _member("gone@example.org", "immediate", last_seen_at=utcnow() - dt.timedelta(minutes=20))
    _replied(away, title="Immediate thread")
    here = _member("here@example.org", "immediate", last_seen_at=utcnow())
    _replied(here, title="Seen thread")
    db.session.commit()
    periodic.reset_local(app)
    w = worker.start(app)
    assert w is not None
    try:
        got = smtp.inbox.wait_for(2, timeout=20)
        time.sleep(1.5)                                      # a few more turns: nothing twice, nothing to who is here
    finally:
        worker.stop(w)
    assert sorted(r.rcpt_tos[0] for r in smtp.inbox.messages) == ["daily@example.org", "gone@example.org"], got


def test_periodic_turns_are_claimed_once_and_can_be_switched_off(app: Flask) -> None:
    assert {"notifications.digest", "notifications.immediate", "feedback.escalate", "moderation.sweep"} <= set(periodic.jobs())
    calls: list[int] = []
    periodic.register("test.count", lambda: calls.append(1), every="TEST_COUNT_SECONDS", default=60)
    try:
        app.config["PERIODIC_JOBS"] = False
        assert periodic.run_due(app, force=True) == []
        app.config["PERIODIC_JOBS"] = True
        assert "test.count" in periodic.run_due(app, force=True)
        # Another process (its own timer says go) finds the turn taken in the database.
        assert "test.count" not in periodic.run_due(app, force=True)
        assert "test.count" in periodic.run_due(app, force=True, now=utcnow() + dt.timedelta(seconds=61))
        assert calls == [1, 1]
    finally:
        periodic._jobs.pop("test.count", None)
        periodic.reset_local(app)
