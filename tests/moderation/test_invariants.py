"""Held, rejected or hidden content never reaches another member anywhere: thread pages,
lists, counts, last-activity times, search and the API."""
from __future__ import annotations

import pytest

from community.forums import search
from community.forums.models import Status
from community.forums.services import set_status
from tests.factories import make_reply, make_thread, make_user, token_for

SECRET = "zanzibarquokka"


@pytest.mark.parametrize("status", [Status.PENDING, Status.REJECTED, Status.HIDDEN])
def test_unpublished_reply_invisible_everywhere(client, auth, status):
    t = make_thread(title="Visible thread title")
    visible = make_reply(t.thread, body="a visible reply")
    author = make_user()
    held = make_reply(t.thread, author=author, body=f"{SECRET} held reply")
    last_before = visible.post.created_at
    set_status(held.post, status)
    from community.extensions import db

    db.session.commit()
    assert t.thread.reply_count == 1 and t.thread.last_activity_at == last_before
    viewer = make_user()
    auth.login(viewer)
    assert SECRET not in client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    cond_html = client.get(f"/c/{t.thread.condition.slug}").get_data(as_text=True)
    assert "1 reply" in cond_html
    assert search.search(SECRET).total == 0
    assert "0 results for" in client.get(f"/search?q={SECRET}").get_data(as_text=True)
    h = token_for(client, viewer)
    body = client.get(f"/api/v1/threads/{t.thread.id}", headers=h).get_data(as_text=True)
    assert SECRET not in body
    listing = client.get(f"/api/v1/conditions/{t.thread.condition.slug}/threads", headers=h).get_json()
    assert listing["items"][0]["reply_count"] == 1
    # Its author still sees it, marked as not public.
    client.post("/logout")
    auth.login(author)
    html = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert SECRET in html


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=1)
def test_pending_thread_not_listed_or_reachable(client, auth):
    author = make_user(trusted=False)
    t = make_thread(author=author, title=f"{SECRET} title")
    assert t.status == Status.PENDING
    viewer = make_user()
    h = token_for(client, viewer)
    assert client.get(f"/api/v1/threads/{t.thread.id}", headers=h).status_code == 404
    assert client.get(f"/api/v1/conditions/{t.thread.condition.slug}/threads", headers=h).get_json()["items"] == []
    auth.login(viewer)
    assert client.get(f"/t/{t.thread.id}").status_code == 404
    assert SECRET not in client.get(f"/c/{t.thread.condition.slug}").get_data(as_text=True)
    moderator = make_user("moderator")
    client.post("/logout")
    auth.login(moderator)
    assert client.get(f"/t/{t.thread.id}").status_code == 200
