"""Chat is as safe as the forums: screening on every message, held messages never reach
others, reports carry context, sanctions and logouts close sockets."""
from __future__ import annotations

import datetime as dt

import pytest

from community.chat.models import Message
from community.extensions import db, socketio
from community.forums.models import Status
from community.moderation import queue, sanctions
from community.moderation import services as moderation
from community.moderation.models import QueueItem
from tests.conftest import login
from tests.factories import PASSWORD, make_user

from .helpers import received, room_with_members


def _pair(socket_client):
    _cond, (alice, bob), room = room_with_members(2)
    a, b = socket_client(alice), socket_client(bob)
    for sc in (a, b):
        sc.emit("join", {"room": room}, namespace="/chat", callback=True)
    b.get_received("/chat")
    return alice, bob, a, b, room


def test_identifiers_warn_first_then_hold_when_sent_anyway(app, socket_client):
    alice, bob, a, b, room = _pair(socket_client)
    text = "call me on 07700 900123 after clinic"
    first = a.emit("send", {"room": room, "body": text, "client_id": "p1"}, namespace="/chat", callback=True)
    assert first["ok"] is False and first["error"] == "confirm_identifiers"
    assert any(w["code"] == "phi.phone" for w in first["warnings"])
    assert db.session.query(Message).count() == 0
    sent = a.emit("send", {"room": room, "body": text, "client_id": "p1", "confirm": True}, namespace="/chat", callback=True)
    assert sent["ok"] and sent["status"] == "pending"
    assert received(b, "message") == []
    others = b.emit("history", {"room": room, "after_id": 0}, namespace="/chat", callback=True)["messages"]
    assert others == []
    own = a.emit("history", {"room": room, "after_id": 0}, namespace="/chat", callback=True)["messages"]
    assert [m["status"] for m in own] == ["pending"]
    [item] = queue.list_items(actor=make_user("moderator"))
    assert item.target_type == "message" and item.target_id == sent["id"] and "phi" in item.reasons

    # A moderator approves: it goes live to the room then.
    queue.decide(actor=make_user("moderator"), item=item, action="approve", reason="ok")
    [live] = received(b, "message")
    assert live["id"] == sent["id"] and live["status"] == "published"


def test_crisis_language_sends_with_help_and_an_urgent_alert(app, socket_client):
    alerts: list[dict] = []
    from community import events

    events.subscribe("moderation.crisis", lambda **kw: alerts.append(kw))
    alice, bob, a, b, room = _pair(socket_client)
    ack = a.emit("send", {"room": room, "body": "I can't do this anymore, I'm going to end it"}, namespace="/chat", callback=True)
    assert ack["ok"] and ack["status"] == "published"
    [warning] = [w for w in ack["warnings"] if w["code"] == "crisis"]
    assert warning["resources"]
    assert received(b, "message")[0]["id"] == ack["id"]
    assert alerts and alerts[-1]["target_type"] == "message" and alerts[-1]["target_id"] == ack["id"]
    item = db.session.query(QueueItem).filter_by(target_type="message", target_id=ack["id"]).one()
    assert item.priority == 100


@pytest.mark.parametrize("action,expect", [("block", "blocked"), ("require_approval", "pending"),
                                           ("flag", "published"), ("censor", "published")])
def test_watched_words(app, socket_client, action, expect):
    moderation.watch_word(actor=None, word="miracle cure", action=action)
    alice, bob, a, b, room = _pair(socket_client)
    ack = a.emit("send", {"room": room, "body": "try this miracle cure today"}, namespace="/chat", callback=True)
    if expect == "blocked":
        assert ack["ok"] is False and ack["error"] == "blocked"
        assert db.session.query(Message).count() == 0
        return
    assert ack["status"] == expect
    delivered = received(b, "message")
    if expect == "pending":
        assert delivered == []
    elif action == "censor":
        assert "miracle cure" not in delivered[0]["body"]
    else:
        assert delivered and db.session.query(QueueItem).filter_by(target_type="message").one().reasons == ["flag"]


def test_new_members_messages_are_held(app, socket_client):
    app.config["NEW_MEMBER_HOLD_POSTS"] = 2
    _cond, (newbie, bob), room = room_with_members(2, trusted=False)
    a, b = socket_client(newbie), socket_client(bob)
    for sc in (a, b):
        sc.emit("join", {"room": room}, namespace="/chat", callback=True)
    b.get_received("/chat")
    ack = a.emit("send", {"room": room, "body": "hi all, new here"}, namespace="/chat", callback=True)
    assert ack["status"] == "pending" and received(b, "message") == []


def test_report_carries_ten_messages_of_context(app, socket_client, client):
    alice, bob, a, b, room = _pair(socket_client)
    ids = [a.emit("send", {"room": room, "body": f"message {i}"}, namespace="/chat", callback=True)["id"] for i in range(14)]
    reported = ids[7]
    client.post("/login", data={"username": bob.username, "password": PASSWORD})
    resp = client.post(f"/report/message/{reported}", data={"reason": "harassment", "note": "mean"})
    assert resp.status_code == 302
    item = db.session.query(QueueItem).filter_by(target_type="message", target_id=reported).one()
    assert len(item.context) == 11 and [c["reported"] for c in item.context].count(True) == 1
    assert [c["body"] for c in item.context][5] == "message 7"
    mod = make_user("moderator")
    client.post("/logout")
    login(client, mod)
    page = client.get(f"/moderation/queue/{item.id}").get_data(as_text=True)
    assert "message 7" in page and "message 2" in page and "message 12" in page


