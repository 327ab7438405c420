"""A token's "last used" is true: written when the token is used, at most once a minute."""
from __future__ import annotations

import datetime as dt

from community.auth.models import ApiToken
from community.extensions import db
from tests.factories import make_user, token_for


def test_last_used_is_written_at_most_once_a_minute(app, client):
    headers = token_for(client, make_user())
    token = db.session.query(ApiToken).one()
    assert token.last_used_at is None
    assert client.get("/api/v1/conditions", headers=headers).status_code == 200
    db.session.refresh(token)
    first = token.last_used_at
    assert first is not None
    assert client.get("/api/v1/conditions", headers=headers).status_code == 200
    db.session.refresh(token)
    assert token.last_used_at == first            # within the minute: no write
    token.last_used_at = first - dt.timedelta(minutes=2)
    db.session.commit()
    assert client.get("/api/v1/conditions", headers=headers).status_code == 200
    db.session.refresh(token)
    assert token.last_used_at > first
