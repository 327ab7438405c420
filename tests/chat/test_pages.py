"""The chat pages work without JavaScript: lobby, room, the plain form, errors kept in place."""
from __future__ import annotations

from community.chat.models import Message
from community.extensions import db
from tests.factories import PASSWORD, make_user

from .helpers import room_with_members


def _login(client, user):
    client.post("/login", data={"username": user.username, "password": PASSWORD})


def test_lobby_lists_joined_rooms_with_unread_counts(app, client, socket_client):
    cond, (alice, bob), room = room_with_members(2)
    a = socket_client(alice)
    a.emit("join", {"room": room}, namespace="/chat", callback=True)
    for i in range(2):
        a.emit("send", {"room": room, "body": f"m{i}"}, namespace="/chat", callback=True)
    _login(client, bob)
    page = client.get("/chat").get_data(as_text=True)
    assert cond.name in page and f'data-room="{room}"' in page
    assert '>2<span class="visually-hidden"> unread' in page


def test_room_page_shows_history_and_posts_without_javascript(app, client):
    cond, (alice,), room = room_with_members(1)
    _login(client, alice)
    resp = client.post(f"/chat/{cond.slug}", data={"body": "Posted with **no** script"})
    assert resp.status_code == 302
    page = client.get(f"/chat/{cond.slug}").get_data(as_text=True)
    assert "<strong>no</strong>" in page and 'role="log"' in page and "js/chat.js" in page


def test_errors_stay_beside_the_field_and_keep_the_text(app, client):
    cond, (alice,), room = room_with_members(1)
    _login(client, alice)
    resp = client.post(f"/chat/{cond.slug}", data={"body": "ring me on 07700 900123"})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "ring me on 07700 900123" in page and 'aria-invalid="true"' in page
    assert "Send anyway" in page and db.session.query(Message).count() == 0
    resp = client.post(f"/chat/{cond.slug}", data={"body": "x" * 4001})
    assert resp.status_code == 422 and "at most 4,000 characters" in resp.get_data(as_text=True)
    resp = client.post(f"/chat/{cond.slug}", data={"body": "ring me on 07700 900123", "confirm": "y"})
    assert resp.status_code == 302 and db.session.query(Message).one().status == "pending"


def test_non_members_are_sent_to_join(app, client):
    cond, _users, _room = room_with_members(1)
    _login(client, make_user())
    resp = client.get(f"/chat/{cond.slug}")
    assert resp.status_code == 302 and resp.headers["Location"].endswith(f"/c/{cond.slug}")


def test_anonymous_visitors_log_in_first(app, client):
    cond, _users, _room = room_with_members(1)
    assert client.get(f"/chat/{cond.slug}").status_code == 302
    assert client.get("/chat").status_code == 302


def test_crisis_message_from_the_form_shows_help(app, client):
    cond, (alice,), _room = room_with_members(1)
    _login(client, alice)
    resp = client.post(f"/chat/{cond.slug}", data={"body": "I want to end my life tonight"}, follow_redirects=True)
    assert "You don't have to go through this alone" in resp.get_data(as_text=True)


def test_hide_presence_setting(app, client):
    from community.chat import services

    alice = make_user()
    _login(client, alice)
    client.post("/chat/presence", data={"hide": "1"})
    assert services.hides_presence(alice.id)
    client.post("/chat/presence", data={"hide": "0"})
    assert not services.hides_presence(alice.id)


def test_account_deletion_detaches_or_deletes_messages(app, socket_client):
    from community.auth import services as accounts

    _cond, (alice, bob), room = room_with_members(2)
    a = socket_client(alice)
    a.emit("join", {"room": room}, namespace="/chat", callback=True)
    kept = a.emit("send", {"room": room, "body": "stays"}, namespace="/chat", callback=True)["id"]
    accounts.delete_account(actor=alice, password=PASSWORD, delete_posts=False)
    msg = db.session.get(Message, kept)
    assert msg.author_id is None and msg.status == "published"
    b = socket_client(bob)
    b.emit("join", {"room": room}, namespace="/chat", callback=True)
    gone = b.emit("send", {"room": room, "body": "bye"}, namespace="/chat", callback=True)["id"]
    accounts.delete_account(actor=bob, password=PASSWORD, delete_posts=True)
    assert db.session.get(Message, gone).status == "deleted"


def test_data_download_includes_chat_messages_and_feedback(app, client, socket_client):
    from community.feedback import services as feedback

    _cond, (alice,), room = room_with_members(1)
    a = socket_client(alice)
    a.emit("join", {"room": room}, namespace="/chat", callback=True)
    a.emit("send", {"room": room, "body": "my own words"}, namespace="/chat", callback=True)
    feedback.give_feedback(actor=alice, text="The nurse was kind.")
    _login(client, alice)
    data = client.get("/settings/data.json").get_json()
    assert [m["body"] for m in data["chat_messages"]] == ["my own words"]
    assert data["chat_messages"][0]["room"] == room
    assert [f["text"] for f in data["care_feedback"]] == ["The nurse was kind."]


def test_the_profile_setting_and_the_lobby_switch_are_one_setting(app, client, socket_client):
    from community.chat import services

    _cond, (alice, bob), room = room_with_members(2)
    a = socket_client(alice)
    a.emit("join", {"room": room}, namespace="/chat", callback=True)
    b = socket_client(bob)
    assert alice.name in b.emit("join", {"room": room}, namespace="/chat", callback=True)["online"]
    _login(client, alice)
    client.post("/chat/presence", data={"hide": "1"})
    db.session.refresh(alice)
    assert alice.hide_presence is True and services.hides_presence(alice.id)
    assert alice.name not in b.emit("join", {"room": room}, namespace="/chat", callback=True)["online"]
