"""Pages: the header's count (no query of its own), the list, opening a notification, the
thread's follow form, reactions and bookmarks, "new since your last visit", settings, the
member's data download and account deletion."""
from __future__ import annotations

import sqlalchemy as sa

from community.extensions import db
from community.forums import services as forums
from community.notifications import digest
from community.notifications.models import Bookmark, Notification, ThreadSubscription
from community.reactions.models import Reaction
from tests.factories import PASSWORD, make_reply, make_thread, make_user, statements


def _selects(seen):
    return [s for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))]


def test_the_unread_count_in_the_header_adds_no_query(app, client, auth):
    author = make_user()
    t = make_thread(author=author).thread
    auth.login(author)
    path = f"/c/{t.condition.slug}"
    client.get(path)
    db.session.expire_all()   # as in production, each request loads its member afresh
    with statements() as before:
        html = client.get(path).get_data(as_text=True)
    assert 'id="notifications-count"' in html and " hidden>0<" in html
    make_reply(t, author=make_user())
    make_reply(make_thread(author=author, condition=t.condition).thread, author=make_user())
    db.session.expire_all()
    with statements() as after:
        html = client.get(path).get_data(as_text=True)
    assert 'aria-label="2 unread">2<' in html
    assert len(_selects(after)) == len(_selects(before))
    assert not any("FROM notifications" in s for s in _selects(after))


def test_list_open_and_mark_read(app, client, auth):
    author = make_user()
    t = make_thread(author=author, title="Morning readings").thread
    r = make_reply(t, author=make_user())
    auth.login(author)
    html = client.get("/notifications").get_data(as_text=True)
    assert "replied in &#39;Morning readings&#39;" in html and "New" in html
    (n,) = db.session.scalars(sa.select(Notification).where(Notification.user_id == author.id))
    resp = client.get(f"/notifications/{n.id}")
    assert resp.status_code == 302 and resp.headers["Location"] == f"/p/{r.post.id}"
    resp = client.get(f"/p/{r.post.id}")
    assert resp.headers["Location"].endswith(f"/t/{t.id}#post-{r.post.id}")
    db.session.refresh(author)
    assert author.unread_notifications == 0
    assert client.get("/notifications/99999").status_code == 404
    make_reply(t, author=make_user())
    assert client.post("/notifications/read").status_code == 302
    db.session.refresh(author)
    assert author.unread_notifications == 0


def test_permalink_finds_the_page_of_a_late_reply(app, client):
    app.config["PAGE_SIZE"] = 3
    t = make_thread().thread
    replies = [make_reply(t, author=make_user()).post for _ in range(5)]
    loc = client.get(f"/p/{replies[-1].id}").headers["Location"]
    assert "cursor=" in loc and loc.endswith(f"#post-{replies[-1].id}")
    page = client.get(loc.split("#")[0]).get_data(as_text=True)
    assert f'id="post-{replies[-1].id}"' in page


def test_thread_page_follow_react_save_and_new_marker(app, client, auth):
    author = make_user()
    t = make_thread(author=author)
    reader = make_user()
    auth.login(reader)
    html = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert "Follow this thread" in html and 'data-mention-url="/c/' in html
    assert client.post(f"/t/{t.thread.id}/subscription", data={"level": "watching"}).status_code == 302
    assert db.session.get(ThreadSubscription, (reader.id, t.thread.id)).level == "watching"
    client.post(f"/posts/{t.post.id}/react", data={"kind": "hug", "on": "1"})
    client.post(f"/posts/{t.post.id}/bookmark", data={"on": "1"})
    html = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert 'aria-pressed="true" data-kind="hug"' in html and "Saved (remove)" in html
    assert client.get(f"/reactions/post/{t.post.id}").get_json() == {"reactions": {"hug": [reader.name]}}
    assert t.thread.title in client.get("/saved").get_data(as_text=True)
    # Read up to the opening post, then a reply arrives: it is marked new, on the thread and the list.
    assert client.post(f"/t/{t.thread.id}/read", json={"post_id": t.post.id}).status_code == 200
    assert "New since your last visit" not in client.get(f"/c/{t.thread.condition.slug}").get_data(as_text=True)
    make_reply(t.thread, author=make_user())
    assert "New since your last visit" in client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert "New since your last visit" in client.get(f"/c/{t.thread.condition.slug}").get_data(as_text=True)


def test_member_names_for_autocomplete_are_the_communitys_members(app, client, auth):
    t = make_thread().thread
    friend = make_user(username="maple_leaf")
    forums.join_condition(actor=friend, condition=t.condition)
    make_user(username="maple_other")    # not a member
    me = make_user()
    auth.login(me)
    assert client.get(f"/c/{t.condition.slug}/members.json?q=@map").get_json() == {
        "items": [{"username": "maple_leaf", "name": "maple_leaf"}]}


def test_settings_store_the_email_preference(app, client, auth):
    user = make_user()
    assert digest.preference_of(user).mode == "daily" and not digest.preference_of(user).opted_in
    auth.login(user)
    assert "A daily digest" in client.get("/settings/notifications").get_data(as_text=True)
    client.post("/settings/notifications", data={"mode": "weekly", "opted_in": "1"})
    pref = digest.preference_of(user)
    assert pref.mode == "weekly" and pref.opted_in
    assert client.post("/settings/notifications", data={"mode": "hourly"}).status_code == 200
    assert digest.preference_of(user).mode == "weekly"


def test_condition_watch_from_the_condition_page(app, client, auth):
    cond = make_thread().thread.condition
    user = make_user()
    forums.join_condition(actor=user, condition=cond)
    auth.login(user)
    assert "Watch new threads" in client.get(f"/c/{cond.slug}").get_data(as_text=True)
    client.post(f"/c/{cond.slug}/watch", data={"on": "1"})
    assert "Stop watching new threads" in client.get(f"/c/{cond.slug}").get_data(as_text=True)


def test_data_download_and_account_deletion(app, client, auth):
    author = make_user()
    t = make_thread(author=author)
    make_reply(t.thread, author=make_user())
    other = make_thread()
    client.post("/login", data={"username": author.username, "password": PASSWORD})
    client.post(f"/posts/{other.post.id}/react", data={"kind": "heart", "on": "1"})
    client.post(f"/posts/{other.post.id}/bookmark", data={"on": "1"})
    data = client.get("/settings/data.json").get_json()
    assert [n["kind"] for n in data["notifications"]] == ["reply"]
    assert data["thread_subscriptions"][0]["level"] == "watching"
    assert data["bookmarks"][0]["post_id"] == other.post.id
    assert data["reactions"][0]["kind"] == "heart"
    uid = author.id
    client.post("/settings/delete", data={"password": PASSWORD, "confirm": "y", "delete_posts": ""})
    db.session.expire_all()
    for model in (Notification, ThreadSubscription, Bookmark, Reaction):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model).where(model.user_id == uid)) == 0, model
    db.session.refresh(other.post)
    assert not other.post.reactions
