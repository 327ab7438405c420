"""Moderation pages: queue, item, decisions, watched words, sanctions, audit, reports."""
from __future__ import annotations

import pytest

from community.forums.models import Status
from community.moderation import queue
from tests.factories import make_thread, make_user


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=1)
def test_moderator_works_queue_in_browser(client, auth):
    author = make_user(trusted=False)
    t = make_thread(author=author, body="<b>raw</b> text **bold**")
    mod = make_user("moderator")
    auth.login(mod)
    html = client.get("/moderation/queue").get_data(as_text=True)
    assert "new_member" in html and "1</strong> waiting" in html
    item = queue.list_items(actor=mod)[0]
    page = client.get(f"/moderation/queue/{item.id}").get_data(as_text=True)
    assert "&lt;b&gt;raw&lt;/b&gt;" in page and "<strong>bold</strong>" in page
    resp = client.post(f"/moderation/queue/{item.id}/decide", data={"action": "reject", "reason": ""})
    assert resp.status_code == 422 and 'id="reason-error"' in resp.get_data(as_text=True)
    resp = client.post(f"/moderation/queue/{item.id}/decide", data={"action": "approve"})
    assert resp.status_code == 302 and t.post.status == Status.PUBLISHED


@pytest.mark.parametrize("path", ["/moderation/queue", "/moderation/watched", "/moderation/audit"])
@pytest.mark.parametrize("role", ["patient", "clinician", "quality"])
def test_members_cannot_open_moderation_pages(client, auth, path, role):
    auth.login(make_user(role))
    assert client.get(path).status_code == 403


def test_watched_words_page(client, auth):
    auth.login(make_user("moderator"))
    assert client.post("/moderation/watched", data={"word": "miracle cure", "action": "require_approval"}).status_code == 302
    assert "miracle cure" in client.get("/moderation/watched").get_data(as_text=True)
    resp = client.post("/moderation/watched", data={"word": "miracle cure", "action": "require_approval"})
    assert resp.status_code == 422 and "already watched" in resp.get_data(as_text=True)


def test_report_page_and_reporter_status(client, auth):
    t = make_thread()
    auth.login(make_user())
    resp = client.post(f"/report/post/{t.post.id}", data={"reason": "spam", "note": "ad"})
    assert resp.status_code == 302
    assert "Received, waiting for a moderator" in client.get("/notifications").get_data(as_text=True)
    assert client.get("/report/planet/1").status_code == 404


def test_sanction_page_and_audit_csv(client, auth):
    member = make_user()
    admin = make_user("admin")
    auth.login(admin)
    resp = client.post(f"/moderation/members/{member.username}", data={"kind": "warn", "reason": "=HYPERLINK(evil)"})
    assert resp.status_code == 302
    csv_text = client.get("/moderation/audit.csv").get_data(as_text=True)
    assert "sanction.warn" in csv_text and "'=HYPERLINK(evil)" in csv_text
    client.post("/logout")
    auth.login(make_user("moderator"))
    assert client.get("/moderation/audit").status_code == 200
    assert client.get("/moderation/audit.csv").status_code == 403


def test_moderator_note_shows_above_post(client, auth):
    t = make_thread(body="Cinnamon cures diabetes")
    auth.login(make_user("moderator"))
    client.post(f"/posts/{t.post.id}/note", data={"body": "There is no good evidence for this. See your care team.",
                                                  "sources": "Diabetes UK: myths | https://www.diabetes.org.uk/myths"})
    html = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert "Moderator note" in html and html.index("no good evidence") < html.index("Cinnamon cures")
    assert html.index('href="https://www.diabetes.org.uk/myths"') < html.index("Cinnamon cures")


def test_a_note_without_a_source_is_refused_and_says_why(client, auth):
    """Refused: the moderator's text is kept in the form, with the reason beside the field (it
    was lost in a redirect with a flash)."""
    t = make_thread(body="Cinnamon cures diabetes")
    auth.login(make_user("moderator"))
    resp = client.post(f"/posts/{t.post.id}/note", data={"body": "There is no good evidence for this."})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "There is no good evidence for this.</textarea>" in page
    assert 'id="sources-error"' in page and "at least one source" in page
    assert "no good evidence" not in client.get(f"/t/{t.thread.id}").get_data(as_text=True)


def test_a_note_with_a_bad_source_keeps_both_texts(client, auth):
    t = make_thread(body="Cinnamon cures diabetes")
    auth.login(make_user("moderator"))
    resp = client.post(f"/posts/{t.post.id}/note", data={"body": "No good evidence <b>here</b>.", "sources": "Myths | not a web address"})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 422 and 'id="sources-error"' in page
    assert "No good evidence &lt;b&gt;here&lt;/b&gt;.</textarea>" in page and "Myths | not a web address</textarea>" in page
    long = client.post(f"/posts/{t.post.id}/note", data={"body": "x" * 2001, "sources": "Myths | https://www.nhs.uk/"})
    assert long.status_code == 422 and 'id="body-error"' in long.get_data(as_text=True)


def test_members_cannot_add_notes(client, auth):
    t = make_thread()
    auth.login(make_user())
    assert client.post(f"/posts/{t.post.id}/note", data={"body": "I know better"}).status_code == 403
    assert "I know better" not in client.get(f"/t/{t.thread.id}").get_data(as_text=True)
