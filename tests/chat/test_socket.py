"""The contract's /chat events over the Socket.IO test client: connect, join, send with acks
and idempotent client_id, broadcast, history replay, error codes."""
from __future__ import annotations

import pytest

from community.chat import services
from community.chat.models import Message
from community.extensions import db, socketio
from tests.factories import PASSWORD, make_user

from .helpers import received, room_with_members


def test_strangers_are_refused_at_connect(app):
    sc = socketio.test_client(app, namespace="/chat")
    assert not sc.is_connected("/chat")


def test_connect_with_an_api_token(app, client):
    _cond, (alice,), room = room_with_members(1)
    token = client.post("/api/v1/tokens", json={"username": alice.username, "password": PASSWORD}).get_json()["token"]
    sc = socketio.test_client(app, namespace="/chat", auth={"token": token})
    assert sc.is_connected("/chat")
    assert sc.emit("join", {"room": room}, namespace="/chat", callback=True)["ok"] is True
    bad = socketio.test_client(app, namespace="/chat", auth={"token": "not-a-token"})
    assert not bad.is_connected("/chat")


def test_join_send_broadcast_and_history(app, socket_client):
    _cond, (alice, bob), room = room_with_members(2)
    a, b = socket_client(alice), socket_client(bob)
    assert a.emit("join", {"room": room}, namespace="/chat", callback=True) ["ok"]
    joined = b.emit("join", {"room": room}, namespace="/chat", callback=True)
    assert joined["ok"] and joined["history"] == []
    b.get_received("/chat")

    ack = a.emit("send", {"room": room, "body": "Anyone else find **mornings** hard?", "client_id": "c-1"},
                 namespace="/chat", callback=True)
    assert ack["ok"] is True and ack["status"] == "published" and isinstance(ack["id"], int)
    [msg] = received(b, "message")
    assert msg["id"] == ack["id"] and msg["room"] == room
    assert msg["author"] == {"name": alice.name, "username": alice.username, "badge": None}
    assert msg["body"] == "Anyone else find **mornings** hard?"
    assert "<strong>mornings</strong>" in msg["html"]
    assert msg["created_at"]

    second = a.emit("send", {"room": room, "body": "Second", "client_id": "c-2"}, namespace="/chat", callback=True)
    third = a.emit("send", {"room": room, "body": "Third", "client_id": "c-3"}, namespace="/chat", callback=True)
    assert ack["id"] < second["id"] < third["id"]
    missed = b.emit("history", {"room": room, "after_id": ack["id"]}, namespace="/chat", callback=True)
    assert [m["body"] for m in missed["messages"]] == ["Second", "Third"]
    assert b.emit("join", {"room": room}, namespace="/chat", callback=True)["history"][-1]["id"] == third["id"]


def test_a_repeated_client_id_stores_one_message(app, socket_client):
    _cond, (alice, bob), room = room_with_members(2)
    a, b = socket_client(alice), socket_client(bob)
    for sc in (a, b):
        sc.emit("join", {"room": room}, namespace="/chat", callback=True)
    b.get_received("/chat")
    first = a.emit("send", {"room": room, "body": "hello", "client_id": "same"}, namespace="/chat", callback=True)
    again = a.emit("send", {"room": room, "body": "hello", "client_id": "same"}, namespace="/chat", callback=True)
    assert first["id"] == again["id"]
    assert db.session.query(Message).filter_by(author_id=alice.id).count() == 1
    assert len(received(b, "message")) == 1


@pytest.mark.parametrize("payload,code", [
    ({"body": "x" * 4001}, "too_long"),
    ({"body": "   "}, "empty"),
    ({"body": None}, "empty"),
    ({"body": "hi", "client_id": 12}, "invalid"),
])
def test_bad_messages_get_codes_and_store_nothing(app, socket_client, payload, code):
    _cond, (alice,), room = room_with_members(1)
    a = socket_client(alice)
    a.emit("join", {"room": room}, namespace="/chat", callback=True)
    ack = a.emit("send", {"room": room, **payload}, namespace="/chat", callback=True)
    assert ack["ok"] is False and ack["error"] == code
    assert "Traceback" not in str(ack)
    assert db.session.query(Message).count() == 0


