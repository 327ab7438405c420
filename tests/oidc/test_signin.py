"""Hospital sign-in (OIDC) against a real OpenID provider (tests/oidc/conftest.py): accounts
made and linked on first sign-in, roles from the claims, the provider's MFA, the errors."""
from __future__ import annotations

import json
import time

import pytest
import sqlalchemy as sa

from community.auth.models import ExternalIdentity, Role, User
from community.db import utcnow
from community.extensions import db
from community.moderation.models import AuditEntry
from tests.factories import PASSWORD, enrol, make_user, otp_for

from .conftest import ROLE_MAP, Browser, configure, stop


def _user_of(subject: str) -> User | None:
    ext = db.session.scalar(sa.select(ExternalIdentity).where(ExternalIdentity.subject == subject))
    return db.session.get(User, ext.user_id) if ext else None


def _audit(action: str) -> list[AuditEntry]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def _users() -> int:
    return db.session.scalar(sa.select(sa.func.count(User.id))) or 0


def test_the_button_shows_only_when_configured(app, client, oidc_provider):
    assert "Sign in with" not in client.get("/login").get_data(as_text=True)
    assert client.get("/login/oidc").status_code == 404
    configure(app, oidc_provider.issuer)
    assert "Sign in with St Elsewhere" in client.get("/login").get_data(as_text=True)


def test_first_sign_in_makes_a_moderator_whose_provider_mfa_stands_in_for_totp(browser, client):
    page = browser.sign_in("kim", next_url="/moderation/queue")
    assert page.status == 200 and page.url.endswith("/moderation/queue"), (page.url, page.status)
    user = _user_of("kim")
    assert user is not None and user.role == Role.MODERATOR and user.username == "k.rivera"
    assert user.totp_secret is None                                    # no Harbor TOTP, and not sent to enrol
    assert client.get("/moderation/queue").status_code == 200
    assert client.get("/settings/data.json").get_json()["email"] == "kim.rivera@hospital.example"
    assert db.session.get(User, user.id).email_verified_at is not None
    [login] = _audit("auth.login")
    assert login.target_id == user.id and login.detail["via"] == "oidc" and login.detail["second_factor"] == "provider"
    [change] = _audit("role.change")
    assert change.detail == {"from": "patient", "to": "moderator", "verifier": False, "via": "oidc"}
    # No token, code or state in the audit log.
    logged = json.dumps([e.detail for e in db.session.scalars(sa.select(AuditEntry))])
    assert "eyJ" not in logged and "code" not in logged.replace("second_factor", "")
    # The session is a server-side one: logging out ends it.
    assert client.post("/logout").status_code == 302
    assert client.get("/moderation/queue").status_code in (302, 401, 403)


def test_a_first_sign_in_asks_for_the_consent_of_registration(app, browser, client):
    page = browser.sign_in("kim", join=False)
    assert page.url.endswith("/login/oidc/join") and "Terms of use" in page.text and "16 or older" in page.text
    assert _user_of("kim") is None and client.get("/settings/data.json").status_code in (302, 401)
    refused = client.post("/login/oidc/join", data={"accept_terms": "y"})
    assert refused.status_code == 422 and "aged 16 or older" in refused.get_data(as_text=True)
    assert _user_of("kim") is None
    assert client.post("/login/oidc/join", data={"accept_terms": "y", "confirm_age": "y"}).status_code == 302
    from community.pages import terms_version

    user = _user_of("kim")
    assert user.terms_version == terms_version() and user.terms_accepted_at is not None
    assert client.get("/login/oidc/join").status_code == 400             # used up


def test_second_sign_in_reuses_the_account(browser, client):
    browser.sign_in("kim")
    first = _user_of("kim")
    count = _users()
    client.post("/logout")
    page = browser.sign_in("kim")
    assert page.status == 200
    assert _users() == count and _user_of("kim").id == first.id
    assert db.session.scalar(sa.select(sa.func.count(ExternalIdentity.id))) == 1
    assert db.session.scalar(sa.select(ExternalIdentity.last_login_at)) is not None
    assert len(_audit("auth.login")) == 2 and len(_audit("role.change")) == 1   # unchanged role: not audited again


