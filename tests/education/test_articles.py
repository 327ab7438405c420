"""Articles: who may write, review and read them; the review rule (never your own); the
approved version stays what members read; due for review; questions under an article."""
import datetime as dt

import pytest

from community.auth.models import Role
from community.db import utcnow
from community.education import articles
from community.education.models import ArticleStatus
from community.errors import Invalid, NotAllowed, NotFound
from community.extensions import db
from community.notifications.models import Notification
from tests.factories import make_clinician, make_condition, make_user, token_for

SOURCES = [{"title": "NHS: type 2 diabetes", "url": "https://www.nhs.uk/conditions/type-2-diabetes/", "publisher": "NHS"}]
BODY = "Metformin is usually the first medicine offered. Take it with food to reduce stomach upset."


def _article(author=None, condition=None):
    return articles.create_article(actor=author or make_clinician("Diabetes"), condition=condition or make_condition(),
                                   title="Starting metformin", body=BODY, sources=SOURCES)


@pytest.mark.parametrize("role, verified, allowed", [
    (Role.PATIENT, False, False), (Role.MODERATOR, False, False), (Role.QUALITY, False, False),
    (Role.CLINICIAN, False, False), (Role.CLINICIAN, True, True), (Role.ADMIN, False, True),
])
def test_who_may_write_an_article(app, role, verified, allowed):
    user = make_clinician("Diabetes") if verified else make_user(role)
    if allowed:
        assert _article(author=user).status == ArticleStatus.IN_REVIEW
    else:
        with pytest.raises(NotAllowed):
            _article(author=user)


def test_an_article_needs_a_source_and_no_flagged_one(app):
    from community.education import domains
    from community.education.models import DomainKind

    with pytest.raises(Invalid) as err:
        articles.create_article(actor=make_clinician(), condition=make_condition(), title="Starting metformin", body=BODY, sources=[])
    assert err.value.field == "sources"
    domains.set_domain(actor=None, domain="miracle-cure.org", kind=DomainKind.FLAGGED)
    with pytest.raises(Invalid) as err:
        articles.create_article(actor=make_clinician(), condition=make_condition(), title="Starting metformin", body=BODY,
                                sources=[{"title": "Cure", "url": "https://www.miracle-cure.org/x"}])
    assert "miracle-cure.org" in err.value.message


def test_a_held_article_is_never_visible_to_members_and_the_author_cannot_review_it(app):
    author = make_clinician("Diabetes")
    a = _article(author=author)
    patient = make_user()
    assert articles.list_articles(viewer=patient, condition=_cond(a)) == []
    with pytest.raises(NotFound):
        articles.get_article(viewer=patient, article_id=a.id)
    with pytest.raises(NotFound):
        articles.get_article(viewer=None, article_id=a.id)
    with pytest.raises(NotAllowed):
        articles.review_article(actor=author, article=a, action="approve")
    for other in (make_user(Role.MODERATOR), make_user(Role.ADMIN), make_user(Role.CLINICIAN), patient):
        with pytest.raises(NotAllowed):
            articles.review_article(actor=other, article=a, action="approve")


def _cond(a):
    from community.forums.models import Condition

    return db.session.get(Condition, a.condition_id)


def test_another_verified_clinician_approves_and_members_read_the_approved_version(app):
    author, reviewer, patient = make_clinician("Diabetes"), make_clinician("Endocrinology"), make_user()
    a = _article(author=author)
    assert db.session.query(Notification).filter_by(user_id=reviewer.id, kind="article_review").count() == 1
    articles.review_article(actor=reviewer, article=a, action="approve")
    assert a.status == ArticleStatus.PUBLISHED and a.reviewed_by_id == reviewer.id
    assert a.review_due - a.reviewed_at == dt.timedelta(days=365)
    assert db.session.query(Notification).filter_by(user_id=author.id, kind="article_review").count() == 1
    assert [x.id for x in articles.list_articles(viewer=patient, condition=_cond(a))] == [a.id]
    # An edit goes back to review while members keep reading the approved text.
    articles.edit_article(actor=author, article=a, title="Starting metformin safely", body=BODY + " Tell us NEW TEXT.", sources=SOURCES)
    shown = articles.article_json(articles.get_article(viewer=patient, article_id=a.id), viewer=patient)
    assert shown["title"] == "Starting metformin" and "NEW TEXT" not in shown["body_html"] and shown["status"] == "published"
    draft = articles.article_json(a, viewer=reviewer)
    assert draft["status"] == "in_review" and "NEW TEXT" in draft["body_html"]
    articles.review_article(actor=reviewer, article=a, action="approve")
    assert "NEW TEXT" in articles.article_json(a, viewer=patient)["body_html"]
    assert [r.event for r in articles.revisions(viewer=author, article=a)] == ["written", "approved", "edited", "approved"]
    with pytest.raises(NotAllowed):     # the history holds drafts: the reviewer read them only while reviewing
        articles.revisions(viewer=reviewer, article=a)


