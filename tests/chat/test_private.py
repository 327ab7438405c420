"""Private peer conversations: request, accept, block, the clinician boundary, privacy."""
from __future__ import annotations

import pytest

from community.chat import services
from community.chat.models import DirectState
from community.errors import NotAllowed
from community.extensions import db
from tests.factories import PASSWORD, make_clinician, make_user

from .helpers import received


def _open(a, b):
    conv = services.request_conversation(actor=a, other=b)
    services.answer_request(actor=b, room_id=conv.room_id, accept=True)
    return f"dm:{conv.room_id}"


def test_request_then_accept_opens_the_conversation(app, socket_client):
    alice, bob = make_user(), make_user()
    conv = services.request_conversation(actor=alice, other=bob)
    assert conv.state == DirectState.REQUESTED
    a = socket_client(alice)
    room = f"dm:{conv.room_id}"
    assert a.emit("join", {"room": room}, namespace="/chat", callback=True)["can_send"] is False
    assert a.emit("send", {"room": room, "body": "hi"}, namespace="/chat", callback=True)["error"] == "not_allowed"
    with pytest.raises(Exception):
        services.answer_request(actor=alice, room_id=conv.room_id, accept=True)   # not the requester's to accept
    db.session.rollback()
    services.answer_request(actor=bob, room_id=conv.room_id, accept=True)
    b = socket_client(bob)
    for sc in (a, b):
        assert sc.emit("join", {"room": room}, namespace="/chat", callback=True)["ok"]
    b.get_received("/chat")
    ack = a.emit("send", {"room": room, "body": "thanks for accepting"}, namespace="/chat", callback=True)
    assert ack["ok"] and received(b, "message")[0]["body"] == "thanks for accepting"


def test_only_the_two_members_can_read_not_even_moderators(app, socket_client):
    alice, bob, carol, mod = make_user(), make_user(), make_user(), make_user("moderator")
    room = _open(alice, bob)
    socket_client(alice).emit("send", {"room": room, "body": "private"}, namespace="/chat", callback=True)
    for outsider in (carol, mod):
        sc = socket_client(outsider)
        assert sc.emit("join", {"room": room}, namespace="/chat", callback=True)["error"] == "not_member"
        assert sc.emit("history", {"room": room, "after_id": 0}, namespace="/chat", callback=True)["messages"] == []


def test_block_stops_messages_and_requests_both_ways(app, socket_client):
    alice, bob = make_user(), make_user()
    room = _open(alice, bob)
    services.block(actor=bob, other=alice)
    a = socket_client(alice)
    a.emit("join", {"room": room}, namespace="/chat", callback=True)
    assert a.emit("send", {"room": room, "body": "hello?"}, namespace="/chat", callback=True)["error"] == "not_allowed"
    b = socket_client(bob)
    b.emit("join", {"room": room}, namespace="/chat", callback=True)
    assert b.emit("send", {"room": room, "body": "bye"}, namespace="/chat", callback=True)["error"] == "not_allowed"
    carol = make_user()
    services.block(actor=carol, other=alice)
    with pytest.raises(NotAllowed):
        services.request_conversation(actor=alice, other=carol)
    services.unblock(actor=bob, other=alice)
    assert a.emit("send", {"room": room, "body": "again"}, namespace="/chat", callback=True)["ok"]


def test_clinicians_and_patients_cannot_start_private_conversations(app):
    patient, doc = make_user(), make_clinician()
    with pytest.raises(NotAllowed, match="Clinicians and patients"):
        services.request_conversation(actor=patient, other=doc)
    with pytest.raises(NotAllowed):
        services.request_conversation(actor=doc, other=patient)
    # Two clinicians may talk privately.
    assert services.request_conversation(actor=doc, other=make_clinician()).state == DirectState.REQUESTED


@pytest.mark.config(ALLOW_CLINICIAN_PATIENT_DM=True)
def test_an_admin_setting_can_allow_clinician_patient_conversations(app):
    patient, doc = make_user(), make_clinician()
    assert services.request_conversation(actor=patient, other=doc).state == DirectState.REQUESTED


def test_web_pages_for_requests_and_blocks(app, client):
    alice, bob = make_user(), make_user()
    client.post("/login", data={"username": alice.username, "password": PASSWORD})
    assert "Ask for a private conversation" in client.get(f"/members/{bob.username}/message").get_data(as_text=True)
    assert client.post(f"/members/{bob.username}/message").status_code == 302
    client.post("/logout")
    client.post("/login", data={"username": bob.username, "password": PASSWORD})
    page = client.get("/chat/private").get_data(as_text=True)
    assert f"{alice.name} asks for a private conversation" in page
    conv = services.conversation_between(alice, bob)
    resp = client.post(f"/chat/private/{conv.room_id}/answer", data={"accept": "1"})
    assert resp.status_code == 302 and resp.headers["Location"].endswith(f"/chat/private/{conv.room_id}")
    resp = client.post(f"/chat/private/{conv.room_id}", data={"body": "hello from the form"})
    assert resp.status_code == 302
    assert "hello from the form" in client.get(f"/chat/private/{conv.room_id}").get_data(as_text=True)
    client.post(f"/members/{alice.username}/block")
    assert "You haven't blocked anyone" not in client.get("/chat/private").get_data(as_text=True)


def test_clinician_sees_why_not_on_the_request_page(app, client):
    patient, doc = make_user(), make_clinician()
    client.post("/login", data={"username": doc.username, "password": PASSWORD})
    page = client.get(f"/members/{patient.username}/message").get_data(as_text=True)
    assert "Clinicians and patients can&#39;t start private conversations" in page
    resp = client.post(f"/members/{patient.username}/message")
    assert resp.status_code == 403 and "Clinicians and patients" in resp.get_data(as_text=True)
