"""Address verification, the member's one email preference, one-click unsubscribe (RFC 8058)
and what the data download says about email."""
from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa
from flask import Flask

from community.auth import services as accounts
from community.auth.models import User
from community.extensions import db
from community.mail import preferences
from community.mail import services as mail
from community.mail.delivery import drain
from community.mail.models import OutboxMail
from tests.factories import PASSWORD, make_user

from .smtp import SMTPServer


def _link(smtp: SMTPServer, n: int, pattern: str) -> str:
    drain()
    text = smtp.inbox.wait_for(n)[n - 1].message.get_body(("plain",)).get_content()
    m = re.search(r"https?://\S+" + pattern + r"\S+", text)
    assert m, text
    return m.group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _community_mail(user: User) -> OutboxMail | None:
    return mail.queue_email(to=user.email or "", subject="News", text="Something new.", kind="announcement",
                            user_id=user.id)


def test_registration_sends_a_confirmation_link(app: Flask, client, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    resp = client.post("/register", data={"username": "new_member", "email": "new@example.org",
                                          "password": PASSWORD, "confirm": PASSWORD, "accept_terms": "y", "confirm_age": "y"})
    assert resp.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.username == "new_member"))
    assert user.email_verified_at is None and mail.verified_email(user) is None and not mail.can_email(user)
    assert _community_mail(user) is None                       # nothing but account email to an unconfirmed address
    link = _link(smtp, 1, "/email/verify/")
    msg = smtp.inbox.messages[0].message
    assert msg["To"] == "new@example.org" and "List-Unsubscribe" not in msg
    page = client.get(_path(link))
    assert page.status_code == 200 and "confirmed" in page.get_data(as_text=True)
    db.session.refresh(user)
    assert user.email_verified_at is not None and mail.verified_email(user) == "new@example.org" and mail.can_email(user)
    assert client.get(_path(link)).status_code == 200           # following it again does no harm
    assert _community_mail(user) is not None


