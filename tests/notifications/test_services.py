"""The notification rules: never your own action, never about what you can't see, never twice
for one event; grouping; following levels; mentions; the unread count on the member's row."""
from __future__ import annotations

import sqlalchemy as sa

from community.chat.models import Block
from community.extensions import db
from community.forums import services as forums
from community.notifications import following, services
from community.notifications.models import Notification, ThreadSubscription
from tests.factories import make_condition, make_reply, make_thread, make_user


def _notes(user):
    return list(db.session.scalars(sa.select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)))


def _unread(user):
    db.session.refresh(user)
    return user.unread_notifications


def test_reply_notifies_the_author_who_watches_but_never_the_replier(app):
    author = make_user()
    t = make_thread(author=author, title="Morning readings").thread
    replier = make_user()
    r = make_reply(t, author=replier)
    (n,) = _notes(author)
    assert n.kind == "reply" and "Morning readings" in n.text and t.condition.name in n.text
    assert "Slow and steady" not in n.text   # never the post's text
    assert n.link == f"/p/{r.post.id}"
    assert _notes(replier) == []           # replying made them watch, but not hear of their own reply
    assert _unread(author) == 1
    make_reply(t, author=author)            # the author's own reply
    assert len(_notes(author)) == 1 and _unread(author) == 1
    assert len(_notes(replier)) == 1        # the replier watches now


def test_replies_group_into_one_notification_until_read(app):
    author = make_user()
    t = make_thread(author=author, title="Morning readings").thread
    for _ in range(3):
        make_reply(t, author=make_user())
    (n,) = _notes(author)
    assert n.count == 3
    page = services.list_page(actor=author)
    assert page.items[0].text.startswith("3 replies in 'Morning readings'")
    assert _unread(author) == 1
    services.mark_read(actor=author, all=True)
    assert _unread(author) == 0
    make_reply(t, author=make_user())
    assert len(_notes(author)) == 2 and _unread(author) == 1


def test_no_notification_for_held_content_until_approved_and_none_after_rejection(app):
    from community.moderation import queue
    from community.moderation.models import QueueItem
    from community.auth.models import Role

    author = make_user()
    t = make_thread(author=author).thread
    newcomer = make_user(trusted=False)
    app.config["NEW_MEMBER_HOLD_POSTS"] = 2
    held = make_reply(t, author=newcomer)
    assert str(held.status) == "pending"
    assert _notes(author) == []
    mod = make_user(Role.MODERATOR)
    item = db.session.scalar(sa.select(QueueItem).where(QueueItem.target_id == held.post.id))
    queue.decide(actor=mod, item=item, action="approve")
    assert [n.kind for n in _notes(author)] == ["reply"]
    held2 = make_reply(t, author=newcomer)   # second post still held
    assert str(held2.status) == "pending"
    item2 = db.session.scalar(sa.select(QueueItem).where(QueueItem.target_id == held2.post.id))
    queue.decide(actor=mod, item=item2, action="reject", reason="Off topic")
    assert [n.count for n in _notes(author)] == [1]


def test_deleted_post_takes_its_notification_with_it(app):
    author = make_user()
    t = make_thread(author=author).thread
    r = make_reply(t, author=(replier := make_user()))
    assert _unread(author) == 1
    forums.delete_post(actor=replier, post=r.post)
    assert _notes(author) == [] and _unread(author) == 0


def test_muted_and_normal_levels_and_a_block_silence_replies(app):
    author = make_user()
    t = make_thread(author=author).thread
    following.set_level(actor=author, thread=t, level="muted")
    make_reply(t, author=make_user())
    assert _notes(author) == []
    following.set_level(actor=author, thread=t, level="watching")
    pest = make_user()
    db.session.add(Block(blocker_id=author.id, blocked_id=pest.id))
    db.session.commit()
    make_reply(t, author=pest)
    assert _notes(author) == []
    make_reply(t, author=make_user())
    assert len(_notes(author)) == 1


def test_replying_watches_unless_the_member_chose_a_level(app):
    t = make_thread().thread
    chooser = make_user()
    following.set_level(actor=chooser, thread=t, level="normal")
    make_reply(t, author=chooser)
    sub = db.session.get(ThreadSubscription, (chooser.id, t.id))
    assert sub.level == "normal" and sub.chosen
    other = make_user()
    make_reply(t, author=other)
    assert db.session.get(ThreadSubscription, (other.id, t.id)).level == "watching"


def test_leaving_the_condition_ends_its_notifications(app):
    author = make_user()
    t = make_thread(author=author).thread
    forums.join_condition(actor=author, condition=t.condition)
    forums.leave_condition(actor=author, condition=t.condition)
    make_reply(t, author=make_user())
    assert _notes(author) == []