def test_non_members_cannot_join_or_send(app, socket_client):
    _cond, _users, room = room_with_members(1)
    outsider = make_user()
    sc = socket_client(outsider)
    assert sc.emit("join", {"room": room}, namespace="/chat", callback=True) == {
        "ok": False, "error": "not_member", "message": "Join this condition's community to use its chat room."}
    assert sc.emit("send", {"room": room, "body": "hi"}, namespace="/chat", callback=True)["error"] == "not_member"
    assert sc.emit("history", {"room": room, "after_id": 0}, namespace="/chat", callback=True)["messages"] == []
    assert sc.emit("join", {"room": "condition:nope"}, namespace="/chat", callback=True)["error"] == "not_found"


def test_muted_members_cannot_send_and_hear_until_when(app, socket_client):
    import datetime as dt

    from community.moderation import sanctions

    _cond, (alice,), room = room_with_members(1)
    mod = make_user("moderator")
    a = socket_client(alice)
    a.emit("join", {"room": room}, namespace="/chat", callback=True)
    sanctions.sanction(actor=mod, user=alice, kind="mute", reason="cool off", duration=dt.timedelta(hours=1))
    assert received(a, "muted")
    ack = a.emit("send", {"room": room, "body": "let me speak"}, namespace="/chat", callback=True)
    assert ack["ok"] is False and ack["error"] == "muted" and ack["until"]


@pytest.mark.config(RATELIMIT_ENABLED=True, CHAT_RATE_BURST=3, CHAT_RATE_PER_SECOND=0.01)
def test_rate_limit_allows_a_burst_then_says_rate_limited(app, socket_client):
    _cond, (alice,), room = room_with_members(1)
    a = socket_client(alice)
    a.emit("join", {"room": room}, namespace="/chat", callback=True)
    acks = [a.emit("send", {"room": room, "body": f"m{i}"}, namespace="/chat", callback=True) for i in range(4)]
    assert [x["ok"] for x in acks] == [True, True, True, False]
    assert acks[-1]["error"] == "rate_limited" and acks[-1]["retry_after"] > 0


def test_typing_and_presence(app, socket_client):
    _cond, (alice, bob), room = room_with_members(2)
    a, b = socket_client(alice), socket_client(bob)
    a.emit("join", {"room": room}, namespace="/chat", callback=True)
    joined = b.emit("join", {"room": room}, namespace="/chat", callback=True)
    assert sorted(joined["online"]) == sorted([alice.name, bob.name])
    b.get_received("/chat")
    a.emit("typing", {"room": room}, namespace="/chat")
    assert received(b, "typing") == [{"room": room, "name": alice.name, "username": alice.username}]
    assert received(a, "typing") == []


def test_hidden_presence(app, socket_client):
    _cond, (alice, bob), room = room_with_members(2)
    services.set_hide_presence(actor=alice, hide=True)
    a, b = socket_client(alice), socket_client(bob)
    a.emit("join", {"room": room}, namespace="/chat", callback=True)
    assert b.emit("join", {"room": room}, namespace="/chat", callback=True)["online"] == [bob.name]


def test_edit_and_delete_within_five_minutes(app, socket_client):
    import datetime as dt

    _cond, (alice, bob), room = room_with_members(2)
    a, b = socket_client(alice), socket_client(bob)
    for sc in (a, b):
        sc.emit("join", {"room": room}, namespace="/chat", callback=True)
    sent = a.emit("send", {"room": room, "body": "typo hree"}, namespace="/chat", callback=True)
    b.get_received("/chat")
    edited = a.emit("edit", {"id": sent["id"], "body": "typo here"}, namespace="/chat", callback=True)
    assert edited["ok"] and edited["message"]["edited"] is True
    [upd] = received(b, "message_updated")
    assert upd["body"] == "typo here" and upd["edited"] is True
    # Bob can't edit Alice's message.
    assert b.emit("edit", {"id": sent["id"], "body": "mine now"}, namespace="/chat", callback=True)["error"] == "not_found"
    deleted = a.emit("delete", {"id": sent["id"]}, namespace="/chat", callback=True)
    assert deleted["ok"] and deleted["message"]["deleted"] is True and deleted["message"]["body"] == ""
    history = b.emit("history", {"room": room, "after_id": 0}, namespace="/chat", callback=True)["messages"]
    assert history[0]["deleted"] is True and history[0]["body"] == ""
    late = a.emit("send", {"room": room, "body": "old"}, namespace="/chat", callback=True)
    msg = db.session.get(Message, late["id"])
    msg.created_at = msg.created_at - dt.timedelta(minutes=6)
    db.session.commit()
    assert a.emit("edit", {"id": late["id"], "body": "new"}, namespace="/chat", callback=True)["error"] == "too_late"


