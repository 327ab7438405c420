"""The queue: order, filters, claims, decisions, trust, bulk, dashboard, permissions."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.errors import Conflict, Invalid, NotAllowed
from community.extensions import db
from community.forums import services as forums
from community.forums.models import PostRevision, Status
from community.moderation import queue
from community.moderation.models import AuditEntry, ItemState, QueueItem
from community.notifications.models import Notification
from tests.factories import make_condition, make_thread, make_user


def _held_post(**kw):
    author = make_user(trusted=False)
    return author, make_thread(author=author, **kw)


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=2)
def test_new_member_posts_held_until_approved_then_trusted(app):
    author, t = _held_post()
    assert t.status == Status.PENDING and t.thread.status == Status.PENDING
    assert any(w["code"] == "held" for w in t.warnings)
    mod = make_user("moderator")
    [item] = queue.list_items(actor=mod)
    assert item.reasons == ["new_member"] and item.held
    queue.decide(actor=mod, item=item, action="approve")
    assert t.post.status == Status.PUBLISHED and author.approved_posts == 1
    assert "approved" in db.session.scalar(sa.select(Notification.text).where(Notification.user_id == author.id))
    second = forums.reply(actor=author, thread=t.thread, body="second post")
    assert second.status == Status.PENDING
    queue.decide(actor=mod, item=queue.list_items(actor=mod)[0], action="approve")
    third = forums.reply(actor=author, thread=t.thread, body="third post goes straight out")
    assert third.status == Status.PUBLISHED


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=2, NEW_MEMBER_LINK_POSTS=4)
def test_links_from_new_members_are_held(app):
    author = make_user(approved_posts=2, trusted=False)
    t = make_thread(author=author, body="see https://example.org/thing")
    assert t.status == Status.PENDING and queue.list_items(actor=make_user("moderator"))[0].reasons == ["new_member_link"]


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=0)
def test_zero_turns_new_member_hold_off(app):
    author = make_user(trusted=False)
    assert make_thread(author=author).status == Status.PUBLISHED


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=1)
def test_reject_requires_reason_and_tells_author(app):
    author, t = _held_post()
    mod = make_user("moderator")
    item = queue.list_items(actor=mod)[0]
    with pytest.raises(Invalid):
        queue.decide(actor=mod, item=item, action="reject", reason="")
    queue.decide(actor=mod, item=item, action="reject", reason="Please don't advertise")
    assert t.post.status == Status.REJECTED and t.thread.status == Status.REJECTED
    note = db.session.scalar(sa.select(Notification.text).where(Notification.user_id == author.id))
    assert "Please don't advertise" in note
    with pytest.raises(Conflict):
        queue.decide(actor=mod, item=item, action="approve")


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=1)
def test_edit_and_approve_keeps_revision(app):
    _, t = _held_post(body="call me on the number")
    mod = make_user("moderator")
    queue.decide(actor=mod, item=queue.list_items(actor=mod)[0], action="edit_approve", body="call me")
    assert t.post.body == "call me" and t.post.status == Status.PUBLISHED
    assert db.session.scalar(sa.select(PostRevision.body)) == "call me on the number"


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=1)
def test_claims_stop_two_moderators_working_one_item(app):
    _held_post()
    a, b = make_user("moderator"), make_user("moderator")
    item = queue.list_items(actor=a)[0]
    queue.claim(actor=a, item=item)
    with pytest.raises(Conflict):
        queue.claim(actor=b, item=item)
    with pytest.raises(Conflict):
        queue.decide(actor=b, item=item, action="approve")
    queue.decide(actor=a, item=item, action="approve")


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=1)
def test_escalate_and_bulk(app):
    for _ in range(3):
        _held_post()
    mod = make_user("moderator")
    items = queue.list_items(actor=mod)
    queue.decide(actor=mod, item=items[0], action="escalate", reason="unsure")
    assert items[0].state == ItemState.ESCALATED
    assert len(queue.list_items(actor=mod)) == 2
    assert queue.list_items(actor=mod, filters=queue.Filters(state="escalated")) == [items[0]]
    assert queue.decide_many(actor=mod, item_ids=[i.id for i in items[1:]], action="approve") == 2
    assert queue.list_items(actor=mod) == []
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert {"queue.escalate", "queue.approve"} <= actions


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=1)
def test_order_urgent_first_then_oldest_and_filters(app):
    c1, c2 = make_condition(), make_condition()
    _held_post(condition=c1)
    _held_post(condition=c2)
    mod = make_user("moderator")
    older, newer = queue.list_items(actor=mod)
    newer.priority = 100
    db.session.commit()
    assert [i.id for i in queue.list_items(actor=mod)] == [newer.id, older.id]
    assert queue.list_items(actor=mod, filters=queue.Filters(condition_id=c1.id)) == [older]
    assert queue.list_items(actor=mod, filters=queue.Filters(urgent_only=True)) == [newer]
    assert queue.list_items(actor=mod, filters=queue.Filters(reason="new_member")) == [newer, older]


@pytest.mark.parametrize("role", ["patient", "clinician", "quality"])
def test_only_moderators_and_admins_see_queue(app, role):
    with pytest.raises(NotAllowed):
        queue.list_items(actor=make_user(role))
    assert queue.list_items(actor=make_user("admin")) == []


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=1)
def test_dashboard(app):
    _held_post()
    _held_post()
    mod = make_user("moderator")
    queue.decide(actor=mod, item=queue.list_items(actor=mod)[0], action="approve")
    d = queue.dashboard(actor=mod)
    assert d.waiting == 1 and d.decided_last_7_days == 1 and d.median_minutes_to_decision is not None
    assert db.session.scalar(sa.select(sa.func.count(QueueItem.id))) == 2