def test_the_sign_up_form_tells_the_truth(app: Flask, client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/register").get_data(as_text=True)
    assert "Only for password resets" not in page and "confirm" in page


def test_changing_the_address_needs_a_new_confirmation(app: Flask, client, auth, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    user = accounts.register(username="mover", password=PASSWORD, email="old@example.org")
    old_link = _link(smtp, 1, "/email/verify/")
    client.get(_path(old_link))
    db.session.refresh(user)
    assert user.email_verified_at is not None
    auth.login(user)
    resp = client.post("/settings/profile", data={"email": "fresh@example.org", "display_name": "", "bio": ""})
    assert resp.status_code == 302
    db.session.refresh(user)
    assert user.email == "fresh@example.org" and user.email_verified_at is None
    bad = client.get(_path(old_link))                          # a link to the old address proves nothing now
    assert bad.status_code == 400
    db.session.refresh(user)
    assert user.email_verified_at is None
    new_link = _link(smtp, 2, "/email/verify/")
    assert smtp.inbox.messages[1].rcpt_tos == ["fresh@example.org"]
    assert client.get(_path(new_link)).status_code == 200
    # Saving the profile with the same address again sends nothing and keeps it confirmed.
    client.post("/settings/profile", data={"email": "fresh@example.org", "display_name": "", "bio": ""})
    db.session.refresh(user)
    assert user.email_verified_at is not None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 2


def test_resend_and_bad_links(app: Flask, client, auth, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    user = accounts.register(username="again", password=PASSWORD, email="again@example.org")
    auth.login(user)
    page = client.get("/settings/email").get_data(as_text=True)
    assert "not confirmed yet" in page
    client.post("/settings/email", data={"action": "resend"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail).where(OutboxMail.kind == "verify_email")) == 2
    resp = client.get("/email/verify/not-a-real-token")
    assert resp.status_code == 400 and "not valid" in resp.get_data(as_text=True)


def test_cli_email_counts_as_verified(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["users", "create", "clinic_admin", "--role", "admin", "--password", PASSWORD,
                                 "--email", "admin@example-hospital.org"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.username == "clinic_admin"))
    assert mail.verified_email(user) == "admin@example-hospital.org"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 0


def _verified(**kw: object) -> User:
    user = make_user(email=kw.pop("email", "reader@example.org"), **kw)  # type: ignore[arg-type]
    mail.mark_verified(user)
    db.session.commit()
    return user


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_one_click_unsubscribe(app: Flask, client, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    app.config["BASE_URL"] = "https://community.example-hospital.org"
    app.config["MAIL_UNSUBSCRIBE_MAILTO"] = "unsubscribe@example-hospital.org"
    user = _verified()
    assert _community_mail(user) is not None
    db.session.commit()
    drain()
    msg = smtp.inbox.wait_for(1)[0].message
    header = str(msg["List-Unsubscribe"]).strip()
    m = re.match(r"<(https://community\.example-hospital\.org/email/unsubscribe/[^>]+)>, <mailto:unsubscribe@example-hospital\.org\?subject=[^>]+>$", header)
    assert m, header
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = m.group(1)

    anonymous = app.test_client()
    confirm = anonymous.get(_path(url))                          # a link preview or scanner: nothing changes
    assert confirm.status_code == 200 and "Unsubscribe" in confirm.get_data(as_text=True)
    assert not preferences.preference_of(user).off
    # What a mail client sends (RFC 8058): no cookie, no CSRF token.
    done = anonymous.post(_path(url), data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert done.status_code == 200 and "no more" in done.get_data(as_text=True)
    db.session.expire_all()
    assert preferences.preference_of(user).mode == "off"         # the one preference: every kind of community email stops
    assert not mail.can_email(user)
    assert _community_mail(user) is None                         # the one entry point honours it
    assert mail.queue_email(to=user.email, subject="Reset", text="x", kind="password_reset",
                            unsubscribe=False) is not None       # account email still goes
    assert anonymous.post(_path(url)).status_code == 200         # idempotent
    tampered = _path(url)[:-3] + "abc"
    assert anonymous.post(tampered).status_code == 404 and anonymous.get(tampered).status_code == 404


def test_templated_community_email_links_unsubscribe_in_its_body(app: Flask, smtp: SMTPServer) -> None:
    user = _verified(email="body@example.org")
    app.config["MAIL_UNSUBSCRIBE_MAILTO"] = None
    # send_template with a template every deployment has: the password-changed notice, as community mail.
    row = mail.send_template(template="password_changed", to="body@example.org", subject="A test", kind="announcement",
                             user_id=user.id, user=user, forgot_url="https://x.example/f")
    assert row is not None
    db.session.commit()
    drain()
    msg = smtp.inbox.wait_for(1)[0].message
    url = str(msg["List-Unsubscribe"]).strip().strip("<>")
    assert url in msg.get_body(("plain",)).get_content() and url in msg.get_body(("html",)).get_content()


def test_settings_page_offers_one_set_of_choices(app: Flask, client, auth) -> None:  # type: ignore[no-untyped-def]
    user = _verified(email="prefs@example.org")
    auth.login(user)
    page = client.get("/settings/email").get_data(as_text=True)
    assert "confirmed" in page
    for label in ("No email from the community", "Right away, when I&#39;m not on Harbor", "A daily digest", "A weekly digest"):
        assert label in page
    assert 'value="daily" checked' in page and "You have not chosen yet" in page
    assert not preferences.preference_of(user).opted_in             # the default: daily, opt-in
    assert client.post("/settings/email", data={"mode": "weekly"}).status_code == 302
    db.session.expire_all()
    pref = preferences.preference_of(user)
    assert pref.mode == "weekly" and pref.opted_in and mail.can_email(user)
    assert "You have not chosen yet" not in client.get("/settings/email").get_data(as_text=True)
    bad = client.post("/settings/email", data={"mode": "hourly"})      # not a choice: a message, nothing changed
    assert bad.status_code == 422 and "Choose one of the email options." in bad.get_data(as_text=True)
    db.session.expire_all()
    assert preferences.preference_of(user).mode == "weekly"
    client.post("/settings/email", data={"mode": "off"})
    db.session.expire_all()
    assert preferences.preference_of(user).off and not mail.can_email(user)
    # The notifications page shows the same one choice (and links here), no second set.
    other = client.get("/settings/notifications").get_data(as_text=True)
    assert "No email from the community" in other and 'name="mode"' not in other


def test_community_email_needs_the_members_own_verified_address(app: Flask) -> None:
    user = _verified(email="own@example.org")
    assert mail.queue_email(to="someone-else@example.org", subject="x", text="x", kind="announcement",
                            user_id=user.id) is None
    with pytest.raises(ValueError):
        mail.queue_email(to="own@example.org", subject="x", text="x", kind="announcement")   # no member: no unsubscribe link
    user.banned_at = user.created_at
    db.session.commit()
    assert not mail.can_email(user)


def test_data_download_has_email_choices_and_no_secrets(app: Flask, client, auth, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    user = _verified(email="me@example.org")
    preferences.set_mode(user_id=user.id, mode="off")
    db.session.commit()
    client.post("/api/v1/tokens", json={"username": user.username, "password": PASSWORD})
    client.post("/api/v1/password-reset", json={"login": user.username})
    auth.login(user)
    raw = client.get("/settings/data.json").get_data(as_text=True)
    data = json.loads(raw)
    assert data["email"] == "me@example.org" and data["email_verified_at"]
    assert data["email_preference"] == {"mode": "off", "opted_in": True}
    stored = db.session.get(User, user.id)
    for secret in (stored.password_hash, "token_hash", "argon2", "/password/reset/", "hb_"):
        assert secret not in raw


def test_account_deletion_drops_its_unsent_email(app: Flask) -> None:
    user = _verified(email="gone@example.org")
    _community_mail(user)
    db.session.commit()
    accounts.delete_account(actor=user, password=PASSWORD, delete_posts=False)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 0


def test_mail_send_command(app: Flask, runner, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    user = _verified(email="cron@example.org")
    _community_mail(user)
    db.session.commit()
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 0 and "sent 1" in result.output
    assert smtp.inbox.wait_for(1)[0].rcpt_tos == ["cron@example.org"]
    assert "sent 1" in runner.invoke(args=["mail", "status"]).output
    smtp.stop()
    _community_mail(user)
    db.session.commit()
    down = runner.invoke(args=["mail", "send"])
    assert down.exit_code == 1 and "could not be reached" in down.output
