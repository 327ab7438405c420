"""The contract's API for tokens, conditions, threads and posts, with its error shapes."""
from __future__ import annotations

import pytest

from community.auth.models import Role
from community.extensions import db
from tests.factories import PASSWORD, make_condition, make_reply, make_thread, make_user, token_for


def _err(resp, status, code=None):
    assert resp.status_code == status, resp.get_data(as_text=True)
    body = resp.get_json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"])
    if code:
        assert body["error"]["code"] == code


def test_token_flow(client):
    user = make_user()
    resp = client.post("/api/v1/tokens", json={"username": user.username, "password": PASSWORD})
    assert resp.status_code == 201 and resp.get_json()["token"]
    _err(client.post("/api/v1/tokens", json={"username": user.username, "password": "bad bad bad"}), 401)
    _err(client.post("/api/v1/tokens", json={"username": user.username}), 400)
    _err(client.post("/api/v1/tokens", data="not json", content_type="application/json"), 400)


def test_requires_token(client):
    _err(client.get("/api/v1/conditions"), 401)
    _err(client.get("/api/v1/conditions", headers={"Authorization": "Bearer nope"}), 401)


def test_conditions_threads_posts(client):
    user = make_user()
    h = token_for(client, user)
    cond = make_condition(slug="asthma", name="Asthma")
    body = client.get("/api/v1/conditions", headers=h).get_json()
    assert body["items"][0]["slug"] == "asthma" and {"slug", "name", "description"} <= set(body["items"][0])

    resp = client.post("/api/v1/conditions/asthma/threads", headers=h, json={"title": "Cold air and walks", "body": "Scarf helps?"})
    assert resp.status_code == 201
    created = resp.get_json()
    assert created["status"] == "published" and created["warnings"] == []
    listing = client.get("/api/v1/conditions/asthma/threads", headers=h).get_json()
    assert listing["items"][0]["id"] == created["id"] and listing["next"] is None

    resp = client.post(f"/api/v1/threads/{created['id']}/posts", headers=h, json={"body": "It does for me."})
    assert resp.status_code == 201 and resp.get_json()["status"] == "published"
    thread = client.get(f"/api/v1/threads/{created['id']}", headers=h).get_json()
    assert thread["title"] == "Cold air and walks"
    assert [p["body_html"] for p in thread["posts"]] == ["<p>Scarf helps?</p>\n", "<p>It does for me.</p>\n"]
    post = thread["posts"][0]
    assert post["author"] == {"name": user.name, "username": user.username, "badge": None}
    assert post["created_at"] and thread["next"] is None
    from community.forums.models import Thread
    assert db.session.get(Thread, created["id"]).condition_id == cond.id   # posted to the slug's condition


def test_errors(client, app):
    h = token_for(client, make_user())
    make_condition(slug="asthma")
    _err(client.get("/api/v1/conditions/nope/threads", headers=h), 404)
    _err(client.get("/api/v1/threads/999", headers=h), 404)
    _err(client.post("/api/v1/conditions/asthma/threads", headers=h, json={"title": "x"}), 400)
    _err(client.post("/api/v1/conditions/asthma/threads", headers=h, json={"title": 5, "body": "b"}), 422)
    _err(client.post("/api/v1/conditions/asthma/threads", headers=h, json={"title": "Hi", "body": "b"}), 422, "invalid")
    _err(client.post("/api/v1/conditions/asthma/threads", headers=h, json={"title": "Long enough", "body": "x" * 20001}), 422)
    _err(client.post("/api/v1/conditions/asthma/threads", headers=h, json={"title": "Long enough", "body": "x" * 70000}), 413)
    _err(client.get("/api/v1/conditions/asthma/threads?cursor=garbage", headers=h), 422)


def test_muted_member_gets_403(client, app):
    import datetime as dt

    from community.db import utcnow

    user = make_user(muted_until=utcnow() + dt.timedelta(days=1))
    h = token_for(client, user)
    make_condition(slug="asthma")
    _err(client.post("/api/v1/conditions/asthma/threads", headers=h, json={"title": "Long enough", "body": "b"}), 403)


def test_username_taken_is_409_in_cli_and_service(app):
    from community.auth import services
    from community.errors import Conflict

    make_user(username="taken_name")
    with pytest.raises(Conflict) as e:
        services.register(username="Taken_Name", password=PASSWORD)
    assert e.value.status == 409


def test_deleted_author_shows_as_former_member(client):
    from community.auth import services

    author = make_user()
    t = make_thread(author=author)
    services.delete_account(actor=author, password=PASSWORD, delete_posts=False)
    h = token_for(client, make_user())
    posts = client.get(f"/api/v1/threads/{t.thread.id}", headers=h).get_json()["posts"]
    assert posts[0]["author"] == {"name": "former member", "badge": None}


def test_thread_paging_over_api(client, app):
    app.config["PAGE_SIZE"] = 2
    h = token_for(client, make_user())
    t = make_thread().thread
    for i in range(3):
        make_reply(t, body=f"r{i}")
    first = client.get(f"/api/v1/threads/{t.id}", headers=h).get_json()
    second = client.get(f"/api/v1/threads/{t.id}?cursor={first['next']}", headers=h).get_json()
    assert len(first["posts"]) == 2 and len(second["posts"]) == 2 and second["next"] is None


def test_openapi_covers_every_api_route(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = rule.rule
        for conv in ("int:", "path:"):
            path = path.replace("<" + conv, "<")
        path = path.replace("<", "{").replace(">", "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if method.lower() not in doc["paths"].get(path, {}):
                missing.append(f"{method} {path}")
    assert not missing, f"routes missing from openapi.json: {missing}"


def test_openapi_documents_confirm_identifiers_where_it_is_read(client):
    """The thread and reply routes read `confirm_identifiers`; the document says so, and false
    is answered as it describes (422 needs_confirmation, nothing stored)."""
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/api/v1/conditions/{slug}/threads", "/api/v1/threads/{thread_id}/posts"):
        schema = paths[path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert schema["properties"]["confirm_identifiers"]["type"] == ["boolean", "null"], path
    h = token_for(client, make_user())
    t = make_thread().thread
    resp = client.post(f"/api/v1/threads/{t.id}/posts", headers=h,
                       json={"body": "Ring me on 07700 900123 tonight", "confirm_identifiers": False})
    assert resp.status_code == 422 and resp.get_json()["error"]["code"] == "needs_confirmation"
    # The author would see their own held post: nothing but the opening post is there.
    assert len(client.get(f"/api/v1/threads/{t.id}", headers=h).get_json()["posts"]) == 1


@pytest.mark.parametrize("role", list(Role))
def test_every_role_can_read(client, role):
    h = token_for(client, make_user(role))
    assert client.get("/api/v1/conditions", headers=h).status_code == 200
