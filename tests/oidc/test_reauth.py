""""Confirm with <OIDC_BUTTON_LABEL>" against the real provider (tests/oidc/conftest.py): an
account made by hospital sign-in, whose password nobody knows, deletes itself, changes or turns
off two-step sign-in and sets a password after a fresh sign-in at the provider; another
identity, an old sign-in, an expired or spent confirmation and a `next` off the site are refused."""
from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

import pyotp
import sqlalchemy as sa

from community.auth import mfa
from community.auth.models import ExternalIdentity, Role, User
from community.extensions import db
from community.moderation.models import AuditEntry
from tests.conftest import login
from tests.factories import PASSWORD, make_user

from .conftest import PASSWORD as PROVIDER_PASSWORD, Browser, configure

CONFIRMED = "Confirmed with St Elsewhere"


def _user_of(subject: str) -> User | None:
    db.session.expire_all()
    ext = db.session.scalar(sa.select(ExternalIdentity).where(ExternalIdentity.subject == subject))
    return db.session.get(User, ext.user_id) if ext else None


def _audit(action: str) -> list[AuditEntry]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def _patient(app, browser: Browser) -> User:
    """`pat` signs in with the hospital for the first time: a new account without a password."""
    app.config["OIDC_PATIENTS"] = True
    page = browser.sign_in("pat")
    assert page.status == 200, (page.url, page.text[:300])
    user = _user_of("pat")
    assert user is not None and user.password_set is False
    return user


def confirm(browser: Browser, login: str = "pat", next_url: str = "/settings/delete", *, stop=None):
    """Press "Confirm with St Elsewhere" on `next_url` and sign in again at the provider."""
    start = browser.go("/settings/confirm-identity", "POST", {"next": next_url},
                       stop=lambda url: url.startswith(browser.issuer + "/auth?"))
    query = parse_qs(urlsplit(start.url).query)
    assert query["prompt"] == ["login"] and query["max_age"] == ["0"], query
    page = browser.go(start.url)
    # prompt=login: the provider asks again although this browser is signed in there.
    assert page.url.startswith(browser.issuer + "/interaction/") and 'name="login"' in page.text, page.url
    return browser.go(page.url + "/login", "POST", {"login": login, "password": PROVIDER_PASSWORD}, stop=stop)


def test_forms_offer_the_provider_instead_of_a_password(app, browser, client):
    _patient(app, browser)
    for path in ("/settings/delete", "/settings/password"):
        text = client.get(path).get_data(as_text=True)
        assert "Confirm with St Elsewhere" in text and 'name="next" value="%s"' % path in text
        assert 'name="password" type="password"' not in text.split("<nav")[0] and "current-password" not in text
    assert "<h1>Set a password</h1>" in client.get("/settings/password").get_data(as_text=True)
    assert "Set a password" in client.get("/settings/profile").get_data(as_text=True)     # the settings menu
    refused = client.post("/settings/delete", data={})
    assert refused.status_code == 422 and "no Harbor password: confirm with St Elsewhere" in refused.get_data(as_text=True)


def test_confirm_then_delete_the_account(app, browser, client):
    user = _patient(app, browser)
    uid = user.id
    page = confirm(browser)
    assert page.url.endswith("/settings/delete") and page.status == 200 and CONFIRMED in page.text
    [entry] = _audit("auth.reauth")
    assert entry.target_id == uid and entry.detail["via"] == "oidc"
    done = client.post("/settings/delete", data={})
    assert done.status_code == 302
    assert db.session.get(User, uid) is None
    [deleted] = _audit("account.delete")
    assert deleted.target_id == uid and deleted.detail["confirmed"] == "provider" and deleted.actor_id is None


