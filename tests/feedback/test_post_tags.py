"""Quality staff correct a forum post's tags (sentiment and themes): the page, the audit
entry, the verdict kept beside the tagger's, the export and the dashboard reading the
correction, re-tagging keeping it, an edit of the post handing it back to the tagger, and
who may do it."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.auth.models import Role
from community.errors import Invalid, NotAllowed, NotFound
from community.extensions import db
from community.feedback import corrections, dashboard, post_review, services
from community.feedback.models import PostTag, ThemeCorrection
from community.feedback.rows import Filters
from community.forums import services as forums
from community.moderation.models import AuditEntry
from tests.factories import make_condition, make_thread, make_user

from .helpers import export

PACING = "Pacing: what finally clicked for you?"
BODY = "Splitting chores into ten-minute blocks and resting before I get tired."


def _post():
    author = make_user(feedback_consent=True)
    result = make_thread(author, make_condition(), title=PACING, body=BODY)
    return author, result.post


def test_a_correction_is_kept_audited_exported_and_counted(app):
    _author, post = _post()
    tag = db.session.get(PostTag, post.id)
    said_label, said_themes = tag.sentiment_label, tag.themes
    q = make_user(Role.QUALITY)
    corrections.correct_tags(actor=q, source="post", record_id=post.id, themes=["treatment_outcome"], sentiment="negative")
    db.session.refresh(tag)
    assert (tag.sentiment_label, tag.themes, tag.sentiment_corrected, tag.themes_corrected) == ("negative", "treatment_outcome", True, True)
    verdict = db.session.scalars(sa.select(ThemeCorrection)).one()
    assert (verdict.source, verdict.tagger_sentiment, verdict.sentiment, verdict.tagger_themes) == ("post", said_label, "negative", said_themes)
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "feedback.tags_corrected")).one()
    assert entry.actor_id == q.id and entry.detail["sentiment_from"] == said_label and entry.detail["sentiment_to"] == "negative"
    (row,) = export(source="post")
    assert (row["sentiment_label"], row["themes"]) == ("negative", "treatment_outcome")
    summary = dashboard.summarise(actor=q, filters=Filters(), context=services.export_context(Filters()))
    assert summary.labels["negative"] == 1 and "treatment_outcome" in summary.by_theme
    a = corrections.agreement(actor=q)
    assert a.sentiment_items == 1 and a.sentiment_agreed == int(said_label == "negative")
    # A second verdict still compares with what the tagger said, not with the first verdict.
    corrections.correct_tags(actor=q, source="post", record_id=post.id, themes=[], sentiment="neutral")
    latest = db.session.scalars(sa.select(ThemeCorrection).order_by(ThemeCorrection.id.desc())).first()
    assert (latest.tagger_sentiment, latest.tagger_themes) == (said_label, said_themes)


def test_retag_keeps_the_correction_and_an_edit_hands_the_post_back_to_the_tagger(app):
    author, post = _post()
    q = make_user(Role.QUALITY)
    corrections.correct_tags(actor=q, source="post", record_id=post.id, themes=["facilities"], sentiment="negative")
    services.retag()
    tag = db.session.get(PostTag, post.id)
    db.session.refresh(tag)
    assert (tag.sentiment_label, tag.themes) == ("negative", "facilities")
    forums.edit_post(actor=author, post=post, body="The receptionist was rude and the toilets were filthy.")
    db.session.refresh(tag)
    assert not tag.sentiment_corrected and not tag.themes_corrected
    assert tag.sentiment_label == "negative" and set(tag.themes.split(";")) == {"staff_attitude", "facilities"}


def test_only_quality_staff_and_only_posts_in_the_data(app):
    author, post = _post()
    for role in (Role.PATIENT, Role.CLINICIAN, Role.MODERATOR):
        with pytest.raises(NotAllowed):
            corrections.correct_tags(actor=make_user(role), source="post", record_id=post.id, themes=[], sentiment="neutral")
    q = make_user(Role.QUALITY)
    with pytest.raises(Invalid):
        corrections.correct_tags(actor=q, source="post", record_id=post.id, themes=[], sentiment="furious")
    with pytest.raises(Invalid):
        corrections.correct_tags(actor=q, source="post", record_id=post.id, themes=["nonsense"], sentiment="neutral")
    assert post_review.post_item(actor=q, post_id=post.id).text.startswith(PACING)
    author.feedback_consent = False          # withdrawn: the post leaves the data, and the page with it
    db.session.commit()
    with pytest.raises(NotFound):
        post_review.post_item(actor=q, post_id=post.id)
    assert post_review.recent_posts(actor=q, filters=Filters()) == []


def test_the_pages(app, client, auth):
    _author, post = _post()
    q = make_user(Role.QUALITY)
    auth.login(q)
    listing = client.get("/quality/posts").get_data(as_text=True)
    assert f'/quality/posts/{post.id}"' in listing and "Pacing" in listing
    page = client.get(f"/quality/posts/{post.id}")
    assert page.status_code == 200 and BODY in page.get_data(as_text=True)
    bad = client.post(f"/quality/posts/{post.id}/tags", data={"sentiment": "", "themes": ["communication"]})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "Choose the post&#39;s sentiment." in html and 'value="communication" id="theme-communication" checked' in html
    ok = client.post(f"/quality/posts/{post.id}/tags", data={"sentiment": "positive", "themes": ["treatment_outcome", "communication"]})
    assert ok.status_code == 302
    tag = db.session.get(PostTag, post.id)
    db.session.refresh(tag)
    assert (tag.sentiment_label, tag.themes) == ("positive", "communication;treatment_outcome")
    assert "(set by the quality team)" in client.get(f"/quality/posts/{post.id}").get_data(as_text=True)
    assert "positive (corrected)" in client.get("/quality/posts?sentiment=positive").get_data(as_text=True)
    assert "No posts for these filters." in client.get("/quality/posts?sentiment=negative").get_data(as_text=True)
    assert "Sentiment verdicts" in client.get("/quality/agreement").get_data(as_text=True)
    assert client.get("/quality/posts/999999").status_code == 404
    assert client.post("/quality/posts/999999/tags", data={"sentiment": "neutral"}).status_code == 404


def test_other_roles_get_403(app, client, auth):
    _author, post = _post()
    auth.login(make_user(Role.CLINICIAN))
    assert client.get("/quality/posts").status_code == 403
    assert client.get(f"/quality/posts/{post.id}").status_code == 403
    assert client.post(f"/quality/posts/{post.id}/tags", data={"sentiment": "neutral"}).status_code == 403
