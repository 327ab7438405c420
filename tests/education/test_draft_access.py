"""Who reads and edits an article's working copy (QA: every moderator and every verified
clinician could read any draft, also after a reviewer had sent it back to its author, and see
its revision history). Its author and admins may; peer reviewers read it while it waits for
their review (the contract's review step) but can't edit it; nobody else sees it at all."""
from __future__ import annotations

import pytest

from community.auth.models import Role
from community.education import articles
from community.errors import NotAllowed, NotFound
from tests.factories import make_clinician, make_condition, make_user, token_for

SOURCES = [{"title": "NHS: asthma", "url": "https://www.nhs.uk/conditions/asthma/", "publisher": "NHS"}]
DRAFT = "Draftword: a spacer helps the medicine reach your lungs."


@pytest.fixture()
def draft(app):
    author = make_clinician("Respiratory")
    cond = make_condition()
    a = articles.create_article(actor=author, condition=cond, title="Using a spacer", body=DRAFT, sources=SOURCES)
    return a, author, cond


def _outsiders():
    return {"patient": make_user(), "unverified clinician": make_user(Role.CLINICIAN),
            "moderator": make_user(Role.MODERATOR), "quality": make_user(Role.QUALITY)}


def _sees(client, auth, user, a, cond) -> dict[str, bool]:
    auth.login(user)
    page = client.get(f"/articles/{a.id}")
    learn = client.get(f"/c/{cond.slug}/learn").get_data(as_text=True)
    api = client.get(f"/api/v1/conditions/{cond.slug}/articles", headers=token_for(client, user)).json
    return {"page": page.status_code == 200 and "Draftword" in page.get_data(as_text=True),
            "learn": "Using a spacer" in learn, "api": bool(api["items"]),
            "edit": client.get(f"/articles/{a.id}/edit").status_code == 200,
            "history": client.get(f"/articles/{a.id}/revisions").status_code == 200}


def test_outsiders_never_see_a_draft(app, client, auth, draft):
    a, _, cond = draft
    for who, user in _outsiders().items():
        assert _sees(client, auth, user, a, cond) == dict.fromkeys(("page", "learn", "api", "edit", "history"), False), who
        with pytest.raises(NotFound):
            articles.get_article(viewer=user, article_id=a.id)
        with pytest.raises(NotAllowed):
            articles.revisions(viewer=user, article=a)
        assert articles.waiting_for_review(viewer=user) == []


def test_author_and_admin_read_and_edit(app, client, auth, draft):
    a, author, cond = draft
    for user in (author, make_user(Role.ADMIN)):
        assert set(_sees(client, auth, user, a, cond).values()) == {True}


def test_a_reviewer_reads_it_while_in_review_but_never_edits(app, client, auth, draft):
    a, author, cond = draft
    reviewer = make_clinician("Respiratory")
    seen = _sees(client, auth, reviewer, a, cond)
    assert seen["page"] and seen["learn"] and seen["history"] and not seen["edit"]
    assert client.post(f"/articles/{a.id}/edit", data={"title": "Mine now", "body": "x" * 50, "sources": "NHS | https://www.nhs.uk/"}).status_code == 403
    with pytest.raises(NotAllowed):
        articles.edit_article(actor=reviewer, article=a, title="Mine now", body=DRAFT, sources=SOURCES)
    articles.review_article(actor=reviewer, article=a, action="request_changes", note="Add how to clean it")
    # Sent back: the working copy is the author's again; clinicians (the reviewer too) no longer see it.
    for clinician in (reviewer, make_clinician("Respiratory")):
        assert set(_sees(client, auth, clinician, a, cond).values()) == {False}
    assert _sees(client, auth, author, a, cond)["edit"]


def test_an_edit_of_a_published_article_stays_private_to_author_admin_and_reviewers(app, client, auth, draft):
    a, author, cond = draft
    articles.review_article(actor=make_clinician("Respiratory"), article=a, action="approve")
    articles.edit_article(actor=author, article=a, title="Using a spacer", body="Unreviewed NEWTEXT here, for review.", sources=SOURCES)
    for who, user in _outsiders().items():
        auth.login(user)
        page = client.get(f"/articles/{a.id}").get_data(as_text=True)
        assert "Draftword" in page and "NEWTEXT" not in page, who     # the approved version
        assert client.get(f"/articles/{a.id}/revisions").status_code == 403, who
        assert client.get(f"/articles/{a.id}/edit").status_code == 403, who
    auth.login(make_user(Role.ADMIN))
    assert "NEWTEXT" in client.get(f"/articles/{a.id}").get_data(as_text=True)
