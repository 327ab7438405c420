"""Identifier confirmation is a service argument shared by the web form, the API and chat:
`confirm_identifiers=False` stops the write with NeedsConfirmation and stores nothing."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.errors import NeedsConfirmation
from community.extensions import db
from community.forums import services as forums
from community.forums.models import Post
from tests.factories import make_thread, make_user, token_for

PHONE = "Call me on 07700 900123 if you want to talk."


def _posts() -> int:
    return db.session.scalar(sa.select(sa.func.count(Post.id)))


def test_reply_stops_at_identifiers_unless_confirmed(app):
    thread = make_thread().thread
    before = _posts()
    with pytest.raises(NeedsConfirmation) as caught:
        forums.reply(actor=make_user(), thread=thread, body=PHONE, confirm_identifiers=False)
    assert _posts() == before
    assert [w["code"] for w in caught.value.extra["warnings"]] == ["phi.phone"]
    [found] = [f for f in caught.value.findings if f["code"] == "phi.phone"]
    assert caught.value.text[found["start"]:found["end"]] == "07700 900123"
    result = forums.reply(actor=make_user(), thread=thread, body=PHONE, confirm_identifiers=True)
    assert str(result.status) == "pending"


def test_api_asks_when_the_client_wants_to_confirm(app, client):
    thread = make_thread().thread
    headers = token_for(client, make_user())
    resp = client.post(f"/api/v1/threads/{thread.id}/posts", json={"body": PHONE, "confirm_identifiers": False}, headers=headers)
    assert resp.status_code == 422 and resp.get_json()["error"]["code"] == "needs_confirmation"
    resp = client.post(f"/api/v1/threads/{thread.id}/posts", json={"body": PHONE}, headers=headers)
    assert resp.status_code == 201 and resp.get_json()["status"] == "pending"
