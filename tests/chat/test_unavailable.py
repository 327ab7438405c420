"""Every chat event answers: a database that can't be had (here SQLite's write lock held by
another process's transaction past the chat's wait) gives the ack `unavailable` within 5 s,
and the same message goes through once the database is back (its client_id stores it once)."""
from __future__ import annotations

import sqlite3
import time

import pytest
import sqlalchemy as sa

from community.chat.models import Message
from community.extensions import db

from .helpers import room_with_members


def test_send_acks_unavailable_within_5_s_then_succeeds(app, socket_client):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the PostgreSQL outage is tests/reliability/test_faults.py (a private cluster stopped)")
    _cond, (alice,), room = room_with_members(1)
    a = socket_client(alice)
    assert a.emit("join", {"room": room}, namespace="/chat", callback=True)["ok"]
    db.session.commit()
    other = sqlite3.connect(db.engine.url.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")      # someone else holds the write lock (a stuck writer)
    try:
        start = time.monotonic()
        ack = a.emit("send", {"room": room, "body": "still there?", "client_id": "u-1"}, namespace="/chat", callback=True)
        took = time.monotonic() - start
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert ack["ok"] is False and ack["error"] == "unavailable" and ack["message"]
    assert took < 5
    again = a.emit("send", {"room": room, "body": "still there?", "client_id": "u-1"}, namespace="/chat", callback=True)
    assert again["ok"] is True
    assert a.emit("send", {"room": room, "body": "still there?", "client_id": "u-1"}, namespace="/chat",
                  callback=True)["id"] == again["id"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Message).where(Message.client_id == "u-1")) == 1
