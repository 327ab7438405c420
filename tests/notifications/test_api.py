"""The contract's routes: membership, notifications, subscriptions, reactions."""
from __future__ import annotations

from community.extensions import db
from community.forums import services as forums
from community.forums.models import ConditionMember
from tests.factories import make_condition, make_reply, make_thread, make_user, token_for


def test_membership_put_and_delete_are_idempotent(app, client):
    cond = make_condition(slug="lupus")
    user = make_user()
    h = token_for(client, user)
    for _ in range(2):
        assert client.put("/api/v1/conditions/lupus/membership", headers=h).status_code == 204
    assert db.session.get(ConditionMember, (user.id, cond.id)) is not None
    for _ in range(2):
        assert client.delete("/api/v1/conditions/lupus/membership", headers=h).status_code == 204
    db.session.expire_all()
    assert db.session.get(ConditionMember, (user.id, cond.id)) is None
    assert client.put("/api/v1/conditions/nope/membership", headers=h).status_code == 404
    assert client.put("/api/v1/conditions/lupus/membership").status_code == 401


def test_joining_over_the_api_opens_the_chat_room(app, client, socket_client):
    cond = make_condition(slug="gout")
    user = make_user()
    sc = socket_client(user)
    assert sc.emit("join", {"room": "condition:gout"}, namespace="/chat", callback=True)["error"] == "not_member"
    assert client.put(f"/api/v1/conditions/{cond.slug}/membership", headers=token_for(client, user)).status_code == 204
    assert sc.emit("join", {"room": "condition:gout"}, namespace="/chat", callback=True)["ok"] is True


def test_notifications_list_read_and_paginate(app, client):
    author = make_user()
    h = token_for(client, author)
    threads = [make_thread(author=author, title=f"Thread number {i}").thread for i in range(3)]
    for t in threads:
        make_reply(t, author=make_user())
    body = client.get("/api/v1/notifications", headers=h).get_json()
    assert body["unread"] == 3 and body["next"] is None
    assert [i["kind"] for i in body["items"]] == ["reply"] * 3
    assert body["items"][0]["text"].endswith(f"'Thread number 2' in {threads[2].condition.name}")   # newest first
    assert set(body["items"][0]) == {"id", "kind", "text", "link", "created_at", "read"}
    first = body["items"][0]["id"]
    assert client.post("/api/v1/notifications/read", json={"ids": [first]}, headers=h).status_code == 204
    body = client.get("/api/v1/notifications", headers=h).get_json()
    assert body["unread"] == 2 and body["items"][0]["read"] is True
    assert client.post("/api/v1/notifications/read", json={"all": True}, headers=h).status_code == 204
    assert client.get("/api/v1/notifications", headers=h).get_json()["unread"] == 0
    for bad in ({"ids": "1"}, {"ids": ["x"]}, {}, {"ids": []}):
        resp = client.post("/api/v1/notifications/read", json=bad, headers=h)
        assert resp.status_code == 422 and resp.get_json()["error"]["code"] == "invalid", bad
    assert client.get("/api/v1/notifications?cursor=zzz", headers=h).status_code == 422


def test_notifications_cursor(app, client):
    from community.notifications import services

    user = make_user()
    for i in range(services.PAGE + 2):
        services.notify(user_id=user.id, kind="announcement", text=f"Announcement {i}")
    db.session.commit()
    h = token_for(client, user)
    first = client.get("/api/v1/notifications", headers=h).get_json()
    assert len(first["items"]) == services.PAGE and first["next"]
    second = client.get(f"/api/v1/notifications?cursor={first['next']}", headers=h).get_json()
    assert [i["text"] for i in second["items"]] == ["Announcement 1", "Announcement 0"] and second["next"] is None


def test_thread_subscription_levels(app, client):
    author = make_user()
    t = make_thread(author=author).thread
    h = token_for(client, author)
    resp = client.put(f"/api/v1/threads/{t.id}/subscription", json={"level": "muted"}, headers=h)
    assert resp.status_code == 200 and resp.get_json() == {"level": "muted"}
    make_reply(t, author=make_user())
    assert client.get("/api/v1/notifications", headers=h).get_json()["unread"] == 0
    assert client.put(f"/api/v1/threads/{t.id}/subscription", json={"level": "loud"}, headers=h).status_code == 422
    assert client.put(f"/api/v1/threads/{t.id}/subscription", json={}, headers=h).status_code == 400
    assert client.put("/api/v1/threads/99999/subscription", json={"level": "watching"}, headers=h).status_code == 404


def test_reactions_over_the_api(app, client):
    author = make_user()
    t = make_thread(author=author)
    reactor = make_user()
    h = token_for(client, reactor)
    pid = t.post.id
    for _ in range(2):   # idempotent
        resp = client.put(f"/api/v1/posts/{pid}/reactions/hug", headers=h)
        assert resp.status_code == 200 and resp.get_json() == {"reactions": {"hug": 1}}
    assert client.put(f"/api/v1/posts/{pid}/reactions/heart", headers=token_for(client, author)).get_json() == {
        "reactions": {"heart": 1, "hug": 1}}
    posts = client.get(f"/api/v1/threads/{t.thread.id}", headers=h).get_json()["posts"]
    assert posts[0]["reactions"] == {"heart": 1, "hug": 1}
    resp = client.put(f"/api/v1/posts/{pid}/reactions/angry", headers=h)
    assert resp.status_code == 422 and resp.get_json()["error"]["code"] == "unknown_kind"
    assert client.put("/api/v1/posts/99999/reactions/hug", headers=h).status_code == 404
    assert client.delete(f"/api/v1/posts/{pid}/reactions/hug", headers=h).get_json() == {"reactions": {"heart": 1}}
    assert client.delete(f"/api/v1/posts/{pid}/reactions/hug", headers=h).get_json() == {"reactions": {"heart": 1}}
    # The author heard of the hug (not of their own heart).
    body = client.get("/api/v1/notifications", headers=token_for(client, author)).get_json()
    assert [i["kind"] for i in body["items"]] == ["reaction"]


def test_reacting_to_held_or_invisible_posts(app, client):
    app.config["NEW_MEMBER_HOLD_POSTS"] = 2
    newcomer = make_user(trusted=False)
    held = make_thread(author=newcomer)
    assert str(held.status) == "pending"
    stranger = token_for(client, make_user())
    assert client.put(f"/api/v1/posts/{held.post.id}/reactions/hug", headers=stranger).status_code == 404
    own = client.put(f"/api/v1/posts/{held.post.id}/reactions/hug", headers=token_for(client, newcomer))
    assert own.status_code == 409 and own.get_json()["error"]["code"] == "held"
    app.config["NEW_MEMBER_HOLD_POSTS"] = 0
    gone = make_thread()
    forums.delete_post(actor=gone.post.author, post=gone.post)
    assert client.put(f"/api/v1/posts/{gone.post.id}/reactions/hug", headers=stranger).status_code == 404