def test_confirm_then_change_and_turn_off_two_step_sign_in(app, browser, client):
    user = _patient(app, browser)
    mfa.enrol_directly(user=user)
    refused = client.post("/settings/two-step", data={"code": "123456"})
    assert refused.status_code == 422 and "no Harbor password" in refused.get_data(as_text=True)
    page = confirm(browser, next_url="/settings/two-step")
    assert page.url.endswith("/settings/two-step") and CONFIRMED in page.text
    secret = re.search(r'id="mfa-secret">([A-Z2-7]+)<', page.text).group(1)
    codes = client.post("/settings/two-step", data={"code": pyotp.TOTP(secret).now()})
    assert codes.status_code == 200 and "recovery" in codes.get_data(as_text=True).lower()
    assert _audit("mfa.reenrol")[-1].detail == {"confirmed": "provider"}
    db.session.expire_all()
    assert db.session.get(User, user.id).totp_secret == secret
    # The confirmation was spent: turning it off needs another.
    client.post("/settings/two-step/disable", data={})
    assert db.session.get(User, user.id).totp_secret == secret
    confirm(browser, next_url="/settings/two-step")
    assert client.post("/settings/two-step/disable", data={}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).totp_secret is None
    assert _audit("mfa.disable")[-1].detail == {"confirmed": "provider"}


def test_confirm_then_set_a_password_once(app, browser, client):
    user = _patient(app, browser)
    new = {"password": "velvet lantern orbit 77", "confirm": "velvet lantern orbit 77"}
    refused = client.post("/settings/password", data=new)
    assert refused.status_code == 422 and "no Harbor password" in refused.get_data(as_text=True)
    confirm(browser, next_url="/settings/password")
    assert client.post("/settings/password", data=new).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).password_set is True
    assert _audit("auth.password_set")[-1].detail == {"confirmed": "provider"}
    # Spent: a second change without the password is refused, and now asks for the password.
    again = client.post("/settings/password", data={"password": "another fine phrase 42", "confirm": "another fine phrase 42"})
    assert again.status_code == 422 and "Enter your password, or confirm with St Elsewhere" in again.get_data(as_text=True)
    text = client.get("/settings/password").get_data(as_text=True)
    assert "<h1>Change password</h1>" in text and "current-password" in text and "Confirm with St Elsewhere" in text
    client.post("/logout")
    assert login(client, db.session.get(User, user.id), "velvet lantern orbit 77").status_code == 302


def test_another_identity_is_refused(app, browser, client):
    user = _patient(app, browser)
    page = confirm(browser, login="kim")                   # a real account at the provider, not this member's
    assert page.url.endswith("/settings/delete") and "is not the St Elsewhere account linked to your Harbor account" in page.text
    assert CONFIRMED not in page.text
    assert client.post("/settings/delete", data={}).status_code == 422
    assert db.session.get(User, user.id) is not None
    assert _audit("auth.reauth_failed")[-1].detail == {"via": "oidc", "reason": "other_identity"}
    assert _audit("auth.reauth") == []


def test_an_old_sign_in_is_refused(app, browser, client):
    user = _patient(app, browser)
    app.config["OIDC_REAUTH_MAX_AGE_SECONDS"] = 1
    back = confirm(browser, stop=lambda url: "/login/oidc/callback" in url)
    time.sleep(2.2)                                        # the provider's auth_time is now 2 s old
    page = browser.go(back.url)
    assert page.url.endswith("/settings/delete") and "was not a fresh one" in page.text
    assert client.post("/settings/delete", data={}).status_code == 422
    assert db.session.get(User, user.id) is not None
    assert _audit("auth.reauth_failed")[-1].detail["reason"] == "stale_auth_time"


def test_the_confirmation_expires(app, browser, client):
    user = _patient(app, browser)
    app.config["OIDC_REAUTH_SECONDS"] = 1
    assert CONFIRMED in confirm(browser).text
    time.sleep(1.5)
    late = client.post("/settings/delete", data={})
    assert late.status_code == 422 and "confirmation with St Elsewhere has expired" in late.get_data(as_text=True)
    assert db.session.get(User, user.id) is not None


