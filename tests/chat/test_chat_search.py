"""Chat in search (issue 16 item 5): index-backed over every message of the rooms a member may
read (joined conditions' rooms, their own private conversations), never held or deleted
messages, never those of a member they blocked, whatever the chat's size."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from community.chat import services as chat
from community.chat.models import Message, Room
from community.chat.search import find_messages
from community.content import Status
from community.extensions import db
from community.forums import services as forums
from community.forums.search import snippet
from tests.factories import make_condition, make_user


def _find(viewer, *terms, **kw):
    return find_messages(viewer=viewer, terms=list(terms), snippet=snippet, **kw)


def _member(cond):
    u = make_user()
    forums.join_condition(actor=u, condition=cond)
    return u


def _say(user, cond, body, n=[0]):  # noqa: B006  (a counter for client ids)
    n[0] += 1
    return chat.send(actor=user, room_key=f"condition:{cond.slug}", body=body, client_id=f"t{n[0]}").ack()["id"]


def test_old_messages_are_found_however_many_came_after(app):
    cond = make_condition()
    ann = _member(cond)
    old = _say(ann, cond, "my nebuliser rattles")
    room_id = db.session.scalar(sa.select(Room.id).where(Room.condition_id == cond.id))
    now = dt.datetime.now(dt.UTC)
    db.session.execute(sa.insert(Message), [{"room_id": room_id, "author_id": ann.id, "body": f"filler message {i}",
                                             "body_html": "x", "status": Status.PUBLISHED, "created_at": now}
                                            for i in range(2_500)])
    db.session.commit()
    assert [h.message.id for h in _find(ann, "nebuliser")] == [old]     # older than the newest 2,000
    assert len(_find(ann, "filler", limit=5)) == 5


def test_only_rooms_the_member_may_read(app):
    cond, other = make_condition(), make_condition()
    ann, bob = _member(cond), _member(other)
    _say(ann, cond, "spacer tips in room one")
    _say(bob, other, "spacer tips in room two")
    assert [h.condition.id for h in _find(ann, "spacer")] == [cond.id]
    assert _find(None, "spacer") == [] and _find(make_user(), "spacer") == []
    assert [h.condition.id for h in _find(bob, "spacer", condition=other)] == [other.id]
    assert _find(bob, "spacer", condition=cond) == []        # not joined: a filter never widens


def test_a_message_text_can_never_pass_for_a_scope(app):
    cond, other = make_condition(), make_condition()
    ann, bob = _member(cond), _member(other)
    room = db.session.scalar(sa.select(Room.id).where(Room.condition_id == cond.id))
    # Bob writes, in a room Ann can't read, the very tokens Ann's scopes are made of.
    _say(bob, other, f"c{room} u{ann.id} a{ann.id} secretword")
    assert _find(ann, "secretword") == []


def test_held_deleted_and_edited_messages(app):
    cond = make_condition()
    ann, bob = _member(cond), _member(cond)
    mid = _say(ann, cond, "pacing helped my fatigue")
    msg = db.session.get(Message, mid)
    chat.set_status(msg, Status.PENDING)
    db.session.commit()
    assert _find(bob, "pacing") == []
    chat.set_status(msg, Status.PUBLISHED)
    db.session.commit()
    assert [h.message.id for h in _find(bob, "pacing")] == [mid]
    chat.edit(actor=ann, message_id=mid, body="rest helped my fatigue")
    assert _find(bob, "pacing") == [] and [h.message.id for h in _find(bob, "rest")] == [mid]
    chat.delete(actor=ann, message_id=mid)
    assert _find(bob, "rest") == [] and _find(ann, "fatigue") == []


def test_private_conversations_of_the_member_only(app):
    ann, bob, eve = make_user(), make_user(), make_user()
    conv = chat.request_conversation(actor=ann, other=bob)
    chat.answer_request(actor=bob, room_id=conv.room_id, accept=True)
    mid = chat.send(actor=ann, room_key=f"dm:{conv.room_id}", body="my inhaler dose changed", client_id="dm1").ack()["id"]
    for who in (ann, bob):
        hits = _find(who, "inhaler")
        assert [h.message.id for h in hits] == [mid] and hits[0].room_key == f"dm:{conv.room_id}"
    assert _find(eve, "inhaler") == []
    cond = make_condition()
    forums.join_condition(actor=ann, condition=cond)
    assert _find(ann, "inhaler", condition=cond) == []        # a condition filter leaves private rooms out


def test_blocked_members_messages_are_left_out(app):
    cond = make_condition()
    ann, bob, cat = _member(cond), _member(cond), _member(cond)
    _say(bob, cond, "glucose sensor fell off")
    cid = _say(cat, cond, "glucose sensor adhesive")
    chat.block(actor=ann, other=bob)
    assert [h.message.id for h in _find(ann, "glucose")] == [cid]
    assert len(_find(cat, "glucose")) == 2


def test_ignored_members_messages_are_left_out_too(app):
    from community.ignoring import services as ignoring

    cond = make_condition()
    ann, bob, cat = _member(cond), _member(cond), _member(cond)
    _say(bob, cond, "spacer device squeaks")
    cid = _say(cat, cond, "spacer device cleaning")
    ignoring.ignore(actor=ann, other=bob)
    assert [h.message.id for h in _find(ann, "spacer")] == [cid]
    assert len(_find(cat, "spacer")) == 2


def test_author_and_date_filters(app):
    cond = make_condition()
    ann, bob = _member(cond), _member(cond)
    a_id = _say(ann, cond, "winter cough again")
    b_id = _say(bob, cond, "winter cough too")
    db.session.get(Message, a_id).created_at = dt.datetime(2025, 1, 10, 12, tzinfo=dt.UTC)
    db.session.commit()
    assert [h.message.id for h in _find(bob, "cough", author=ann)] == [a_id]
    assert [h.message.id for h in _find(bob, "cough", until=dt.date(2025, 1, 10))] == [a_id]
    assert [h.message.id for h in _find(bob, "cough", since=dt.date(2025, 1, 11))] == [b_id]


def test_search_page_shows_private_and_room_hits(client, auth):
    ann, bob = make_user(), make_user()
    conv = chat.request_conversation(actor=ann, other=bob)
    chat.answer_request(actor=bob, room_id=conv.room_id, accept=True)
    chat.send(actor=ann, room_key=f"dm:{conv.room_id}", body="the peakflow meter arrived", client_id="dm2")
    auth.login(bob)
    html = client.get("/search?q=peakflow").get_data(as_text=True)
    assert "In chat" in html and f'href="/chat/private/{conv.room_id}"' in html and "<mark>peakflow</mark>" in html