def test_reports_over_the_api(app, socket_client, client):
    from tests.factories import token_for

    alice, bob, a, b, room = _pair(socket_client)
    msg_id = a.emit("send", {"room": room, "body": "you are all idiots"}, namespace="/chat", callback=True)["id"]
    resp = client.post("/api/v1/reports", json={"target_type": "message", "target_id": msg_id, "reason": "harassment", "note": ""},
                       headers=token_for(client, bob))
    assert resp.status_code == 201
    outsider = make_user()
    resp = client.post("/api/v1/reports", json={"target_type": "message", "target_id": msg_id, "reason": "spam", "note": ""},
                       headers=token_for(client, outsider))
    assert resp.status_code == 404   # not a member of the room: nothing to report there


def test_rejected_message_is_removed_live_and_from_history(app, socket_client):
    alice, bob, a, b, room = _pair(socket_client)
    msg_id = a.emit("send", {"room": room, "body": "spam spam"}, namespace="/chat", callback=True)["id"]
    moderation.report(actor=bob, target_type="message", target_id=msg_id, reason="spam")
    b.get_received("/chat")
    item = db.session.query(QueueItem).filter_by(target_type="message", target_id=msg_id).one()
    queue.decide(actor=make_user("moderator"), item=item, action="reject", reason="spam")
    assert received(b, "message_removed") == [{"id": msg_id, "room": room}]
    assert b.emit("history", {"room": room, "after_id": 0}, namespace="/chat", callback=True)["messages"] == []


@pytest.mark.parametrize("how", ["suspend", "ban", "password", "logout"])
def test_sanctions_password_change_and_logout_close_sockets(app, socket_client, how):
    from community.auth import services as accounts

    _cond, (alice,), room = room_with_members(1)
    http = app.test_client()
    http.post("/login", data={"username": alice.username, "password": PASSWORD})
    sc = socketio.test_client(app, namespace="/chat", flask_test_client=http)
    other_device = socket_client(alice)
    assert sc.is_connected("/chat") and other_device.is_connected("/chat")
    mod = make_user("moderator")
    if how == "suspend":
        sanctions.sanction(actor=mod, user=alice, kind="suspend", reason="r", duration=dt.timedelta(days=1))
    elif how == "ban":
        sanctions.sanction(actor=mod, user=alice, kind="ban", reason="r")
    elif how == "password":
        accounts.change_password(actor=alice, current=PASSWORD, new="another long passphrase")
    else:
        http.post("/logout")
    assert not sc.is_connected("/chat")
    # Logging out one browser leaves the member's other devices connected.
    assert other_device.is_connected("/chat") is (how == "logout")


def test_a_stale_socket_fails_its_next_event(app, socket_client):
    """A socket on another process is not disconnected directly: its next event checks."""
    from community.chat import namespace

    _cond, (alice,), room = room_with_members(1)
    sc = socket_client(alice)
    alice.session_version += 1      # as a password change on another process would
    db.session.commit()
    ack = sc.emit("send", {"room": room, "body": "still here?"}, namespace="/chat", callback=True)
    assert ack["ok"] is False and ack["error"] == "not_allowed"
    assert not sc.is_connected("/chat")
    assert db.session.query(Message).count() == 0
    assert namespace  # imported for the side effect of the namespace being registered



@pytest.mark.parametrize("change,code,still_connected", [
    ({"banned_at": 0}, "not_allowed", False),
    ({"suspended_until": 1}, "muted", True),
    ({"muted_until": 1}, "muted", True),
    ("left", "not_member", True),
])
def test_each_event_reads_the_member_afresh(app, socket_client, change, code, still_connected):
    """A sanction or a leave written by another process (no event reaches this one) counts from
    the member's next event, however many events the socket has sent before."""
    import sqlalchemy as sa

    from community.auth.models import User
    from community.forums.models import ConditionMember

    alice, _bob, a, b, room = _pair(socket_client)
    assert a.emit("send", {"room": room, "body": "before", "client_id": "c1"}, namespace="/chat", callback=True)["ok"]
    b.get_received("/chat")
    if change == "left":
        members = ConditionMember.__table__
        db.session.execute(sa.delete(members).where(members.c.user_id == alice.id))
    else:   # days from now
        users, now = User.__table__, dt.datetime.now(dt.UTC)
        db.session.execute(sa.update(users).where(users.c.id == alice.id)
                           .values({k: now + dt.timedelta(days=d) for k, d in change.items()}))
    db.session.commit()
    ack = a.emit("send", {"room": room, "body": "after", "client_id": "c2"}, namespace="/chat", callback=True)
    assert ack["ok"] is False and ack["error"] == code
    assert a.is_connected("/chat") is still_connected
    assert received(b, "message") == []
    assert [m.body for m in db.session.query(Message).filter_by(author_id=alice.id)] == ["before"]


def test_a_clinicians_badge_follows_the_verification_from_message_to_message(app, socket_client):
    from community.clinicians.models import Verification, VerificationStatus
    from community.forums import services as forums
    from tests.factories import make_clinician

    cond, _members, room = room_with_members(1)
    doc = make_clinician()
    forums.join_condition(actor=doc, condition=cond)
    sc = socket_client(doc)
    sc.emit("join", {"room": room}, namespace="/chat", callback=True)
    first = sc.emit("send", {"room": room, "body": "first"}, namespace="/chat", callback=True)
    assert first["message"]["author"]["badge"]["kind"] == "verified_clinician"
    db.session.query(Verification).filter_by(user_id=doc.id).update({"status": VerificationStatus.REVOKED})
    db.session.commit()
    second = sc.emit("send", {"room": room, "body": "second"}, namespace="/chat", callback=True)
    assert second["ok"] and second["message"]["author"]["badge"] is None