def test_without_provider_mfa_staff_still_need_harbor_totp(browser, client):
    page = browser.sign_in("sam")                                      # amr: pwd only
    assert page.url.endswith("/settings/two-step"), page.url           # a moderator without TOTP must enrol
    user = _user_of("sam")
    assert user.role == Role.MODERATOR and user.username == "sam.ward3"
    assert client.get("/moderation/queue").status_code == 302
    enrol(user)
    client.post("/logout")
    page = browser.sign_in("sam")
    assert page.url.endswith("/login/code"), page.url                 # TOTP asked, not signed in yet
    assert client.get("/moderation/queue").status_code in (302, 401, 403)
    resp = client.post("/login/code", data={"code": otp_for(user)})
    assert resp.status_code == 302
    assert client.get("/moderation/queue").status_code == 200
    last = _audit("auth.login")[-1]
    assert last.detail["via"] == "oidc" and last.detail["second_factor"] == "totp"


def test_a_verified_email_of_a_local_account_links_only_with_its_password(browser, client):
    local = make_user(username="lee_local", email="lee@example.org", email_verified_at=utcnow())
    count = _users()
    page = browser.sign_in("lee")
    assert page.url.endswith("/login/oidc/link") and "lee_local" in page.text
    assert _user_of("lee") is None and client.get("/settings/data.json").status_code in (302, 401)
    wrong = client.post("/login/oidc/link", data={"password": "not the password at all"})
    assert wrong.status_code == 401 and "not the password" in wrong.get_data(as_text=True)
    assert _user_of("lee") is None
    ok = client.post("/login/oidc/link", data={"password": PASSWORD})
    assert ok.status_code == 302
    assert _users() == count and _user_of("lee").id == local.id
    assert db.session.get(User, local.id).role == Role.CLINICIAN
    assert client.get("/settings/data.json").get_json()["username"] == "lee_local"
    assert [e.target_id for e in _audit("auth.oidc_linked")] == [local.id]
    # Next time the identity signs in straight away.
    client.post("/logout")
    assert browser.sign_in("lee").status == 200 and client.get("/settings/data.json").status_code == 200


def test_an_unverified_email_never_links(browser, client):
    local = make_user(username="lee_local", email="lee@example.org", email_verified_at=utcnow())
    page = browser.sign_in("una")                                      # same address, email_verified false
    assert page.status == 200 and "/link" not in page.url
    made = _user_of("una")
    assert made is not None and made.id != local.id and made.email is None


def test_unmapped_admin_claims_grant_nothing(app, browser):
    page = browser.sign_in("eve")                                      # roles: ["admin", ...], none mapped
    assert page.status == 403 and "for hospital staff" in page.text
    assert _user_of("eve") is None
    assert _audit("auth.login_failed")[-1].detail["reason"] == "not_staff"
    app.config["OIDC_PATIENTS"] = True
    assert browser.sign_in("eve").status == 200
    assert _user_of("eve").role == Role.PATIENT


def test_patients_when_the_hospital_allows_it_get_a_neutral_name(app, browser):
    assert browser.sign_in("pat").status == 403
    app.config["OIDC_PATIENTS"] = True
    assert browser.sign_in("pat").status == 200
    user = _user_of("pat")
    assert user.role == Role.PATIENT and user.username.startswith("member-") and "pat" not in user.username
    assert user.email == "pat.jones@example.org"


def test_roles_follow_the_claims_on_each_sign_in(app, browser, client):
    browser.sign_in("kim")
    client.post("/logout")
    app.config["OIDC_ROLE_MAP"] = {**ROLE_MAP, "harbor-moderators": "quality"}
    browser.sign_in("kim")
    assert _user_of("kim").role == Role.QUALITY
    assert _audit("role.change")[-1].detail["to"] == "quality"
    client.post("/logout")
    app.config["OIDC_ROLE_MAP"] = {"harbor-admins": "admin"}           # taken out of every mapped group
    page = browser.sign_in("kim")
    assert page.status == 403
    assert _user_of("kim").role == Role.PATIENT and _audit("role.change")[-1].detail["to"] == "patient"


