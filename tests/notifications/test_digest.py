"""The digest: who is due, what it says (threads and communities, never a post's text), and
the CLI that hands each to send_digest_email (which sends nothing until a mail capability exists)."""
from __future__ import annotations

import datetime as dt

from community.db import utcnow
from community.extensions import db
from community.notifications import digest
from tests.factories import make_reply, make_thread, make_user


def _author_with_reply(**fields):
    author = make_user(email="reader@example.org", **fields)
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
    assert "https://harbor.example/p/" in text and "https://harbor.example/settings/notifications" in html


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
    assert [u.id for u, _ in digest.due(utcnow() + dt.timedelta(minutes=11))] == [author.id]


def test_cli_without_a_mail_capability_sends_nothing_and_loses_nothing(app, runner):
    author, _ = _author_with_reply()
    digest.set_preference(actor=author, mode="daily", opted_in=True)
    result = runner.invoke(args=["notifications", "digest"])
    assert result.exit_code == 0, result.output
    assert "1 member(s) due, 0 digest(s) handed to mail" in result.output
    assert len(digest.due()) == 1                  # still due: nothing was marked emailed


def test_patients_default_to_the_daily_digest(app):
    from community.auth.models import Role

    assert digest.preference_of(make_user()).mode == "daily"
    assert digest.preference_of(make_user(Role.MODERATOR)).mode == "off"


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
