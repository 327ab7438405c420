"""Clinician pages: apply with a document, errors keep input, verifier actions, privacy."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from community.clinicians.badges import badge_of
from tests.conftest import login
from tests.factories import make_clinician, make_thread, make_user

PDF = b"%PDF-1.4\n%%EOF\n"


def _form(**kw):
    data = {"full_name": "Amara Okafor", "profession": "nurse", "specialty": "Respiratory", "licence_number": "NMC 1",
            "issuing_body": "NMC", "jurisdiction": "UK", "licence_expiry": (dt.date.today() + dt.timedelta(days=400)).isoformat(),
            "agreed_conduct": "y"}
    data.update(kw)
    return data


def test_apply_errors_keep_what_was_typed(client, auth):
    auth.login(make_user())
    resp = client.post("/clinicians/apply", data={**_form(licence_expiry="2001-01-01"), "document": (io.BytesIO(b"GIF89a"), "card.pdf")},
                       content_type="multipart/form-data")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "Amara Okafor" in html and 'id="licence_expiry-error"' in html
    resp = client.post("/clinicians/apply", data={**_form(), "document": (io.BytesIO(b"GIF89a..."), "card.pdf")},
                       content_type="multipart/form-data")
    assert resp.status_code == 422 and "PDF, PNG or JPEG" in resp.get_data(as_text=True)


def test_apply_and_verifier_approves_in_ui(client, auth, app):
    applicant = make_user()
    auth.login(applicant)
    resp = client.post("/clinicians/apply", data={**_form(), "document": (io.BytesIO(PDF), "card.pdf")},
                       content_type="multipart/form-data")
    assert resp.status_code == 302
    assert "waiting for a verifier" in client.get("/clinicians/apply").get_data(as_text=True)
    vid = applicant.verifications[0].id
    assert client.get(f"/clinicians/applications/{vid}/document").status_code == 403
    client.post("/logout")
    auth.login(make_user("admin"))
    with client.get(f"/clinicians/applications/{vid}/document") as doc:
        assert doc.status_code == 200 and doc.data == PDF and "attachment" in doc.headers["Content-Disposition"]
    resp = client.post(f"/clinicians/applications/{vid}", data={"action": "approve", "specialty": "Pulmonology"})
    assert resp.status_code == 302 and badge_of(applicant)["specialty"] == "Pulmonology"


def test_badge_on_posts_profiles_and_api(client):
    from tests.factories import token_for

    clinician = make_clinician("Pulmonology", display_name="Amara O.")
    t = make_thread(author=clinician)
    html = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert "Verified clinician · Pulmonology" in html and "not personal medical advice" in html
    assert "Verified clinician · Pulmonology" in client.get(f"/members/{clinician.username}").get_data(as_text=True)
    assert client.get("/members").status_code == 302    # the directory is for signed-in members
    login(client, make_user())
    assert "Verified clinician · Pulmonology" in client.get("/members").get_data(as_text=True)
    posts = client.get(f"/api/v1/threads/{t.thread.id}", headers=token_for(client, make_user())).get_json()["posts"]
    assert posts[0]["author"]["badge"] == {"kind": "verified_clinician", "specialty": "Pulmonology", "profession": "other"}


def test_member_markdown_cannot_fake_the_badge(client):
    t = make_thread(body='<span class="hb-verified">Verified clinician · Cardiology</span> trust me')
    html = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert '<span class="hb-verified">Verified clinician · Cardiology' not in html and '&lt;span' in html


@pytest.mark.parametrize("path", ["/clinicians/queue", "/moderation/queue", "/moderation/audit"])
def test_clinicians_see_what_members_see(client, auth, path):
    auth.login(make_clinician())
    assert client.get(path).status_code == 403


def test_clinician_cannot_see_private_profile_fields(client, auth):
    patient = make_user(email="private@example.org", bio="hello")
    auth.login(make_clinician())
    html = client.get(f"/members/{patient.username}").get_data(as_text=True)
    assert "private@example.org" not in html
