"""Password reset end to end through a real SMTP server: the contract's API routes and the
HTML pages, the same answer for unknown accounts, single use, one hour, every session and
API token ended afterwards, rate limits."""
from __future__ import annotations

import datetime as dt
import re
import time

import pytest
import sqlalchemy as sa
from flask import Flask

from community.auth.reset import PasswordReset
from community.db import utcnow
from community.extensions import db
from community.mail.delivery import drain
from community.mail.models import OutboxMail
from tests.factories import PASSWORD, make_user, token_for

from .smtp import SMTPServer

NEW_PASSWORD = "a brand new passphrase"


def _reset_link(smtp: SMTPServer, n: int = 1) -> str:
    drain()
    msg = smtp.inbox.wait_for(n)[n - 1].message
    text = msg.get_body(("plain",)).get_content()
    m = re.search(r"(https?://\S+/password/reset/(\S+))", text)
    assert m, text
    assert m.group(1) in msg.get_body(("html",)).get_content()
    return m.group(1)


def _token(link: str) -> str:
    return link.rsplit("/", 1)[1]


def test_api_reset_end_to_end(app: Flask, client, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    app.config["BASE_URL"] = "https://community.example-hospital.org"
    user = make_user(email="Pat@Example.org")
    api = token_for(client, user)
    other = client.application.test_client()
    assert other.post("/login", data={"username": user.username, "password": PASSWORD}).status_code == 302

    resp = client.post("/api/v1/password-reset", json={"login": "pat@example.org"})   # by email, any case
    assert resp.status_code == 202
    link = _reset_link(smtp)
    assert link.startswith("https://community.example-hospital.org/password/reset/")
    got = smtp.inbox.messages[0]
    assert got.rcpt_tos == ["Pat@Example.org"] and "List-Unsubscribe" not in got.message   # about the account itself
    assert user.username in got.message.get_body(("plain",)).get_content()
    # The token is stored only as a digest.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PasswordReset).where(PasswordReset.token_hash == _token(link))) == 0

    resp = client.post("/api/v1/password-reset/confirm", json={"token": _token(link), "password": NEW_PASSWORD})
    assert resp.status_code == 200
    assert client.get("/api/v1/conditions", headers=api).status_code == 401           # API token ended
    assert other.get("/settings/profile").status_code == 302                            # session ended
    from community.auth.models import UserSession

    assert db.session.scalar(sa.select(sa.func.count()).select_from(UserSession)
                             .where(UserSession.user_id == user.id)) == 0                # its server-side row too
    assert client.post("/api/v1/tokens", json={"username": user.username, "password": PASSWORD}).status_code == 401
    assert client.post("/api/v1/tokens", json={"username": user.username, "password": NEW_PASSWORD}).status_code == 201
    # The member is told by email that the password changed.
    drain()
    assert "password was changed" in smtp.inbox.wait_for(2)[1].message["Subject"]

    again = client.post("/api/v1/password-reset/confirm", json={"token": _token(link), "password": "yet another passphrase"})
    assert again.status_code == 422 and again.get_json()["error"]["code"] == "token_used"
    assert client.post("/api/v1/tokens", json={"username": user.username, "password": NEW_PASSWORD}).status_code == 201


def test_unknown_account_gets_the_same_answer(app: Flask, client, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    app.config["PASSWORD_RESET_MIN_SECONDS"] = 0.2
    user = make_user(email="known@example.org")
    no_email = make_user()
    warm = make_user(email="warm@example.org")
    client.post("/api/v1/password-reset", json={"login": warm.username})   # the first render compiles the templates
    answers, times = [], []
    for login in (user.username, "nobody-by-that-name", "nobody@example.org", no_email.username):
        started = time.monotonic()
        resp = client.post("/api/v1/password-reset", json={"login": login})
        times.append(time.monotonic() - started)
        answers.append((resp.status_code, resp.get_json()))
    assert all(a == answers[0] for a in answers) and answers[0][0] == 202
    assert min(times) >= 0.2 and max(times) - min(times) < 0.3
    drain()
    assert sorted(m.rcpt_tos[0] for m in smtp.inbox.wait_for(2)) == ["known@example.org", "warm@example.org"]


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 500, "../../etc"])
def test_malformed_token_changes_nothing(app: Flask, client, token: str) -> None:  # type: ignore[no-untyped-def]
    user = make_user(email="m@example.org")
    resp = client.post("/api/v1/password-reset/confirm", json={"token": token, "password": NEW_PASSWORD})
    assert resp.status_code == 422 and resp.get_json()["error"]["code"] == "token_invalid"
    assert "not valid" in resp.get_json()["error"]["message"]
    assert client.post("/api/v1/password-reset/confirm", json={"token": 5, "password": NEW_PASSWORD}).status_code == 422
    assert client.post("/api/v1/password-reset/confirm", json={"password": NEW_PASSWORD}).status_code == 400
    assert client.post("/api/v1/tokens", json={"username": user.username, "password": PASSWORD}).status_code == 201


