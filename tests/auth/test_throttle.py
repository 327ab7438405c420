"""Throttling wrong passwords: per account across addresses and per address, web and API
sharing one counter, growing delays with Retry-After, names counted whether or not they
exist; one password hash per login either way; the directory for members only."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from community.auth import passwords, signin
from community.auth.models import LoginThrottle, Role
from community.db import utcnow
from community.extensions import db
from tests.conftest import login
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.config(RATELIMIT_ENABLED=True, LOGIN_LIMIT="1000 per minute")


def _api(client, name: str, password: str, addr: str):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/tokens", json={"username": name, "password": password},
                       environ_base={"REMOTE_ADDR": addr})


def _web(client, name: str, password: str, addr: str):  # type: ignore[no-untyped-def]
    return client.post("/login", data={"username": name, "password": password}, environ_base={"REMOTE_ADDR": addr})


def _age_failures(seconds: int) -> None:
    for row in db.session.scalars(sa.select(LoginThrottle)):
        row.last_failure_at -= dt.timedelta(seconds=seconds)
    db.session.commit()


def test_one_account_from_many_addresses_is_slowed_down(app, client):
    user = make_user()
    codes = [_api(client, user.username, "wrong password", f"10.0.{i}.1").status_code for i in range(5)]
    assert codes == [401] * 5
    resp = _api(client, user.username, PASSWORD, "10.0.99.1")   # even the right password waits now
    assert resp.status_code == 429 and int(resp.headers["Retry-After"]) >= 1
    assert resp.get_json()["error"]["code"] == "rate_limited"
    _age_failures(3)
    assert _api(client, user.username, PASSWORD, "10.0.99.1").status_code == 201
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginThrottle)) > 0   # the addresses still count


def test_web_and_api_share_one_counter(app, client):
    user = make_user()
    for i in range(3):
        assert _web(client, user.username, "wrong password", f"10.1.{i}.1").status_code == 401
    for i in range(2):
        assert _api(client, user.username, "wrong password", f"10.2.{i}.1").status_code == 401
    web = _web(client, user.username, PASSWORD, "10.3.0.1")
    assert web.status_code == 429 and web.headers["Retry-After"]


def test_delays_grow(app, client):
    user = make_user()
    waits = []
    for i in range(8):
        resp = _api(client, user.username, "wrong password", f"10.4.{i}.1")
        if resp.status_code == 429:
            # The body says how long this account waits; the header is never less (the
            # per-address limiter may add its own, longer, window).
            wait = resp.get_json()["error"]["retry_after"]
            assert int(resp.headers["Retry-After"]) >= wait
            waits.append(wait)
            _age_failures(wait)
            resp = _api(client, user.username, "wrong password", f"10.4.{i}.1")
        assert resp.status_code == 401
    resp = _api(client, user.username, "wrong password", "10.4.200.1")
    waits.append(resp.get_json()["error"]["retry_after"])
    assert waits == sorted(waits) and waits[-1] >= 4 * waits[0]


def test_one_address_trying_many_names_is_slowed_down(app, client):
    for i in range(20):
        assert _api(client, f"name{i}", "wrong password", "10.5.0.9").status_code == 401
    assert _api(client, "name99", "wrong password", "10.5.0.9").status_code == 429
    assert _api(client, "name99", "wrong password", "10.5.0.10").status_code == 401


def test_unknown_names_are_throttled_like_real_ones(app, client):
    for i in range(5):
        _api(client, "nobody_here", "wrong password", f"10.6.{i}.1")
    assert _api(client, "nobody_here", "wrong password", "10.6.9.1").status_code == 429


def test_success_clears_the_account_count(app, client):
    user = make_user()
    for i in range(4):
        _web(client, user.username, "wrong password", f"10.7.{i}.1")
    assert login(client, user).status_code == 302
    client.post("/logout")
    for i in range(4):
        assert _web(client, user.username, "wrong password", f"10.8.{i}.1").status_code == 401


def test_wrong_second_factor_codes_count_too(app, client):
    mod = make_user(Role.MODERATOR)
    for _ in range(5):
        resp = client.post("/api/v1/tokens", json={"username": mod.username, "password": PASSWORD, "otp": "000000"})
        assert resp.status_code == 401
    resp = client.post("/api/v1/tokens", json={"username": mod.username, "password": PASSWORD, "otp": "000000"})
    assert resp.status_code == 429


@pytest.mark.config(RATELIMIT_ENABLED=False)
def test_turned_off_with_rate_limits(app, client):
    user = make_user()
    for i in range(8):
        assert _api(client, user.username, "wrong password", "10.9.0.1").status_code == 401


def test_failures_older_than_a_day_are_forgotten(app, client):
    user = make_user()
    for i in range(5):
        _api(client, user.username, "wrong password", f"10.10.{i}.1")
    db.session.execute(sa.update(LoginThrottle).values(last_failure_at=utcnow() - dt.timedelta(days=2)))
    db.session.commit()
    assert _api(client, user.username, "wrong password", "10.10.9.1").status_code == 401
    assert _api(client, user.username, PASSWORD, "10.10.9.1").status_code == 201


def test_login_costs_one_hash_whether_or_not_the_name_exists(app, monkeypatch):
    user = make_user()
    passwords.dummy_verify("warm up")     # the dummy hash is made once, then reused
    calls = {"hash": 0, "verify": 0}
    real = passwords._hasher()

    class Counting:
        def hash(self, *a, **kw):  # type: ignore[no-untyped-def]
            calls["hash"] += 1
            return real.hash(*a, **kw)

        def verify(self, *a, **kw):  # type: ignore[no-untyped-def]
            calls["verify"] += 1
            return real.verify(*a, **kw)

        def check_needs_rehash(self, *a, **kw):  # type: ignore[no-untyped-def]
            return real.check_needs_rehash(*a, **kw)

    counting = Counting()
    monkeypatch.setattr(passwords, "_hasher", lambda: counting)
    passwords._dummy_hashes[id(counting)] = passwords._dummy_hashes[id(real)]
    for name in (user.username, "no_such_member"):
        calls.update(hash=0, verify=0)
        with pytest.raises(signin.BadCredentials):
            signin.check_password(signin.Attempt(username=name, address="10.11.0.1"), "wrong password")
        assert calls == {"hash": 0, "verify": 1}, name


def test_login_form_does_not_tell_which_accounts_exist(app, client):
    user = make_user()
    a = _web(client, user.username, "wrong password", "10.12.0.1")
    b = _web(client, "no_such_member", "wrong password", "10.12.0.2")
    assert a.status_code == b.status_code == 401
    assert a.get_data(as_text=True).replace(user.username, "X") == b.get_data(as_text=True).replace("no_such_member", "X")


def test_directory_is_for_members_and_respects_hiding(app, client):
    shy, open_ = make_user(), make_user()
    assert client.get("/members").status_code == 302
    login(client, open_)
    assert f"/members/{shy.username}" in client.get("/members").get_data(as_text=True)
    client.post("/logout")
    login(client, shy)
    resp = client.post("/settings/profile", data={"hide_from_directory": "y"})
    assert resp.status_code == 302
    client.post("/logout")
    login(client, open_)
    page = client.get("/members").get_data(as_text=True)
    assert f"/members/{shy.username}" not in page and f"/members/{open_.username}" in page


def test_a_browser_that_signed_in_before_is_not_kept_out(app, client):
    user = make_user()
    assert login(client, user).status_code == 302      # this browser is now known to the account
    client.post("/logout")
    attacker = app.test_client()
    for i in range(6):
        _web(attacker, user.username, "wrong password", f"10.13.{i}.1")
    assert _web(attacker, user.username, PASSWORD, "10.13.99.1").status_code == 429
    # Another account's known-device cookie does not help.
    other = make_user()
    stranger = app.test_client()
    login(stranger, other)
    stranger.post("/logout")
    assert _web(stranger, user.username, PASSWORD, "10.13.101.1").status_code == 429
    # The owner's own browser signs in at once.
    assert _web(client, user.username, PASSWORD, "10.13.100.1").status_code == 302