def test_the_cancelled_confirmation_is_a_message(app, browser, client):
    _patient(app, browser)
    start = browser.go("/settings/confirm-identity", "POST", {"next": "/settings/delete"})
    page = browser.go(start.url + "/cancel", "POST", {})
    assert page.status == 200 and page.url.endswith("/settings/delete") and "cancelled or refused" in page.text
    assert _audit("auth.reauth_failed")[-1].detail["reason"] == "provider_error:access_denied"


def test_next_must_be_a_path_of_this_site(app, browser, client):
    _patient(app, browser)
    for bad in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "", "/a\nb"):
        resp = client.post("/settings/confirm-identity", data={"next": bad})
        assert resp.status_code == 400 and "Location" not in resp.headers, bad
    assert client.post("/settings/confirm-identity", data={}).status_code == 400
    assert client.get("/settings/confirm-identity").status_code == 405


def test_the_form_needs_its_csrf_token(app, browser, client):
    _patient(app, browser)
    app.config["WTF_CSRF_ENABLED"] = True
    resp = client.post("/settings/confirm-identity", data={"next": "/settings/delete"})
    assert resp.status_code == 400 and "Location" not in resp.headers


def test_a_member_with_a_password_and_a_linked_identity_may_use_either(oidc_app, oidc_provider, client):
    member = make_user(Role.PATIENT)
    db.session.add(ExternalIdentity(issuer=oidc_provider.issuer, subject="pat", user_id=member.id))
    db.session.commit()
    login(client, member)
    text = client.get("/settings/delete").get_data(as_text=True)
    assert "current-password" in text and "Instead of your password" in text
    wrong = client.post("/settings/delete", data={"password": "not my password at all"})
    assert wrong.status_code == 422 and "That is not your password." in wrong.get_data(as_text=True)
    browser = Browser(client, oidc_provider.issuer)
    assert CONFIRMED in confirm(browser).text
    assert client.post("/settings/delete", data={}).status_code == 302
    assert db.session.get(User, member.id) is None


def test_an_unlinked_member_is_told_to_use_the_password(oidc_app, client):
    member = make_user(Role.PATIENT)
    login(client, member)
    assert "Confirm with" not in client.get("/settings/delete").get_data(as_text=True)
    page = client.post("/settings/confirm-identity", data={"next": "/settings/delete"}, follow_redirects=True)
    assert page.status_code == 200 and "is not linked to a St Elsewhere account" in page.get_data(as_text=True)


def test_without_oidc_a_member_without_a_password_is_sent_to_forgot_password(app, client):
    member = make_user(Role.PATIENT)
    login(client, member)
    member.password_set = False
    db.session.commit()
    text = client.get("/settings/delete").get_data(as_text=True)
    assert "Forgot your password?" in text and "Confirm with" not in text
    refused = client.post("/settings/delete", data={"password": PASSWORD})
    assert refused.status_code == 422 and "Forgot your password?" in refused.get_data(as_text=True)
    assert client.post("/settings/confirm-identity", data={"next": "/settings/delete"}).status_code == 404
    assert db.session.get(User, member.id) is not None


def test_a_reset_link_sets_the_password(app, browser, client):
    user = _patient(app, browser)
    from community.auth import reset

    reset.request_reset(login=user.username)
    from community.mail.models import OutboxMail

    mail = db.session.scalars(sa.select(OutboxMail).order_by(OutboxMail.id.desc())).first()
    token = re.search(r"/password/reset/([\w-]+)", mail.text).group(1)
    reset.confirm_reset(token=token, password="velvet lantern orbit 77")
    db.session.expire_all()
    assert db.session.get(User, user.id).password_set is True


def test_the_configured_routes_answer_without_a_500(app, oidc_provider, client):
    configure(app, oidc_provider.issuer)
    assert client.post("/settings/confirm-identity", data={"next": "/settings/delete"}).status_code == 302   # to log in
    assert client.get("/login/oidc/callback?state=nothing&code=x").status_code == 400
