"""Socket events with input no database can take (NUL bytes, lone surrogates, ids past the
INTEGER range) get an error ack, never an exception, and the connection keeps working."""
from __future__ import annotations

import pytest

from community.chat.models import Message
from community.extensions import db
from tests.chat.helpers import room_with_members


@pytest.mark.parametrize("event,payload", [
    ("join", {"room": "condition:a\x00b"}),
    ("join", {"room": "condition:\ud800"}),
    ("send", {"room": "condition:a\x00b", "body": "hi"}),
    ("send", {"room": "ROOM", "body": "nul \x00 inside"}),
    ("send", {"room": "ROOM", "body": "lone \ud800 surrogate"}),
    ("send", {"room": "ROOM", "body": "hi", "client_id": "a\x00b"}),
    ("history", {"room": "ROOM", "after_id": 2**31}),
    ("history", {"room": "ROOM", "before_id": 2**70}),
    ("edit", {"id": 2**63, "body": "x"}),
    ("delete", {"id": 2**31}),
    ("read", {"room": "ROOM", "id": 2**40}),
    ("typing", {"room": "a\x00b"}),
])
def test_bad_socket_input_gets_an_error_ack(app, socket_client, event, payload):
    _cond, (alice,), room = room_with_members(1)
    sc = socket_client(alice)
    assert sc.emit("join", {"room": room}, namespace="/chat", callback=True)["ok"]
    payload = {k: (room if v == "ROOM" else v) for k, v in payload.items()}
    ack = sc.emit(event, payload, namespace="/chat", callback=event != "typing")
    if event != "typing":
        assert isinstance(ack, dict) and ack.get("ok") is False, ack
    assert "Traceback" not in str(ack)
    assert db.session.query(Message).count() == 0
    db.session.rollback()
    assert sc.emit("send", {"room": room, "body": "still fine"}, namespace="/chat", callback=True)["ok"] is True
