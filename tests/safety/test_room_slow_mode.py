"""Slow mode for a condition's chat room (issue 17, heat controls): one message per member per
interval, moderators exempt, set from the room page by moderators only, audited, reversible;
the socket ack and the no-JavaScript form say how long to wait and keep the text."""
import datetime as dt

import pytest
import sqlalchemy as sa

from community.chat import services as chat
from community.chat.models import Message, Room
from community.errors import Invalid, NotAllowed, TooSoon
from community.extensions import db
from community.moderation.models import AuditEntry
from community.moderation.safety import set_room_slow_mode
from tests.chat.helpers import room_with_members
from tests.factories import make_user


def _room(key):
    return chat.room_by_key(key)


def test_one_message_per_interval_and_moderators_are_exempt(app):
    cond, (alice, bob), key = room_with_members(2)
    mod = make_user("moderator")
    set_room_slow_mode(actor=mod, room=_room(key), slow_mode_seconds=60, reason="heated")
    chat.send(actor=alice, room_key=key, body="first")
    with pytest.raises(TooSoon) as err:
        chat.send(actor=alice, room_key=key, body="second, too soon")
    assert err.value.code == "slow_mode" and 1 <= err.value.extra["retry_after"] <= 60
    assert "slow mode" in err.value.message
    chat.send(actor=bob, room_key=key, body="bob is not held back by alice")
    chat.send(actor=mod, room_key=key, body="a moderator explains")
    chat.send(actor=mod, room_key=key, body="and again")
    # once the interval has passed, alice can write again
    db.session.execute(sa.update(Message).where(Message.author_id == alice.id)
                       .values(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=61)))
    db.session.commit()
    chat.send(actor=alice, room_key=key, body="later")
    # off again: no spacing
    set_room_slow_mode(actor=mod, room=_room(key), slow_mode_seconds=0)
    chat.send(actor=alice, room_key=key, body="quick one")
    actions = list(db.session.scalars(sa.select(AuditEntry.detail).where(AuditEntry.action == "room.controls")
                                      .order_by(AuditEntry.id)))
    assert [a["slow_mode_seconds"] for a in actions] == [60, 0]


def test_only_moderators_set_it_and_values_are_checked(app):
    cond, (alice,), key = room_with_members(1)
    with pytest.raises(NotAllowed):
        set_room_slow_mode(actor=alice, room=_room(key), slow_mode_seconds=30)
    mod = make_user("moderator")
    for bad in (-1, 86_401, True):
        with pytest.raises(Invalid):
            set_room_slow_mode(actor=mod, room=_room(key), slow_mode_seconds=bad)
    db.session.rollback()
    assert db.session.scalar(sa.select(Room.slow_mode_seconds).where(Room.condition_id == cond.id)) == 0


def test_room_page_form_and_notice_and_socket_ack(app, client, auth, socket_client):
    cond, (alice,), key = room_with_members(1)
    mod = make_user("moderator")
    auth.login(alice)
    assert client.post(f"/chat/{cond.slug}/slow-mode", data={"slow_mode_seconds": "30"}).status_code == 403
    assert "Room controls" not in client.get(f"/chat/{cond.slug}").get_data(as_text=True)
    auth.login(mod)
    assert "Room controls" in client.get(f"/chat/{cond.slug}").get_data(as_text=True)
    bad = client.post(f"/chat/{cond.slug}/slow-mode", data={"slow_mode_seconds": "soon"}, follow_redirects=True)
    assert "Slow mode is 0 (off) to 86,400 seconds." in bad.get_data(as_text=True)
    assert client.post(f"/chat/{cond.slug}/slow-mode", data={"slow_mode_seconds": "30", "reason": "cooling off"}).status_code == 302
    assert client.post("/chat/no-such-room/slow-mode", data={"slow_mode_seconds": "30"}).status_code == 404
    auth.login(alice)
    page = client.get(f"/chat/{cond.slug}").get_data(as_text=True)
    assert "each member can send one message every 30 seconds" in page
    sock = socket_client(alice)
    sock.emit("join", {"room": key}, namespace="/chat", callback=True)
    first = sock.emit("send", {"room": key, "body": "hello", "client_id": "s1"}, namespace="/chat", callback=True)
    second = sock.emit("send", {"room": key, "body": "hello again", "client_id": "s2"}, namespace="/chat", callback=True)
    assert first["ok"] is True
    assert second["ok"] is False and second["error"] == "slow_mode" and "seconds" in second["message"]
    # the no-JavaScript form: refused with the reason beside the field, the text kept
    form = client.post(f"/chat/{cond.slug}", data={"body": "typed without javascript"})
    html = form.get_data(as_text=True)
    assert form.status_code == 422 and "slow mode" in html and "typed without javascript" in html