def test_changes_requested_need_a_note_and_tell_the_author(app):
    author, reviewer = make_clinician("Diabetes"), make_clinician("Endocrinology")
    a = _article(author=author)
    with pytest.raises(Invalid):
        articles.review_article(actor=reviewer, article=a, action="request_changes")
    articles.review_article(actor=reviewer, article=a, action="request_changes", note="Add the dose range.")
    assert a.status == ArticleStatus.CHANGES_REQUESTED and a.live_revision_id is None
    with pytest.raises(Invalid):   # nothing to review until the author edits
        articles.review_article(actor=reviewer, article=a, action="approve")


def test_an_article_past_review_is_marked_due_and_its_people_told_once(app):
    author, reviewer = make_clinician("Diabetes"), make_clinician("Endocrinology")
    a = _article(author=author)
    articles.review_article(actor=reviewer, article=a, action="approve")
    later = utcnow() + dt.timedelta(days=366)
    assert articles.notify_due(now=later) == 1 and articles.notify_due(now=later) == 0
    for uid in (author.id, reviewer.id):
        assert db.session.query(Notification).filter_by(user_id=uid, kind="article_due").count() == 1
    assert a.is_due(later)
    # A due article can be approved again, which moves its review date on.
    articles.review_article(actor=reviewer, article=a, action="approve", now=later)
    assert not a.is_due(later)


def test_members_ask_a_question_under_a_published_article(app):
    author, reviewer, patient = make_clinician("Diabetes"), make_clinician("Endocrinology"), make_user()
    a = _article(author=author)
    with pytest.raises(NotFound):
        articles.ask_question(actor=patient, article=a, title="Can I take it at night?", body="I work shifts.")
    articles.review_article(actor=reviewer, article=a, action="approve")
    result = articles.ask_question(actor=patient, article=a, title="Can I take it at night?", body="I work shifts.")
    assert result.thread.is_question and [t.id for t in articles.questions(viewer=patient, article=a)] == [result.thread.id]


def test_articles_over_the_api(app, client):
    cond = make_condition()
    author, reviewer, patient = make_clinician("Diabetes"), make_clinician("Endocrinology"), make_user()
    r = client.post(f"/api/v1/conditions/{cond.slug}/articles", headers=token_for(client, author),
                    json={"title": "Starting metformin", "body": BODY, "sources": SOURCES})
    assert r.status_code == 201 and r.json["status"] == "in_review"
    aid = r.json["id"]
    assert client.get(f"/api/v1/conditions/{cond.slug}/articles", headers=token_for(client, patient)).json["items"] == []
    assert client.post(f"/api/v1/articles/{aid}/review", headers=token_for(client, author), json={"action": "approve"}).status_code == 403
    assert client.post(f"/api/v1/conditions/{cond.slug}/articles", headers=token_for(client, patient),
                       json={"title": "Starting metformin", "body": BODY, "sources": SOURCES}).status_code == 403
    assert client.post(f"/api/v1/conditions/{cond.slug}/articles", headers=token_for(client, author),
                       json={"title": "Starting metformin", "body": BODY, "sources": []}).status_code == 422
    r = client.post(f"/api/v1/articles/{aid}/review", headers=token_for(client, reviewer), json={"action": "approve"})
    assert r.status_code == 200 and r.json["status"] == "published"
    items = client.get(f"/api/v1/conditions/{cond.slug}/articles", headers=token_for(client, patient)).json["items"]
    assert [(i["id"], i["status"], i["author"], i["reviewed_by"]) for i in items] == [(aid, "published", author.name, reviewer.name)]
    assert items[0]["review_due"] and items[0]["sources"][0]["url"] == SOURCES[0]["url"]


def test_the_learn_tab_shows_published_articles_and_the_review_form_only_to_reviewers(app, client, auth):
    author, reviewer = make_clinician("Diabetes"), make_clinician("Endocrinology")
    a = _article(author=author)
    cond = _cond(a)
    assert "Starting metformin" not in client.get(f"/c/{cond.slug}/learn").get_data(as_text=True)
    assert client.get(f"/articles/{a.id}").status_code == 404
    auth.login(reviewer)
    html = client.get(f"/articles/{a.id}").get_data(as_text=True)
    assert "Save review" in html
    r = client.post(f"/articles/{a.id}/review", data={"action": "approve", "note": ""})
    assert r.status_code == 302
    auth.logout()
    html = client.get(f"/c/{cond.slug}/learn").get_data(as_text=True)
    assert "Starting metformin" in html and f"Reviewed by {reviewer.name}" in html
    page = client.get(f"/articles/{a.id}").get_data(as_text=True)
    assert "nhs.uk/conditions/type-2-diabetes" in page and "Save review" not in page


def test_a_bad_article_form_keeps_the_text_and_says_why(app, client, auth):
    cond = make_condition()
    auth.login(make_clinician("Diabetes"))
    r = client.post(f"/c/{cond.slug}/learn/new", data={"title": "Starting metformin", "body": BODY, "sources": "no address here"})
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and "web address" in html and "Take it with food" in html
