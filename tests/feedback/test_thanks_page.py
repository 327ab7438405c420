"""The page after sending feedback says what really happens next (QA: it said the team could
not reply, though responders answer under "My feedback", and said nothing of publication)."""
from __future__ import annotations

from community.feedback import care
from tests.factories import make_user


def _send(client, **data):
    resp = client.post("/feedback", data={"text": "The pharmacist explained my inhaler well.", **data}, follow_redirects=True)
    assert resp.status_code == 200
    return resp.get_data(as_text=True)


def test_thanks_page_promises_only_what_happens(app, client, auth):
    auth.login(make_user())
    page = _send(client)
    assert "cannot reply" not in page
    assert "They may reply" in page and "notification" in page and 'href="/feedback/mine"' in page
    assert "It will not be published" in page and "public page" not in page


def test_thanks_page_with_consent_names_the_public_page(app, client, auth):
    care.add_service(actor=None, path="City Hospital/Pharmacy")
    auth.login(make_user())
    page = _send(client, service="City Hospital/Pharmacy", publish_consent="y")
    assert "people responsible for City Hospital/Pharmacy" in page
    assert "if the team replies" in page and "public page for City Hospital/Pharmacy" in page
    assert "withdraw" in page and "will not be published" not in page


def test_thanks_page_with_consent_but_no_service_says_it_is_not_published(app, client, auth):
    auth.login(make_user())
    page = _send(client, publish_consent="y")
    assert "names none, so it will not be published" in page


def test_thanks_page_shows_nothing_of_someone_elses_feedback(app, client, auth):
    care.add_service(actor=None, path="City Hospital/Pharmacy")
    auth.login(make_user())
    resp = client.post("/feedback", data={"text": "Ward 9 was cold.", "service": "City Hospital/Pharmacy", "publish_consent": "y"})
    location = resp.headers["Location"]
    auth.login(make_user())
    page = client.get(location).get_data(as_text=True)
    assert "City Hospital/Pharmacy" not in page and "It will not be published" in page
