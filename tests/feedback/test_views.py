"""The feedback pages: the patients' form, the consent setting, the dashboard, the theme
lexicon and the export tokens page."""
from __future__ import annotations

import datetime as dt
import re

import sqlalchemy as sa

from community.auth.models import Role
from community.extensions import db
from community.feedback import care, services
from community.feedback.models import Feedback
from tests.factories import make_condition, make_user

from .helpers import export, read_csv


def test_feedback_form_says_who_reads_it_and_saves(app, client, auth):
    make_condition("asthma", "Asthma")
    pharmacy = care.add_service(actor=None, path="City Hospital/Pharmacy")
    care.add_service(actor=None, path="City Hospital/Cardiology/Ward 3")
    auth.login(make_user())
    page = client.get("/feedback").get_data(as_text=True)
    assert "care quality team" in page and "de-identified" in page
    # The service is picked from the tree: a text box with the tree's paths as suggestions (searchable, no JS needed).
    for choice in ('list="service-paths"', '<option value="City Hospital/Pharmacy">', '<option value="City Hospital/Cardiology/Ward 3">',
                   "Asthma"):
        assert choice in page
    unknown = client.post("/feedback", data={"text": "Great pharmacist.", "service": "Spa"})
    assert unknown.status_code == 422 and 'id="service-error"' in unknown.get_data(as_text=True)
    resp = client.post("/feedback", data={"text": "Great pharmacist, explained everything.", "rating": "5",
                                          "service": "city hospital/pharmacy", "condition": "asthma", "visit_month": "2024-03"})
    assert resp.status_code == 302 and "/feedback/thanks" in resp.headers["Location"]
    record = db.session.scalars(sa.select(Feedback)).one()
    assert record.rating == 5 and record.service_id == pharmacy.id and record.visit_month == "2024-03" and record.tagger_version
    assert record.publish_consent is False


def test_feedback_form_errors_beside_fields_with_text_kept(app, client, auth):
    auth.login(make_user())
    resp = client.post("/feedback", data={"text": "My visit was fine", "visit_month": "March"})
    assert resp.status_code == 422
    page = resp.get_data(as_text=True)
    assert 'id="visit_month-error"' in page and "My visit was fine" in page
    empty = client.post("/feedback", data={"text": ""})
    assert empty.status_code == 422 and 'id="text-error"' in empty.get_data(as_text=True)


def test_crisis_language_in_feedback_shows_help_at_once(app, client, auth):
    auth.login(make_user())
    resp = client.post("/feedback", data={"text": "I can't go on, I want to end my life after how they treated me."},
                       follow_redirects=True)
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Thank you for your feedback" in page
    assert "116 123" in page


def test_consent_setting_is_off_by_default_and_plainly_worded(app, client, auth):
    user = make_user()
    assert user.feedback_consent is False
    auth.login(user)
    page = client.get("/settings/profile").get_data(as_text=True)
    assert "Allow my de-identified forum posts to be used to improve care" in page
    assert "never chat or private messages" in page and "later export" in page
    assert not re.search(r'name="feedback_consent"[^>]*checked', page)


def test_dashboard_charts_have_text_alternatives_and_no_inline_style(app, client, auth):
    cond = make_condition("asthma", "Asthma")
    auth.login(make_user(Role.QUALITY))
    for _ in range(5):
        services.give_feedback(actor=make_user(), text="The wait was far too long and nobody told me why.", condition=cond.slug)
    # One period only: numbers in a table, no chart of single bars.
    single = client.get("/quality").get_data(as_text=True)
    assert 'role="img"' not in single and 'id="cond-sparse"' in single
    for record in db.session.scalars(sa.select(Feedback)).all()[:2]:
        record.created_at = record.created_at - dt.timedelta(days=40)
    db.session.commit()
    page = client.get("/quality").get_data(as_text=True)
    assert 'id="summary-row"' in page and "New this week" in page
    assert 'role="img"' in page and "<title id=" in page and "<desc id=" in page and "<table" in page
    assert "style=" not in page
    assert "<strong>5</strong> records" in page
    expected = len(export(sentiment="negative", condition="asthma"))
    filtered = client.get("/quality?sentiment=negative&condition=asthma").get_data(as_text=True)
    assert f"<strong>{expected}</strong> records" in filtered
    bad = client.get("/quality?since=yesterday")
    assert bad.status_code == 422 and 'id="since-error"' in bad.get_data(as_text=True)


def test_dashboard_download_streams_the_filtered_csv(app, client, auth):
    a, b = make_condition("asthma"), make_condition("copd")
    for cond in (a, a, a, a, a, b, b, b, b, b):
        services.give_feedback(actor=make_user(), text="Fine.", condition=cond.slug)
    auth.login(make_user(Role.QUALITY))
    resp = client.get("/quality/export.csv?condition=copd")
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    rows = read_csv(resp.get_data(as_text=True))
    assert len(rows) == 5 and {r["condition"] for r in rows} == {"copd"}


def test_theme_lexicon_terms_are_used_for_new_feedback(app, client, auth):
    quality = make_user(Role.QUALITY)
    auth.login(quality)
    patient = make_user()
    before = services.give_feedback(actor=patient, text="The zorblax machine was broken again.")
    assert "facilities" not in services.theme_list(before)
    resp = client.post("/quality/themes", data={"theme": "facilities", "term": "Zorblax machine"})
    assert resp.status_code == 302
    after = services.give_feedback(actor=patient, text="The zorblax machine was broken again.")
    assert "facilities" in services.theme_list(after)
    assert after.tagger_version != before.tagger_version
    page = client.get("/quality/themes").get_data(as_text=True)
    assert "zorblax machine" in page
    dup = client.post("/quality/themes", data={"theme": "facilities", "term": "zorblax machine"})
    assert dup.status_code == 422 and "already" in dup.get_data(as_text=True)


def test_tokens_page_shows_a_token_once_and_revokes_it(app, client, auth):
    quality = make_user(Role.QUALITY)
    auth.login(quality)
    resp = client.post("/settings/tokens", data={"name": "monthly pull"})
    page = resp.get_data(as_text=True)
    token = re.search(r'value="(hb_[^"]+)"', page).group(1)
    assert resp.headers["Cache-Control"] == "no-store"
    assert token not in client.get("/settings/tokens").get_data(as_text=True)
    assert client.get("/api/v1/feedback/export", headers={"Authorization": "Bearer " + token}).status_code == 200
    token_id = services.list_export_tokens(actor=quality)[0].id
    assert client.post(f"/settings/tokens/{token_id}/revoke").status_code == 302
    assert client.get("/api/v1/feedback/export", headers={"Authorization": "Bearer " + token}).status_code == 401
    assert client.post("/settings/tokens", data={"name": ""}).status_code == 422