def test_mentions_reach_members_who_can_see_once_and_missing_names_are_nothing(app):
    cond = make_condition()
    author = make_user()
    forums.join_condition(actor=author, condition=cond)
    t = make_thread(author=author, condition=cond).thread
    friend = make_user(username="sunny_days")
    forums.join_condition(actor=friend, condition=cond)
    outsider = make_user(username="elsewhere")      # not a member of this community
    replier = make_user()
    make_reply(t, author=replier, body="@sunny_days @elsewhere @nobody_here and @author? see @SUNNY_DAYS")
    assert [n.kind for n in _notes(friend)] == ["mention"]
    assert _notes(outsider) == []
    # The thread's author watches: one notification for the post (a reply), not two.
    make_reply(t, author=replier, body=f"@{author.username} what do you think?")
    kinds = [n.kind for n in _notes(author)]
    assert kinds.count("mention") == 1 and len(kinds) == 2   # first reply grouped; then the mention
    # Nobody mentions themselves.
    make_reply(t, author=friend, body="@sunny_days talking to myself")
    assert len(_notes(friend)) == 1


def test_mention_in_a_held_post_notifies_nobody(app):
    cond = make_condition()
    friend = make_user(username="held_friend")
    forums.join_condition(actor=friend, condition=cond)
    t = make_thread(condition=cond).thread
    app.config["NEW_MEMBER_HOLD_POSTS"] = 2
    r = make_reply(t, author=make_user(trusted=False), body="hello @held_friend")
    assert str(r.status) == "pending"
    assert _notes(friend) == []


def test_watch_new_threads_of_a_condition(app):
    cond = make_condition()
    watcher = make_user()
    forums.join_condition(actor=watcher, condition=cond)
    following.set_condition_watch(actor=watcher, condition=cond, on=True)
    make_thread(condition=cond, title="First new thread")
    make_thread(condition=cond, title="Second new thread")
    (n,) = _notes(watcher)
    assert n.kind == "new_thread" and n.count == 2
    assert services.list_page(actor=watcher).items[0].text == f"2 new threads in {cond.name}"


def test_notify_never_tells_the_actor_and_event_keys_deduplicate(app):
    user = make_user()
    services.notify(user_id=user.id, kind="outreach", text="A check-in", actor_id=user.id)
    services.notify(user_id=user.id, kind="outreach", text="A check-in", event_key="outreach:1")
    services.notify(user_id=user.id, kind="outreach", text="A check-in", event_key="outreach:1")
    db.session.commit()
    assert len(_notes(user)) == 1 and _unread(user) == 1


def test_opening_reads_and_other_members_notifications_are_not_found(app):
    import pytest

    from community.errors import NotFound

    author = make_user()
    t = make_thread(author=author).thread
    make_reply(t, author=make_user())
    (n,) = _notes(author)
    with pytest.raises(NotFound):
        services.open_notification(actor=make_user(), notification_id=n.id)
    assert services.open_notification(actor=author, notification_id=n.id).startswith("/p/")
    assert _unread(author) == 0


def test_reading_the_thread_reads_its_reply_notifications(app):
    author = make_user()
    t = make_thread(author=author).thread
    r = make_reply(t, author=make_user())
    following.mark_read(actor=author, thread_id=t.id, post_id=r.post.id)
    assert _unread(author) == 0
    assert db.session.get(ThreadSubscription, (author.id, t.id)).last_read_post_id == r.post.id
    following.mark_read(actor=author, thread_id=t.id, post_id=1)   # never backwards
    db.session.expire_all()
    assert db.session.get(ThreadSubscription, (author.id, t.id)).last_read_post_id == r.post.id


def test_moderation_notices_go_through_the_same_service(app):
    from community.auth.models import Role
    from community.moderation import sanctions

    member = make_user()
    sanctions.sanction(actor=make_user(Role.MODERATOR), user=member, kind="warn", reason="Be kind")
    (n,) = _notes(member)
    assert n.kind == "sanction.warn" and _unread(member) == 1


def test_a_reply_request_fans_out_in_the_background_worker(app, client, auth):
    from community.notifications.worker import wait_idle

    app.config["NOTIFY_IN_BACKGROUND"] = True
    author = make_user()
    t = make_thread(author=author, title="Morning readings").thread
    replier = make_user()
    auth.login(replier)
    assert client.post(f"/t/{t.id}/reply", data={"body": "Same here, every morning."}).status_code == 302
    db.session.commit()   # the test's app context outlives the request: end its transaction as teardown would
    assert wait_idle(10)
    db.session.expire_all()
    assert [n.kind for n in _notes(author)] == ["reply"] and _unread(author) == 1
