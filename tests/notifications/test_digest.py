"""The digest: who is due, what it says (threads and communities, never a post's text), and
the CLI (its end-to-end run through a real SMTP server is tests/mail/test_notification_email.py)."""
from __future__ import annotations

import datetime as dt

from community.db import utcnow
from community.extensions import db
from community.notifications import digest
from tests.factories import make_reply, make_thread, make_user


def _author_with_reply(**fields):
    author = make_user(email="reader@example.org", email_verified_at=utcnow(), **fields)
    t = make_thread(author=author, title="Morning readings", body="My peak flow is 320 and I feel awful")
    make_reply(t.thread, author=make_user(), body="My own secret detail: 40 mg prednisolone")
    return author, t.thread


def test_digest_names_threads_and_communities_never_post_text(app):
    author, thread = _author_with_reply()
    digest.set_preference(actor=author, mode="daily", opted_in=True)
    (user, pending), = digest.due()
    subject, text, html = digest.compose_digest(user, pending, "https://harbor.example")
    assert subject == "Harbor: 1 new notification"
    for part in (text, html):
        assert "Morning readings" in part and thread.condition.name in part
        assert "prednisolone" not in part and "peak flow" not in part
    assert "https://harbor.example/p/" in text and "https://harbor.example/settings/email" in html


def test_who_is_due(app):
    author, _ = _author_with_reply()
    assert digest.due() == []                      # default: daily digest, but not opted in
    digest.set_preference(actor=author, mode="off", opted_in=True)
    assert digest.due() == []
    digest.set_preference(actor=author, mode="immediate", opted_in=True)
    author.last_seen_at = utcnow()
    db.session.commit()
    assert digest.due() == []                      # on the site right now
    assert [u.id for u, _ in digest.due(utcnow() + dt.timedelta(minutes=11))] == [author.id]
    nomail = make_user()
    digest.set_preference(actor=nomail, mode="daily", opted_in=True)
    unconfirmed = make_user(email="u@example.org")          # an address never confirmed: no notification email
    make_reply(make_thread(author=unconfirmed).thread, author=make_user())
    digest.set_preference(actor=unconfirmed, mode="daily", opted_in=True)
    assert [u.id for u, _ in digest.due(utcnow() + dt.timedelta(minutes=11))] == [author.id]


def test_cli_queues_the_due_and_marks_them(app, runner):
    author, _ = _author_with_reply()
    digest.set_preference(actor=author, mode="daily", opted_in=True)
    result = runner.invoke(args=["notifications", "digest"])
    assert result.exit_code == 0, result.output
    assert "1 member(s) due, 1 email(s) queued" in result.output
    assert digest.due() == []                      # emailed: not due again
    assert digest.due(utcnow() + dt.timedelta(days=1, minutes=1)) == []    # nothing new to tell
    result = runner.invoke(args=["notifications", "digest"])
    assert "0 member(s) due, 0 email(s) queued" in result.output


def test_patients_default_to_the_daily_digest(app):
    from community.auth.models import Role

    pref = digest.preference_of(make_user())
    assert pref.mode == "daily" and not pref.opted_in          # opt-in: nothing is sent until they choose
    assert not digest.preference_of(make_user(Role.MODERATOR)).sends_notifications


def test_demo_patients_have_unread_notifications_reactions_and_a_watched_thread(app):
    import sqlalchemy as sa

    from community import demo
    from community.auth.models import Role, User
    from community.notifications.models import ThreadSubscription
    from community.reactions.models import Reaction

    demo.load(echo=lambda _s: None)
    patients = db.session.scalars(sa.select(User).where(User.role == Role.PATIENT)).all()
    assert patients
    for p in patients:
        assert p.unread_notifications > 0, p.username
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ThreadSubscription).where(
            ThreadSubscription.user_id == p.id, ThreadSubscription.level == "watching",
            ThreadSubscription.chosen.is_(True))) >= 1, p.username
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Reaction)) > 0
