"""Live moderator alerts on the /moderation namespace."""
from __future__ import annotations

from community import events
from community.extensions import db
from community.extensions import socketio
from tests.conftest import login
from tests.factories import make_user


def _socket(app, user):
    http = app.test_client()
    login(http, user)
    return socketio.test_client(app, namespace="/moderation", flask_test_client=http)


def test_moderators_get_crisis_alerts_members_are_refused(app):
    mod_socket = _socket(app, make_user("moderator"))
    member_socket = _socket(app, make_user())
    assert mod_socket.is_connected("/moderation")
    assert not member_socket.is_connected("/moderation")
    events.emit("moderation.crisis", item_id=7, target_type="post", target_id=3)
    db.session.commit()   # subscribers hear of an event once its transaction commits
    received = mod_socket.get_received("/moderation")
    assert [r["name"] for r in received] == ["alert"]
    assert received[0]["args"][0]["item_id"] == 7 and received[0]["args"][0]["url"].endswith("/7")
    mod_socket.disconnect(namespace="/moderation")