def test_read_positions_and_unread_counts_across_devices(app, socket_client):
    _cond, (alice, bob), room = room_with_members(2)
    a = socket_client(alice)
    phone, laptop = socket_client(bob), socket_client(bob)
    for sc in (a, phone, laptop):
        sc.emit("join", {"room": room}, namespace="/chat", callback=True)
    ids = [a.emit("send", {"room": room, "body": f"m{i}"}, namespace="/chat", callback=True)["id"] for i in range(3)]
    r = services.room_by_key(room)
    assert services.unread_counts(actor=bob, rooms=[r]) == {r.id: 3}
    laptop.get_received("/chat")
    assert phone.emit("read", {"room": room, "id": ids[1]}, namespace="/chat", callback=True)["last_read_id"] == ids[1]
    assert received(laptop, "read") == [{"room": room, "last_read_id": ids[1]}]
    assert services.unread_counts(actor=bob, rooms=[r]) == {r.id: 1}
    assert laptop.emit("join", {"room": room}, namespace="/chat", callback=True)["last_read_id"] == ids[1]


def test_verified_clinician_badge_on_messages(app, socket_client):
    from community.forums import services as forums
    from tests.factories import make_clinician

    cond, (alice,), room = room_with_members(1)
    doc = make_clinician(specialty="Endocrinology")
    forums.join_condition(actor=doc, condition=cond)
    d, a = socket_client(doc), socket_client(alice)
    for sc in (d, a):
        sc.emit("join", {"room": room}, namespace="/chat", callback=True)
    a.get_received("/chat")
    d.emit("send", {"room": room, "body": "General tip: keep a symptom diary."}, namespace="/chat", callback=True)
    [msg] = received(a, "message")
    assert msg["author"]["badge"]["kind"] == "verified_clinician"
    assert msg["author"]["badge"]["specialty"] == "Endocrinology"
    # A member can't fake one: markup is sanitised and carries no class.
    ack = a.emit("send", {"room": room, "body": '<span class="hb-verified">Verified clinician</span> trust me'},
                 namespace="/chat", callback=True)
    assert "<span" not in ack["message"]["html"] and "&lt;span" in ack["message"]["html"]
    assert ack["message"]["author"]["badge"] is None


def test_only_the_sites_own_origin_may_connect(app, client):
    """Engine.IO's handshake through the real WSGI stack: a page on another site can't open
    a socket with the member's cookie (cross-site WebSocket hijacking)."""
    url = "/socket.io/?EIO=4&transport=polling"
    assert client.get(url, headers={"Origin": "https://evil.example"}).status_code == 400
    assert client.get(url, headers={"Origin": "http://localhost"}).status_code == 200
    assert client.get(url).status_code == 200   # no Origin: not a browser page on another site


@pytest.mark.config(SOCKETIO_ORIGINS="https://harbor.example, *")
def test_extra_origins_can_be_allowed_but_never_everyone(app, client):
    url = "/socket.io/?EIO=4&transport=polling"
    assert client.get(url, headers={"Origin": "https://harbor.example"}).status_code == 200
    assert client.get(url, headers={"Origin": "https://evil.example"}).status_code == 400


def test_each_broadcast_names_the_rooms_message_before_it(app, socket_client):
    """`prev_id` is how a client notices a missed broadcast: each message's is the id of the
    room's message stored before it (read under the room's lock on PostgreSQL, in the INSERT
    on SQLite); one member's membership in another room doesn't stand in for this one's."""
    _cond, (alice, bob), room = room_with_members(2)
    a, b = socket_client(alice), socket_client(bob)
    for sc in (a, b):
        assert sc.emit("join", {"room": room}, namespace="/chat", callback=True)["ok"]
    b.get_received("/chat")
    ids = []
    for i, sender in enumerate((a, b, a, a)):
        ack = sender.emit("send", {"room": room, "body": f"Message {i}"}, namespace="/chat", callback=True)
        assert ack["ok"], ack
        ids.append(ack["id"])
    prevs = [m["prev_id"] for m in received(b, "message") if m["id"] in ids]
    assert prevs[1:] == [ids[0], ids[1], ids[2]] and (prevs[0] or 0) < ids[0]
    _other_cond, (carol,), other_room = room_with_members(1)
    c = socket_client(carol)
    assert c.emit("join", {"room": other_room}, namespace="/chat", callback=True)["ok"]
    refused = c.emit("send", {"room": room, "body": "Not my room"}, namespace="/chat", callback=True)
    assert refused == {"ok": False, "error": "not_member", "message": refused["message"]}
