"""Account pages: forms show errors beside fields and keep input; sessions; rate limits."""
from __future__ import annotations

import pytest

from community.auth.models import Role
from tests.conftest import make_app
from tests.factories import PASSWORD, make_user


def test_register_login_logout(client):
    resp = client.post("/register", data={"username": "new_member", "password": PASSWORD, "confirm": PASSWORD,
                                          "accept_terms": "y", "confirm_age": "y"})
    assert resp.status_code == 302
    assert "new_member" in client.get("/settings/profile").get_data(as_text=True)
    client.post("/logout")
    assert client.get("/settings/profile").status_code == 302
    assert client.post("/login", data={"username": "new_member", "password": PASSWORD}).status_code == 302


def test_register_error_is_beside_field_and_keeps_input(client):
    resp = client.post("/register", data={"username": "admin", "email": "kept@example.org", "password": PASSWORD, "confirm": PASSWORD,
                                          "accept_terms": "y", "confirm_age": "y"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert 'id="username-error"' in html and "reserved" in html
    assert 'aria-describedby="username-hint username-error"' in html
    assert 'value="kept@example.org"' in html


def test_password_mismatch(client):
    resp = client.post("/register", data={"username": "mismatch", "password": PASSWORD, "confirm": PASSWORD + "x"})
    assert resp.status_code == 422 and "do not match" in resp.get_data(as_text=True)


def test_wrong_password(client, app):
    user = make_user()
    resp = client.post("/login", data={"username": user.username, "password": "nope nope nope"})
    assert resp.status_code == 401 and "Wrong username or password" in resp.get_data(as_text=True)


def test_password_change_signs_out_other_sessions(app, client, auth):
    user = make_user()
    other = app.test_client()
    other.post("/login", data={"username": user.username, "password": PASSWORD})
    auth.login(user)
    resp = client.post("/settings/password", data={"current_password": PASSWORD, "password": "another long password", "confirm": "another long password"})
    assert resp.status_code == 302
    assert client.get("/settings/profile").status_code == 200  # this session continues
    assert other.get("/settings/profile").status_code == 302   # the other one is logged out


def test_login_is_rate_limited_per_account(tmp_root):
    app = make_app("sqlite", tmp_root, RATELIMIT_ENABLED=True, LOGIN_LIMIT="3 per minute")
    with app.app_context():
        user = make_user()
        c = app.test_client()
        codes = [c.post("/login", data={"username": user.username, "password": "wrong password"}).status_code for _ in range(4)]
        assert codes[:3] == [401, 401, 401] and codes[3] == 429
        resp = c.post("/login", data={"username": user.username, "password": "wrong password"})
        assert 1 <= int(resp.headers["Retry-After"]) <= 60
        assert "Please wait" in resp.get_data(as_text=True)


def test_retry_after_only_on_a_refusal_and_says_how_long(tmp_root):
    app = make_app("sqlite", tmp_root, RATELIMIT_ENABLED=True, LOGIN_LIMIT="2 per hour")
    with app.app_context():
        c = app.test_client()
        answers = [c.post("/api/v1/tokens", json={"username": "nobody", "password": "wrong password"}) for _ in range(3)]
        assert [a.status_code for a in answers] == [401, 401, 429]
        assert "Retry-After" not in answers[0].headers     # a refusal of the password, not of the client
        wait = int(answers[2].headers["Retry-After"])
        assert 3000 < wait <= 3600
        assert answers[2].get_json()["error"] == {"code": "rate_limited",
                                                 "message": "Too many attempts. Please wait 60 minutes and try again."}


def test_admin_assigns_role_in_web_ui(client, auth):
    admin, member = make_user(Role.ADMIN), make_user()
    auth.login(admin)
    resp = client.post(f"/admin/users/{member.id}/role", data={"role": "moderator", "reason": "helps a lot"})
    assert resp.status_code == 302
    assert member.role == Role.MODERATOR


@pytest.mark.parametrize("role", ["patient", "clinician", "moderator", "quality"])
def test_non_admins_cannot_reach_role_page(client, auth, role):
    auth.login(make_user(role))
    assert client.get("/admin/users").status_code == 403


def test_profile_conditions_private_by_default(client, auth):
    from tests.factories import make_condition
    from community.forums import services as forums

    member = make_user(display_name="Fern")
    cond = make_condition(name="Long COVID")
    forums.join_condition(actor=member, condition=cond)
    assert client.get(f"/members/{member.username}").status_code == 302   # a patient's profile: signed-in only
    auth.login(make_user())
    page = client.get(f"/members/{member.username}")
    assert page.status_code == 200 and "Fern" in page.get_data(as_text=True)
    assert "Long COVID" not in page.get_data(as_text=True)
    auth.login(member)
    client.post("/settings/profile", data={"display_name": "Fern", "public_conditions": [str(cond.id)]})
    assert "Long COVID" in client.get(f"/members/{member.username}").get_data(as_text=True)


def test_download_my_data(client, auth):
    from tests.factories import make_thread

    member = make_user(email="me@example.org")
    make_thread(author=member, body="my own words")
    auth.login(member)
    data = client.get("/settings/data.json").get_json()
    assert data["username"] == member.username and data["email"] == "me@example.org"
    assert data["posts"][0]["body"] == "my own words"