def test_a_wrong_or_spent_state_is_a_clear_message(browser, client):
    page = browser.sign_in("kim", stop=lambda url: "/login/oidc/callback" in url)
    good = page.url
    bad = browser.go(good.replace("state=", "state=x"))
    assert bad.status == 400 and "expired or was started in another browser" in bad.text
    assert client.get("/settings/data.json").status_code in (302, 401)
    assert _audit("auth.login_failed")[-1].detail["reason"] == "bad_state"
    assert browser.go(good).status == 200                              # the real one still works, once
    client.post("/logout")
    again = browser.go(good)
    assert again.status == 400 and "expired or was started in another browser" in again.text


def test_the_providers_error_is_a_clear_message(browser):
    page = browser.cancel()
    assert page.status == 400 and "cancelled or refused" in page.text
    assert _audit("auth.login_failed")[-1].detail["reason"] == "provider_error:access_denied"


def test_an_expired_code_is_a_clear_message(browser):
    page = browser.sign_in("slow", stop=lambda url: "/login/oidc/callback" in url)   # its codes live 1 s
    time.sleep(2.5)
    late = browser.go(page.url)
    assert late.status == 400 and "took too long or was already used" in late.text
    assert _user_of("slow") is None
    assert _audit("auth.login_failed")[-1].detail["reason"] == "invalid_grant"


def test_provider_down_is_a_clear_message(app, client, second_provider):
    configure(app, second_provider.issuer)
    browser = Browser(client, second_provider.issuer)
    page = browser.sign_in("kim", stop=lambda url: "/login/oidc/callback" in url)
    stop(second_provider)
    late = browser.go(page.url)                                        # the token endpoint is away
    assert late.status == 502 and "could not be reached" in late.text
    app.extensions.pop("harbor_oidc")                                  # as in a Harbor started since:
    start = client.get("/login/oidc")                                  # discovery is away too
    assert start.status_code == 502 and "could not be reached" in start.get_data(as_text=True)
    assert _audit("auth.login_failed")[-1].detail["reason"] == "provider_unreachable"


def test_an_id_token_not_signed_by_the_providers_key_is_refused(app, browser, oidc_provider):
    """Harbor checks the signature against the JWKS: with another key under the provider's key
    id in its cache, the provider's real ID token no longer verifies."""
    from joserfc.jwk import RSAKey

    client = browser.client
    assert client.get("/login/oidc").status_code == 302            # discovery loaded
    oauth = app.extensions["harbor_oidc"][1]
    real = oauth.fetch_jwk_set()
    kid = real["keys"][0]["kid"]
    oauth.server_metadata["jwks"] = {"keys": [RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"},
                                                                 private=False).as_dict()]}
    page = browser.sign_in("kim")
    assert page.status == 400 and "could not be verified" in page.text
    assert _user_of("kim") is None
    assert _audit("auth.login_failed")[-1].detail["reason"].startswith("id_token:")


def test_the_chat_lets_a_provider_mfa_moderator_in_and_not_one_without(app, browser, client):
    from community.extensions import socketio

    browser.sign_in("kim")
    sc = socketio.test_client(app, namespace="/chat", flask_test_client=client)
    assert sc.is_connected("/chat")
    sc.disconnect(namespace="/chat")
    client.post("/logout")
    browser.sign_in("sam")                                             # amr pwd, no Harbor TOTP: enrol first
    refused = socketio.test_client(app, namespace="/chat", flask_test_client=client)
    assert not refused.is_connected("/chat")


def test_the_providers_mfa_counts_for_that_sign_in_only(app, browser, client):
    browser.sign_in("kim")
    client.post("/logout")
    user = make_user(Role.MODERATOR, username="local_mod", totp_secret=None, totp_enabled_at=None)
    resp = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert resp.headers["Location"].endswith("/settings/two-step")      # a password sign-in after it: enrol
    assert client.get("/moderation/queue").status_code == 302
