"""Quality staff set a feedback item's sentiment (with its themes) on the item's page: the
stored label changes, the verdict is audited (who, from, to) and counted on the agreement
page, the export and the dashboard read it, re-tagging keeps it; patients, moderators and the
service's responders cannot; a bad value is a 422 with the error beside the field."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.auth.models import Role
from community.extensions import db
from community.feedback import care, corrections, dashboard, services
from community.feedback.models import Feedback, ThemeCorrection
from community.feedback.rows import Filters
from community.moderation.models import AuditEntry
from tests.factories import make_user

from .helpers import export

WARD = "City Hospital/Cardiology/Ward 3"
TEXT = "The nurses on the ward were kind and the food was fine."


def _item():
    care.add_service(actor=None, path=WARD)
    record = services.give_feedback(actor=make_user(), text=TEXT, service=WARD)
    assert record.sentiment_label == "positive"
    return record


def test_quality_staff_set_the_sentiment_on_the_item_page(app, client, auth):
    record = _item()
    said_themes = record.themes
    q = make_user(Role.QUALITY)
    auth.login(q)
    page = client.get(f"/quality/feedback/{record.id}").get_data(as_text=True)
    assert 'id="sentiment-positive" name="sentiment" value="positive"\n        checked' in page
    resp = client.post(f"/quality/feedback/{record.id}/tags", data={"sentiment": "negative", "themes": ["staff_attitude"]})
    assert resp.status_code == 302
    db.session.refresh(record)
    assert (record.sentiment_label, record.sentiment_corrected, record.themes) == ("negative", True, "staff_attitude")
    page = client.get(f"/quality/feedback/{record.id}").get_data(as_text=True)
    assert '<strong id="feedback-sentiment">negative</strong> (set by the quality team)' in page
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "feedback.tags_corrected")).one()
    assert entry.actor_id == q.id and entry.actor_name == q.username
    assert (entry.detail["source"], entry.detail["record_id"]) == ("feedback", record.id)
    assert (entry.detail["sentiment_from"], entry.detail["sentiment_to"]) == ("positive", "negative")
    verdict = db.session.scalars(sa.select(ThemeCorrection)).one()
    assert (verdict.tagger_sentiment, verdict.sentiment, verdict.tagger_themes) == ("positive", "negative", said_themes)
    a = corrections.agreement(actor=q)
    assert (a.sentiment_items, a.sentiment_agreed) == (1, 0)
    assert "Sentiment verdicts</dt><dd>1</dd>" in client.get("/quality/agreement").get_data(as_text=True)
    (row,) = export(source="feedback")
    assert row["sentiment_label"] == "negative"
    summary = dashboard.summarise(actor=q, filters=Filters(), context=services.export_context(Filters()))
    assert (summary.labels["negative"], summary.labels["positive"]) == (1, 0)
    services.retag()
    db.session.refresh(record)
    assert (record.sentiment_label, record.sentiment_corrected) == ("negative", True)


def test_confirming_the_tagger_counts_as_agreement(app, client, auth):
    record = _item()
    auth.login(make_user(Role.QUALITY))
    client.post(f"/quality/feedback/{record.id}/tags", data={"sentiment": "positive", "themes": record.themes.split(";")})
    a = corrections.agreement(actor=make_user(Role.ADMIN))
    assert (a.sentiment_items, a.sentiment_agreed, a.exact) == (1, 1, 1)


@pytest.mark.parametrize("value", ["furious", "", "POSITIVE", "positive'; drop table feedback;--"])
def test_a_bad_sentiment_is_a_clear_error_and_keeps_the_choices(app, client, auth, value):
    record = _item()
    auth.login(make_user(Role.QUALITY))
    resp = client.post(f"/quality/feedback/{record.id}/tags", data={"sentiment": value, "themes": ["facilities"]})
    assert resp.status_code == 422
    page = resp.get_data(as_text=True)
    assert 'id="sentiment-error"' in page and ("Not a valid choice" in page or "Choose the" in page)
    assert 'value="facilities" id="theme-facilities" checked' in page
    db.session.refresh(record)
    assert (record.sentiment_label, record.sentiment_corrected) == ("positive", False)
    assert db.session.scalars(sa.select(ThemeCorrection)).first() is None


def test_an_unknown_theme_with_a_sentiment_is_a_422(app, client, auth):
    record = _item()
    auth.login(make_user(Role.QUALITY))
    resp = client.post(f"/quality/feedback/{record.id}/tags", data={"sentiment": "neutral", "themes": ["nonsense"]})
    assert resp.status_code == 422 and "Unknown theme: nonsense." in resp.get_data(as_text=True)
    db.session.refresh(record)
    assert record.sentiment_label == "positive"


@pytest.mark.parametrize("role", [Role.PATIENT, Role.MODERATOR, Role.CLINICIAN])
def test_patients_moderators_and_responders_cannot_set_it(app, client, auth, role):
    record = _item()
    user = make_user(role)
    if role == Role.CLINICIAN:
        care.name_responder(actor=make_user(Role.ADMIN), service_id=care.find_service(WARD).id, username=user.username)
        auth.login(user)
        page = client.get(f"/quality/feedback/{record.id}").get_data(as_text=True)
        assert 'name="sentiment"' not in page          # the responder reads the item, without the form
    else:
        auth.login(user)
    for url in (f"/quality/feedback/{record.id}/tags", f"/quality/feedback/{record.id}/themes"):
        assert client.post(url, data={"sentiment": "negative", "themes": []}).status_code == 403
    db.session.refresh(record)
    assert (record.sentiment_label, record.sentiment_corrected, record.themes_corrected) == ("positive", False, False)
    assert db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action.like("feedback.%corrected"))).first() is None


def test_no_such_item_is_a_404(app, client, auth):
    auth.login(make_user(Role.QUALITY))
    assert client.post("/quality/feedback/999999/tags", data={"sentiment": "negative"}).status_code == 404
