"""API tokens: expiry, label, last used (at most once a minute), list and revoke over the API
and in settings, audit, and their end when the password changes."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from community.auth import services, tokens
from community.auth.models import ApiToken
from community.db import utcnow
from community.extensions import db
from community.moderation.models import AuditEntry
from tests.conftest import login
from tests.factories import PASSWORD, make_user


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": "Bearer " + token}


def test_token_route_issues_a_labelled_expiring_token(app, client):
    user = make_user()
    resp = client.post("/api/v1/tokens", json={"username": user.username, "password": PASSWORD, "label": "my script"})
    assert resp.status_code == 201
    row = db.session.scalar(sa.select(ApiToken))
    assert row.name == "my script" and row.token_hash != resp.get_json()["token"]
    assert dt.timedelta(days=89) < row.expires_at - utcnow() <= dt.timedelta(days=90)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "token.create"))
    assert entry.detail["label"] == "my script" and resp.get_json()["token"] not in str(entry.detail)


def test_list_and_delete_own_tokens(app, client):
    user, other = make_user(), make_user()
    t1 = tokens.create_token(actor=user, name="one")
    tokens.create_token(actor=user, name="two")
    theirs = tokens.create_token(actor=other, name="theirs")
    resp = client.get("/api/v1/tokens", headers=_bearer(t1))
    items = resp.get_json()["items"]
    assert resp.status_code == 200 and [i["label"] for i in items] == ["two", "one"]
    assert set(items[0]) == {"id", "label", "created_at", "last_used_at", "expires_at"}
    assert items[1]["last_used_at"] is not None
    their_id = tokens.user_for_token(theirs)[1].id
    assert client.delete(f"/api/v1/tokens/{their_id}", headers=_bearer(t1)).status_code == 404
    two_id = items[0]["id"]
    assert client.delete(f"/api/v1/tokens/{two_id}", headers=_bearer(t1)).status_code == 204
    assert [i["label"] for i in client.get("/api/v1/tokens", headers=_bearer(t1)).get_json()["items"]] == ["one"]
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(AuditEntry.action == "token.revoke")) == 1


def test_expired_tokens_stop_working(app, client):
    user = make_user()
    token = tokens.create_token(actor=user, name="x")
    db.session.execute(sa.update(ApiToken).values(expires_at=utcnow() - dt.timedelta(seconds=1)))
    db.session.commit()
    resp = client.get("/api/v1/conditions", headers=_bearer(token))
    assert resp.status_code == 401


@pytest.mark.config(API_TOKEN_DAYS=7)
def test_lifetime_follows_config_and_cannot_be_longer(app):
    user = make_user()
    tokens.create_token(actor=user, name="x")
    row = db.session.scalar(sa.select(ApiToken))
    assert row.expires_at - utcnow() <= dt.timedelta(days=7)
    from community.errors import Invalid

    with pytest.raises(Invalid):
        tokens.create_token(actor=user, name="y", days=30)


def test_last_used_is_written_at_most_once_a_minute(app, client):
    user = make_user()
    token = tokens.create_token(actor=user, name="x")
    client.get("/api/v1/conditions", headers=_bearer(token))
    db.session.expire_all()
    first = db.session.scalar(sa.select(ApiToken.last_used_at))
    assert first is not None
    client.get("/api/v1/conditions", headers=_bearer(token))
    db.session.expire_all()
    assert db.session.scalar(sa.select(ApiToken.last_used_at)) == first
    db.session.execute(sa.update(ApiToken).values(last_used_at=first - dt.timedelta(minutes=2)))
    db.session.commit()
    client.get("/api/v1/conditions", headers=_bearer(token))
    db.session.expire_all()
    assert db.session.scalar(sa.select(ApiToken.last_used_at)) > first - dt.timedelta(minutes=1)


def test_password_change_ends_all_tokens(app, client):
    user = make_user()
    token = tokens.create_token(actor=user, name="x")
    services.change_password(actor=user, current=PASSWORD, new="a brand new password")
    assert client.get("/api/v1/conditions", headers=_bearer(token)).status_code == 401


def test_settings_page_creates_lists_and_revokes(app, client):
    user = make_user()
    login(client, user)
    resp = client.post("/settings/api-tokens", data={"label": "laptop script", "days": "30"})
    assert resp.status_code == 200 and b"Copy it now" in resp.data and b"laptop script" in resp.data
    row = db.session.scalar(sa.select(ApiToken))
    assert row.expires_at - utcnow() <= dt.timedelta(days=30)
    assert client.post(f"/settings/api-tokens/{row.id}/revoke").status_code == 302
    db.session.expire_all()
    assert db.session.get(ApiToken, row.id).revoked_at is not None
    assert b"laptop script" not in client.get("/settings/api-tokens").data


def test_api_token_errors_do_not_tell_which_accounts_exist(app, client):
    user = make_user()
    wrong = client.post("/api/v1/tokens", json={"username": user.username, "password": "wrong password"})
    missing = client.post("/api/v1/tokens", json={"username": "nobody_at_all", "password": "wrong password"})
    assert wrong.status_code == missing.status_code == 401
    assert wrong.get_json() == missing.get_json()
