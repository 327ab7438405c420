"""Reports: merging, hiding after several reporters, notifications to the reporter."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.errors import Invalid, NotFound
from community.extensions import db
from community.forums.models import Status
from community.moderation import queue, services
from community.moderation.models import QueueItem, Report
from community.notifications.models import Notification
from tests.factories import make_reply, make_thread, make_user


def test_report_files_queue_item_and_tells_reporter(app):
    t = make_thread()
    reporter = make_user()
    rep = services.report(actor=reporter, target_type="post", target_id=t.post.id, reason="misinformation", note="says stop insulin")
    item = db.session.get(QueueItem, rep.queue_item_id)
    assert item.reasons == ["report", "report.misinformation"] and item.report_count == 1
    assert db.session.scalar(sa.select(Notification.kind).where(Notification.user_id == reporter.id)) == "report.received"


def test_repeated_reports_by_one_member_merge(app):
    t = make_thread()
    reporter = make_user()
    for note in ("first", "second"):
        services.report(actor=reporter, target_type="post", target_id=t.post.id, reason="spam", note=note)
    reports = db.session.scalars(sa.select(Report)).all()
    assert len(reports) == 1 and reports[0].times == 2 and reports[0].note == "first\nsecond"
    assert db.session.scalar(sa.select(sa.func.count(QueueItem.id))) == 1


def test_three_distinct_reporters_hide_the_post(app):
    t = make_thread()
    r = make_reply(t.thread)
    for i in range(2):
        services.report(actor=make_user(), target_type="post", target_id=r.post.id, reason="harassment")
    assert r.post.status == Status.PUBLISHED
    services.report(actor=make_user(), target_type="post", target_id=r.post.id, reason="harassment")
    assert r.post.status == Status.HIDDEN and t.thread.reply_count == 0


def test_report_validation(app):
    author = make_user()
    t = make_thread(author=author)
    with pytest.raises(Invalid):
        services.report(actor=make_user(), target_type="post", target_id=t.post.id, reason="bad-reason")
    with pytest.raises(Invalid):
        services.report(actor=author, target_type="post", target_id=t.post.id, reason="spam")
    with pytest.raises(NotFound):
        services.report(actor=make_user(), target_type="post", target_id=999999, reason="spam")
    with pytest.raises(Invalid):
        services.report(actor=make_user(), target_type="planet", target_id=1, reason="spam")


def test_reporter_told_when_handled(app):
    t = make_thread()
    reporter, mod = make_user(), make_user("moderator")
    rep = services.report(actor=reporter, target_type="post", target_id=t.post.id, reason="spam")
    queue.decide(actor=mod, item=db.session.get(QueueItem, rep.queue_item_id), action="reject", reason="advertising")
    kinds = set(db.session.scalars(sa.select(Notification.kind).where(Notification.user_id == reporter.id)))
    assert kinds == {"report.received", "report.handled"}
    assert rep.outcome == "actioned" and t.post.status == Status.REJECTED


def test_report_a_member(app):
    target = make_user()
    rep = services.report(actor=make_user(), target_type="user", target_id=target.id, reason="harassment", note="DMs")
    item = db.session.get(QueueItem, rep.queue_item_id)
    assert item.target_type == "user" and item.author_id == target.id
