"""Registration shows every field's error in one submit (QA: one error per submit, so a member
fixed the username, submitted, learnt the password was weak, submitted, then the consent...)."""
from __future__ import annotations

from community.auth.models import User
from community.extensions import db
from tests.factories import PASSWORD, make_user


def test_username_taken_weak_password_and_missing_consent_at_once(app, client):
    taken = make_user(username="river_walker")
    resp = client.post("/register", data={"username": taken.username, "email": "not-an-address", "password": "password12",
                                          "confirm": "password12"})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 422
    for field in ("username", "password", "email", "accept_terms", "confirm_age"):
        assert f'id="{field}-error"' in page, field
    assert "taken" in page and "Please read and accept them to join." in page
    assert 'value="river_walker"' in page and 'value="not-an-address"' in page
    assert db.session.query(User).count() == 1


def test_one_error_per_field_and_none_for_good_answers(app, client):
    resp = client.post("/register", data={"username": "fresh_name", "password": "", "confirm": "", "accept_terms": "y"})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert 'id="password-error"' in page and 'id="confirm_age-error"' in page
    assert 'id="username-error"' not in page and 'id="accept_terms-error"' not in page
    assert page.count('id="password-error"') == 1
    ok = client.post("/register", data={"username": "fresh_name", "password": PASSWORD, "confirm": PASSWORD,
                                        "accept_terms": "y", "confirm_age": "y"})
    assert ok.status_code == 302
