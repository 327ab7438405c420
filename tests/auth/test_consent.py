"""Before anyone signs up: the About, Privacy, Terms and guidelines pages (the hospital's own
Markdown in instance/pages/ overrides the shipped text), linked from every page's footer;
registration needs consent to them (the version is recorded on the account) and a
minimum-age confirmation (MIN_AGE)."""
from __future__ import annotations

from pathlib import Path

import pytest

from community.auth.models import User
from community.extensions import db
from tests.factories import PASSWORD

JOIN = {"username": "new_member", "password": PASSWORD, "confirm": PASSWORD}


def test_pages_are_shown_and_linked_in_the_footer(client):
    home = client.get("/").get_data(as_text=True)
    for path, heading in (("/about", "About Harbor"), ("/privacy", "Privacy notice"), ("/terms", "Terms of use"),
                          ("/guidelines", "Community guidelines")):
        assert f'href="{path}"' in home
        resp = client.get(path)
        assert resp.status_code == 200 and f"<h1>{heading}</h1>" in resp.get_data(as_text=True)
    assert "not medical advice" in client.get("/terms").get_data(as_text=True)


def test_the_hospitals_own_text_overrides_the_default(client, app):
    folder = Path(app.instance_path) / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    own = folder / "privacy.md"
    try:
        own.write_text("St Elsewhere's **own** privacy notice. <script>alert(1)</script>", encoding="utf-8")
        html = client.get("/privacy").get_data(as_text=True)
        assert "St Elsewhere's <strong>own</strong> privacy notice" in html and "<script>alert" not in html
        changed = client.get("/privacy").get_data(as_text=True)
        assert "Version sha256:" in changed
    finally:
        own.unlink()


def test_registration_needs_consent_and_age(client, app):
    resp = client.post("/register", data=JOIN)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "Please read and accept them to join." in html and "Harbor is for people aged 16 or older." in html
    assert 'value="new_member"' in html
    assert db.session.query(User).count() == 0
    assert client.post("/register", data={**JOIN, "accept_terms": "y"}).status_code == 422
    assert client.post("/register", data={**JOIN, "accept_terms": "y", "confirm_age": "y"}).status_code == 302
    user = db.session.query(User).one()
    from community.pages import terms_version

    assert user.terms_version == terms_version() and user.terms_version.startswith("sha256:")
    assert user.terms_accepted_at is not None


@pytest.mark.config(MIN_AGE=18, TERMS_VERSION="2026-12 v3")
def test_min_age_and_version_are_configurable(client):
    html = client.get("/register").get_data(as_text=True)
    assert "I am 18 or older" in html
    assert client.post("/register", data={**JOIN, "accept_terms": "y", "confirm_age": "y"}).status_code == 302
    assert db.session.query(User).one().terms_version == "2026-12 v3"
    assert "Version 2026-12 v3" in client.get("/terms").get_data(as_text=True)
