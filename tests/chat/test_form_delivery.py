"""The no-JavaScript form is one more way to send: it shares the socket's rate limit, and its
messages reach the room the one way every message does (chat.message_created after commit)."""
from __future__ import annotations

from community.chat.models import Message
from community.extensions import db
from tests.factories import PASSWORD

from .helpers import received, room_with_members


def _login(client, user):
    client.post("/login", data={"username": user.username, "password": PASSWORD})


def test_form_is_rate_limited_and_keeps_the_text(app, client):
    app.config.update(RATELIMIT_ENABLED=True, CHAT_RATE_BURST=2, CHAT_RATE_PER_SECOND=0.01)
    app.extensions.pop("harbor_chat_limiter", None)
    try:
        cond, (alice,), _room = room_with_members(1)
        _login(client, alice)
        codes = [client.post(f"/chat/{cond.slug}", data={"body": f"message {i}"}).status_code for i in range(2)]
        resp = client.post(f"/chat/{cond.slug}", data={"body": "one too many"})
        assert codes == [302, 302] and resp.status_code == 429
        assert "one too many" in resp.get_data(as_text=True) and db.session.query(Message).count() == 2
    finally:
        app.config.update(RATELIMIT_ENABLED=False)
        app.extensions.pop("harbor_chat_limiter", None)


def test_form_messages_reach_the_room_once(app, client, socket_client):
    cond, (alice, bob), room = room_with_members(2)
    b = socket_client(bob)
    b.emit("join", {"room": room}, namespace="/chat", callback=True)
    b.get_received("/chat")
    _login(client, alice)
    assert client.post(f"/chat/{cond.slug}", data={"body": "from the plain form"}).status_code == 302
    got = [m["body"] for m in received(b, "message")]
    assert got == ["from the plain form"]
