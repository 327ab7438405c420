"""Server-side sessions: the cookie holds only a signed key; logout, password change, ban,
"sign out other devices" and revoking a device end sessions for real; idle and absolute
limits; last_seen written at most once a minute; devices page; chat sockets follow."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from community.auth import services
from community.auth.devices import device_label, network_of
from community.auth.models import Role, User, UserSession
from community.db import utcnow
from community.extensions import db
from community.moderation.models import AuditEntry
from tests.conftest import login
from tests.factories import PASSWORD, make_user

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"


def _cookie(client) -> str:
    found = client.get_cookie("session")
    assert found is not None
    return found.value


def _rows(user: User) -> list[UserSession]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(UserSession).where(UserSession.user_id == user.id)))


def test_device_labels_and_networks():
    assert device_label(FIREFOX) == "Firefox on Windows"
    assert device_label("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1") == "Safari on iPhone"
    assert device_label("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0") == "Edge on Linux"
    assert device_label(None) == "Unknown device"
    assert network_of("203.0.113.57") == "203.0.113.0/24"
    assert network_of("2001:db8:1:2::5") == "2001:db8:1::/48"
    assert network_of("not an ip") == ""


def test_the_cookie_carries_only_a_signed_key_and_the_row_a_hash(app, client):
    user = make_user()
    login(client, user)
    value = _cookie(client)
    key, _sig = value.rsplit(".", 1)
    assert "." not in key and user.username not in value and len(key) >= 40
    (row,) = _rows(user)
    assert row.key_hash != key and len(row.key_hash) == 64 and row.network == "127.0.0.0/24"
    # A tampered signature opens nothing.
    client.set_cookie("session", key + ".AAAA")
    assert client.get("/settings/profile").status_code == 302


def test_logout_ends_the_session_on_the_server(app, client):
    user = make_user()
    login(client, user)
    saved = _cookie(client)
    assert client.get("/settings/data.json").status_code == 200
    client.post("/logout")
    assert _rows(user) == []
    client.set_cookie("session", saved)
    assert client.get("/settings/data.json").status_code == 302


def test_login_gets_a_new_key(app, client):
    client.get("/login")
    client.set_cookie("session", "planted")
    user = make_user()
    login(client, user)
    before = _cookie(client)
    login(client, user)
    assert _cookie(client) != before


def test_password_change_ends_every_other_session_and_token(app):
    user = make_user()
    phone, laptop = app.test_client(), app.test_client()
    login(phone, user)
    login(laptop, user)
    token = services.create_token(actor=user, name="script")
    assert len(_rows(user)) == 2
    resp = laptop.post("/settings/password", data={"current_password": PASSWORD, "password": "another long password",
                                                   "confirm": "another long password"})
    assert resp.status_code == 302
    assert laptop.get("/settings/profile").status_code == 200
    assert phone.get("/settings/profile").status_code == 302
    assert len(_rows(user)) == 1
    assert services.user_for_token(token) is None


def test_a_ban_ends_sessions(app, client):
    from community.moderation import sanctions

    mod, user = make_user(Role.MODERATOR), make_user()
    login(client, user)
    assert client.get("/settings/profile").status_code == 200
    sanctions.sanction(actor=mod, user=user, kind="ban", reason="spam")
    assert client.get("/settings/profile").status_code == 302


def test_session_version_bump_from_elsewhere_ends_sessions(app, client):
    # The password-reset flow bumps session_version: that alone must end every session.
    user = make_user()
    login(client, user)
    db.session.execute(sa.update(User).where(User.id == user.id).values(session_version=User.session_version + 1))
    db.session.commit()
    assert client.get("/settings/profile").status_code == 302
    assert _rows(user) == []


def test_devices_page_lists_and_revokes(app):
    user = make_user()
    mine, other = app.test_client(), app.test_client()
    login(mine, user)
    other.post("/login", data={"username": user.username, "password": PASSWORD}, headers={"User-Agent": FIREFOX})
    page = mine.get("/settings/devices")
    assert page.status_code == 200 and b"Firefox on Windows" in page.data and b"(this device)" in page.data
    theirs = next(r for r in _rows(user) if r.device == "Firefox on Windows")
    assert mine.post(f"/settings/devices/{theirs.id}/revoke").status_code == 302
    assert other.get("/settings/profile").status_code == 302
    assert mine.get("/settings/profile").status_code == 200
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "auth.session_revoke"))
    assert entry.target_id == user.id and entry.detail["devices"] == ["Firefox on Windows"]


def test_cannot_revoke_someone_elses_session(app):
    alice, bob = make_user(), make_user()
    a, b = app.test_client(), app.test_client()
    login(a, alice)
    login(b, bob)
    (bobs,) = _rows(bob)
    assert a.post(f"/settings/devices/{bobs.id}/revoke").status_code == 404
    assert b.get("/settings/profile").status_code == 200


def test_sign_out_other_devices(app):
    user = make_user()
    clients = [app.test_client() for _ in range(3)]
    for c in clients:
        login(c, user)
    clients[0].post("/settings/devices/others/revoke")
    assert [c.get("/settings/profile").status_code for c in clients] == [200, 302, 302]


def test_staff_sessions_end_when_idle(app, client):
    mod = make_user(Role.MODERATOR)
    login(client, mod)
    assert client.get("/settings/profile").status_code == 200
    db.session.execute(sa.update(UserSession).values(last_seen_at=utcnow() - dt.timedelta(minutes=31)))
    db.session.commit()
    assert client.get("/settings/profile").status_code == 302


def test_patients_are_not_idled_out_but_every_session_has_an_end(app, client):
    user = make_user()
    login(client, user)
    db.session.execute(sa.update(UserSession).values(last_seen_at=utcnow() - dt.timedelta(hours=5)))
    db.session.commit()
    assert client.get("/settings/profile").status_code == 200
    db.session.execute(sa.update(UserSession).values(expires_at=utcnow() - dt.timedelta(seconds=1)))
    db.session.commit()
    assert client.get("/settings/profile").status_code == 302


def test_last_seen_is_written_at_most_once_a_minute(app, client):
    user = make_user()
    login(client, user)
    (row,) = _rows(user)
    first = row.last_seen_at
    db.session.commit()
    client.get("/settings/profile")
    assert _rows(user)[0].last_seen_at == first
    old = utcnow() - dt.timedelta(minutes=2)
    db.session.execute(sa.update(UserSession).values(last_seen_at=old))
    db.session.commit()
    client.get("/settings/profile")
    assert _rows(user)[0].last_seen_at > old + dt.timedelta(minutes=1)


@pytest.mark.config(SESSION_COOKIE_SECURE=True)
def test_remember_me_cookie_is_secure_and_persistent(app, client):
    user = make_user()
    resp = client.post("/login", data={"username": user.username, "password": PASSWORD, "remember": "y"})
    header = next(h for h in resp.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "Secure" in header and "Expires=" in header and "HttpOnly" in header
    assert _rows(user)[0].persistent


def test_a_plain_login_is_a_browser_session_cookie(app, client):
    user = make_user()
    resp = client.post("/login", data={"username": user.username, "password": PASSWORD})
    header = next(h for h in resp.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "Expires=" not in header


def test_sign_in_history_shows_own_entries(app, client):
    user, other = make_user(), make_user()
    client.post("/login", data={"username": user.username, "password": "wrong password"})
    login(client, user)
    page = client.get("/settings/sign-ins")
    assert page.status_code == 200 and b"Signed in" in page.data and b"Failed: wrong password" in page.data
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(AuditEntry.action == "auth.login_failed")) == 1
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "auth.login_failed"))
    assert "wrong password" not in str(entry.detail) and entry.target_id == user.id
    login(app.test_client(), other)
    assert other.username.encode() not in client.get("/settings/sign-ins").data


def test_chat_socket_closes_when_its_session_is_revoked(app, socket_client):
    user = make_user()
    sc = socket_client(user)
    assert sc.is_connected("/chat")
    phone = app.test_client()
    login(phone, user)
    keep = max(r.id for r in _rows(user))
    phone.post("/settings/devices/others/revoke")
    assert not sc.is_connected("/chat")
    assert [r.id for r in _rows(user)] == [keep]