def test_expired_token_is_refused(app: Flask, client, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    user = make_user(email="late@example.org")
    client.post("/api/v1/password-reset", json={"login": user.username})
    link = _reset_link(smtp)
    db.session.execute(sa.update(PasswordReset).values(expires_at=utcnow() - dt.timedelta(seconds=1)))
    db.session.commit()
    resp = client.post("/api/v1/password-reset/confirm", json={"token": _token(link), "password": NEW_PASSWORD})
    assert resp.status_code == 422 and resp.get_json()["error"]["code"] == "token_expired"
    assert "expired" in client.get("/password/reset/" + _token(link)).get_data(as_text=True)
    assert client.post("/api/v1/tokens", json={"username": user.username, "password": PASSWORD}).status_code == 201


def test_token_is_valid_for_one_hour(app: Flask, client, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    user = make_user(email="hour@example.org")
    client.post("/api/v1/password-reset", json={"login": user.username})
    row = db.session.scalar(sa.select(PasswordReset))
    assert dt.timedelta(minutes=59) < row.expires_at - row.created_at <= dt.timedelta(hours=1)


def test_weak_password_keeps_the_token(app: Flask, client, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    user = make_user(email="weak@example.org")
    client.post("/api/v1/password-reset", json={"login": user.username})
    token = _token(_reset_link(smtp))
    resp = client.post("/api/v1/password-reset/confirm", json={"token": token, "password": "short"})
    assert resp.status_code == 422 and resp.get_json()["error"]["field"] == "password"
    weak = client.post("/api/v1/password-reset/confirm", json={"token": token, "password": f"my {user.username} pass"})
    assert weak.status_code == 422
    assert client.post("/api/v1/password-reset/confirm", json={"token": token, "password": NEW_PASSWORD}).status_code == 200


def test_html_reset_flow(app: Flask, client, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    user = make_user(email="web@example.org")
    assert "Forgot your password?" in client.get("/login").get_data(as_text=True)
    assert client.get("/password/forgot").status_code == 200
    page = client.post("/password/forgot", data={"login": user.username})
    assert page.status_code == 200 and "Check your email" in page.get_data(as_text=True)
    path = "/password/reset/" + _token(_reset_link(smtp))
    assert client.get(path).status_code == 200
    mismatch = client.post(path, data={"password": NEW_PASSWORD, "confirm": "something else entirely"})
    assert mismatch.status_code == 422
    done = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302 and done.headers["Location"].endswith("/login")
    reused = client.get(path)
    assert reused.status_code == 410 and "already been used" in reused.get_data(as_text=True)
    assert client.post("/login", data={"username": user.username, "password": NEW_PASSWORD}).status_code == 302
    assert client.get("/password/reset/garbage").status_code == 404


def test_one_account_gets_at_most_three_emails_an_hour(app: Flask, client, smtp: SMTPServer) -> None:  # type: ignore[no-untyped-def]
    user = make_user(email="flood@example.org")
    for _ in range(5):
        assert client.post("/api/v1/password-reset", json={"login": user.username}).status_code == 202
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail).where(OutboxMail.kind == "password_reset")) == 3


@pytest.mark.config(RATELIMIT_ENABLED=True, PASSWORD_RESET_LIMIT="2 per hour")
def test_requests_are_rate_limited(app: Flask, client) -> None:  # type: ignore[no-untyped-def]
    codes = [client.post("/api/v1/password-reset", json={"login": f"someone{i}"}).status_code for i in range(3)]
    assert codes == [202, 202, 429]
    assert client.post("/password/forgot", data={"login": "x"}).status_code in {200, 429}
