"""Live parts on /chat: the unread count pushed to the member's room, and chat reactions."""
from __future__ import annotations

from community.chat import services as chat
from community.extensions import db
from community.notifications.models import Notification
from tests.chat.helpers import received, room_with_members
from tests.factories import make_reply, make_thread, make_user


def test_a_reply_pushes_the_new_unread_count_to_the_author(app, socket_client):
    author = make_user()
    t = make_thread(author=author).thread
    sc = socket_client(author)
    sc.get_received("/chat")
    make_reply(t, author=make_user())
    make_reply(t, author=make_user())
    assert received(sc, "notification") == [{"unread": 1}, {"unread": 1}]   # grouped: still one unread
    other = make_thread(author=author).thread
    make_reply(other, author=make_user())
    assert received(sc, "notification") == [{"unread": 2}]


def test_react_to_a_chat_message(app, socket_client):
    cond, (alice, bob), room = room_with_members(2)
    sa_, sb = socket_client(alice), socket_client(bob)
    for sc in (sa_, sb):
        assert sc.emit("join", {"room": room}, namespace="/chat", callback=True)["ok"]
    sent = sa_.emit("send", {"room": room, "body": "Good morning all", "client_id": "c1"}, namespace="/chat", callback=True)
    sb.get_received("/chat")
    ack = sb.emit("react", {"message_id": sent["id"], "kind": "hug"}, namespace="/chat", callback=True)
    assert ack == {"ok": True, "reactions": {"hug": 1}}
    updates = received(sa_, "message_updated")
    assert updates and updates[-1]["id"] == sent["id"] and updates[-1]["reactions"] == {"hug": 1}
    assert [n.kind for n in db.session.query(Notification).filter_by(user_id=alice.id)] == ["reaction"]
    assert sb.emit("react", {"message_id": sent["id"], "kind": "hug"}, namespace="/chat", callback=True)["reactions"] == {}
    assert sb.emit("react", {"message_id": sent["id"], "kind": "hug", "on": True}, namespace="/chat",
                   callback=True)["reactions"] == {"hug": 1}
    assert sb.emit("react", {"message_id": sent["id"], "kind": "hug", "on": True}, namespace="/chat",
                   callback=True)["reactions"] == {"hug": 1}
    assert sb.emit("react", {"message_id": sent["id"], "kind": "shrug"}, namespace="/chat", callback=True)["error"] == "invalid"
    assert sb.emit("react", {"message_id": 99999, "kind": "hug"}, namespace="/chat", callback=True)["error"] == "not_found"
    assert sb.emit("react", {"message_id": "x", "kind": "hug"}, namespace="/chat", callback=True)["error"] == "not_found"
    history = sb.emit("history", {"room": room, "after_id": 0}, namespace="/chat", callback=True)["messages"]
    assert history[-1]["reactions"] == {"hug": 1}
    # An outsider (not a member of the condition) can't see the message, so can't react.
    outsider = socket_client(make_user())
    assert outsider.emit("react", {"message_id": sent["id"], "kind": "heart"}, namespace="/chat",
                         callback=True)["error"] == "not_found"


def test_a_chat_mention_notifies_a_member_of_the_room(app, socket_client):
    cond, (alice, bob), room = room_with_members(2)
    sa_ = socket_client(alice)
    sa_.emit("join", {"room": room}, namespace="/chat", callback=True)
    chat.send(actor=alice, room_key=room, body=f"hey @{bob.username}, and @nobody_at_all", client_id="m1")
    (n,) = db.session.query(Notification).filter_by(user_id=bob.id).all()
    assert n.kind == "mention" and cond.name in n.text and "hey" not in n.text
