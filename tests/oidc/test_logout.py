"""RP-initiated logout against the real provider (tests/oidc/conftest.py): after a hospital
sign-in, logging out ends Harbor's session and then sends the browser to the provider's
end_session_endpoint with the ID token as id_token_hint, post_logout_redirect_uri and state;
otherwise (a password sign-in, OIDC off, a provider without the endpoint) a plain logout."""
from __future__ import annotations

import base64
import html
import json
import re
from urllib.parse import parse_qs, urlsplit

import requests
import sqlalchemy as sa

from community.auth import mfa
from community.auth.models import ExternalIdentity, Role, User, UserSession
from community.extensions import db
from tests.conftest import login
from tests.factories import make_user, otp_for

from .conftest import CLIENT_ID, POST_LOGOUT, Browser, configure


def _user_of(subject: str) -> User:
    db.session.expire_all()
    ext = db.session.scalar(sa.select(ExternalIdentity).where(ExternalIdentity.subject == subject))
    return db.session.get(User, ext.user_id)


def _claims(jwt: str) -> dict:
    payload = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def _sessions(user: User) -> int:
    return db.session.scalar(sa.select(sa.func.count(UserSession.id)).where(UserSession.user_id == user.id)) or 0


def _end_session_endpoint(issuer: str) -> str:
    meta = requests.get(issuer + "/.well-known/openid-configuration", timeout=10).json()
    return meta["end_session_endpoint"]


def test_logout_after_hospital_sign_in_ends_both_sessions(browser, client, oidc_provider):
    page = browser.sign_in("kim")
    assert page.status == 200
    user = _user_of("kim")
    # The ID token is kept with the server-side session row.
    [row] = db.session.scalars(sa.select(UserSession).where(UserSession.user_id == user.id)).all()
    assert '"oidc_id_token"' in row.data
    out = client.post("/logout")
    assert out.status_code == 302
    target = out.headers["Location"]
    assert target.startswith(_end_session_endpoint(oidc_provider.issuer) + "?")
    query = parse_qs(urlsplit(target).query)
    assert query["post_logout_redirect_uri"] == [POST_LOGOUT] and query["client_id"] == [CLIENT_ID]
    assert query["state"][0] and _claims(query["id_token_hint"][0])["sub"] == "kim"
    # Harbor's session ended first.
    assert _sessions(user) == 0
    assert client.get("/settings/data.json").status_code in (302, 401)
    # The provider asks to confirm, ends its session and sends the browser back with the state.
    ask = browser.go(target)
    assert ask.status == 200 and "op.logoutForm" in ask.text
    action = html.unescape(re.search(r'action="([^"]+)"', ask.text).group(1))
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', ask.text).group(1)
    back = browser.go(action, "POST", {"xsrf": xsrf, "logout": "yes"})
    assert back.url.startswith(POST_LOGOUT + "?") and parse_qs(urlsplit(back.url).query)["state"] == query["state"]
    assert back.status == 200 and "You are also signed out at St Elsewhere" in back.text
    # Signed out there too: the hospital's sign-in page asks again (no silent sign-in).
    again = browser.go("/login/oidc")
    assert again.url.startswith(oidc_provider.issuer + "/interaction/") and 'name="login"' in again.text


def test_without_logout_the_provider_signs_in_silently(browser, client, oidc_provider):
    """The contrast for the test above: the provider's session lives on after a plain Harbor logout."""
    browser.sign_in("kim")
    client.application.config["OIDC_ISSUER"] = None
    assert client.post("/logout").headers["Location"] == "/"        # OIDC off meanwhile: a plain logout
    configure(client.application, oidc_provider.issuer)
    again = browser.go("/login/oidc")
    assert not again.url.startswith(oidc_provider.issuer + "/interaction/") and again.status == 200


def test_the_id_token_survives_the_totp_step(oidc_app, browser, client, oidc_provider):
    oidc_app.config["OIDC_PATIENTS"] = True
    browser.sign_in("pat")
    user = _user_of("pat")
    mfa.enrol_directly(user=user)
    client.post("/logout")
    page = browser.sign_in("pat", stop=lambda url: url.endswith("/login/code"))
    assert page.url.endswith("/login/code")
    assert client.post("/login/code", data={"code": otp_for(_user_of("pat"))}).status_code == 302
    out = client.post("/logout")
    assert out.headers["Location"].startswith(_end_session_endpoint(oidc_provider.issuer) + "?")
    assert _claims(parse_qs(urlsplit(out.headers["Location"]).query)["id_token_hint"][0])["sub"] == "pat"


def test_a_password_sign_in_logs_out_plainly_even_with_oidc(oidc_app, client):
    member = make_user(Role.PATIENT)
    login(client, member)
    out = client.post("/logout")
    assert out.status_code == 302 and out.headers["Location"] == "/"
    assert _sessions(member) == 0


def test_a_hospital_sign_in_then_a_password_one_forgets_the_id_token(oidc_app, browser, client):
    """An ID token from an abandoned hospital sign-in is not used by a later password sign-in."""
    oidc_app.config["OIDC_PATIENTS"] = True
    browser.sign_in("pat", join=False)                                # left at the join page
    member = make_user(Role.PATIENT)
    login(client, member)
    assert client.post("/logout").headers["Location"] == "/"


def test_without_oidc_logout_is_plain(app, client):
    member = make_user(Role.PATIENT)
    login(client, member)
    out = client.post("/logout")
    assert out.status_code == 302 and out.headers["Location"] == "/"
    assert _sessions(member) == 0 and client.get("/settings/data.json").status_code in (302, 401)


def test_a_provider_without_end_session_gets_a_plain_logout(app, client, provider_without_logout):
    configure(app, provider_without_logout.issuer)
    browser = Browser(client, provider_without_logout.issuer)
    assert browser.sign_in("kim").status == 200
    user = _user_of("kim")
    out = client.post("/logout")
    assert out.status_code == 302 and out.headers["Location"] == "/"
    assert _sessions(user) == 0


def test_the_post_logout_redirect_uri_can_be_configured(oidc_app, browser, client):
    oidc_app.config["OIDC_POST_LOGOUT_REDIRECT_URI"] = "https://harbor.example/goodbye"
    browser.sign_in("kim")
    out = client.post("/logout")
    assert parse_qs(urlsplit(out.headers["Location"]).query)["post_logout_redirect_uri"] == ["https://harbor.example/goodbye"]


def test_a_stray_state_on_the_login_page_says_nothing(client):
    assert "also signed out" not in client.get("/login?state=whatever").get_data(as_text=True)
