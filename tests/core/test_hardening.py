"""Bad input never causes a 500 (huge ids, deep or broken JSON, lone surrogates, NUL bytes),
the security headers (CSP sockets, no-store, HSTS) and Harbor's own error pages."""
from __future__ import annotations

import pytest

from community import create_app
from community.extensions import db
from community.forums.models import Post, Thread
from tests.factories import make_condition, make_thread, make_user, token_for

HUGE = str(2**63)
PAST_INTEGER = str(2**31)   # ids are INTEGER columns: one past their range
HUGER = "9" * 40


@pytest.mark.parametrize("path", [
    f"/t/{HUGE}", f"/t/{HUGER}", f"/t/{PAST_INTEGER}", "/t/-1", f"/moderation/queue/{PAST_INTEGER}", f"/posts/{HUGE}/edit", f"/posts/{HUGE}/revisions", f"/report/post/{HUGE}",
    f"/report/message/{HUGER}", f"/chat/private/{HUGE}", f"/clinicians/applications/{HUGE}", f"/moderation/queue/{HUGE}",
    "/members/%00", "/c/%00", "/c/a%00b/new", "/chat/%00",
])
def test_out_of_range_ids_and_nul_segments_are_404(client, auth, path):
    auth.login(make_user("moderator"))
    assert client.get(path).status_code == 404


def test_out_of_range_query_numbers_and_cursors(client, auth):
    res = make_thread()
    auth.login(make_user())
    for path in (f"/search?q=pacing&page={HUGE}", f"/search?q=pacing&page={HUGER}", "/search?q=pacing&page=-4",
                 f"/members?page={HUGE}", f"/moderation/queue?condition={HUGE}"):
        assert client.get(path).status_code in {200, 403}, path
    import base64
    import json

    for raw in ([2**64, 1], [2**31, 1], ["2026-01-01T00:00:00", 2**70], [[[[[]]]]], "[" * 5000 + "]" * 5000):
        text = raw if isinstance(raw, str) else json.dumps(raw)
        cursor = base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
        for path in (f"/t/{res.thread.id}?cursor={cursor}", f"/c/{res.thread.condition.slug}?cursor={cursor}"):
            assert client.get(path).status_code == 422, path


def test_api_bad_ids_bodies_and_text(client):
    res = make_thread()
    headers = token_for(client, make_user())
    for big in (HUGE, PAST_INTEGER):
        assert client.get(f"/api/v1/threads/{big}", headers=headers).get_json()["error"]["code"] == "not_found"
    cursor_path = f"/api/v1/threads/{res.thread.id}?cursor=!!!"
    assert client.get(cursor_path, headers=headers).status_code == 422
    url = f"/api/v1/conditions/{res.thread.condition.slug}/threads"
    json_headers = {**headers, "Content-Type": "application/json"}
    for raw in ("[" * 10_000 + "]" * 10_000, '{"a":' * 5_000, "{not json", '{"title": "\\ud800 lone", "body": "hello there"}'):
        resp = client.post(url, data=raw, headers=json_headers)
        assert resp.status_code == 400, raw[:20]
        assert set(resp.get_json()["error"]) >= {"code", "message"}
    resp = client.post(url, json={"title": "Nul\x00in the title", "body": "hello there friends"}, headers=headers)
    assert resp.status_code == 422 and resp.get_json()["error"]["field"] == "title"
    resp = client.post(f"/api/v1/threads/{res.thread.id}/posts", json={"body": "a\x00b"}, headers=headers)
    assert resp.status_code == 422 and resp.get_json()["error"]["field"] == "body"
    for target in (2**31, 2**63, -(2**64), True):
        resp = client.post("/api/v1/reports", json={"target_type": "post", "target_id": target, "reason": "spam"}, headers=headers)
        assert resp.status_code == 422 and resp.get_json()["error"]["field"] == "target_id"
    assert db.session.query(Thread).count() == 1 and db.session.query(Post).count() == 1


def test_nul_bytes_in_forms_are_422_beside_the_field(client, auth):
    cond = make_condition(slug="asthma")
    user = make_user()
    from community.forums import services as forums

    forums.join_condition(actor=user, condition=cond)
    auth.login(user)
    resp = client.post("/c/asthma/new", data={"title": "Cold air\x00 and me", "body": "Anyone else find this hard?"})
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "NUL characters" in html and "Anyone else find this hard?" in html
    assert db.session.query(Thread).count() == 0
    assert client.get("/search?q=a%00b").status_code == 422


def test_every_form_is_a_harbor_form(app):
    """The NUL guard lives in community.forms.Form: a form that skips it is a bug."""
    from flask_wtf import FlaskForm

    from community.forms import Form

    def all_subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from all_subclasses(sub)

    mine = [c for c in all_subclasses(FlaskForm) if c.__module__.startswith("community.")]
    assert len(mine) > 10
    assert [c.__qualname__ for c in mine if not issubclass(c, Form) and c is not Form] == []


def test_csp_allows_only_this_sites_socket(client):
    csp = client.get("/", base_url="http://harbor.example:8080").headers["Content-Security-Policy"]
    assert "connect-src 'self' ws://harbor.example:8080;" in csp and " wss:" not in csp and "ws: " not in csp
    csp = client.get("/", base_url="https://harbor.example").headers["Content-Security-Policy"]
    assert "connect-src 'self' wss://harbor.example;" in csp
    csp = client.get("/", headers={"Host": "evil;script-src *"}).headers["Content-Security-Policy"]
    assert "connect-src 'self';" in csp and "evil" not in csp


def test_no_store_on_member_pages_and_settings(client, auth):
    res = make_thread()
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    static = client.get("/static/css/harbor.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")
    static.close()
    assert client.get("/api/v1/openapi.json").headers["Cache-Control"] == "no-store"
    assert client.get("/settings/profile").headers["Cache-Control"] == "no-store"   # the redirect to login too
    auth.login(make_user("moderator"))
    for path in ("/", f"/t/{res.thread.id}", "/settings/profile", "/moderation/queue", "/settings/data.json", "/search?q=x"):
        resp = client.get(path)
        assert resp.status_code == 200, path
        assert resp.headers["Cache-Control"] == "no-store", path
    assert "Strict-Transport-Security" not in client.get("/").headers


@pytest.mark.config(SESSION_COOKIE_SECURE=True)
def test_hsts_when_cookies_are_secure(client):
    assert client.get("/").headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize("method,path,status", [
    ("get", "/no-such-page", 404), ("post", "/", 405), ("get", "/admin/users", 302),
])
def test_harbor_error_pages(client, method, path, status):
    resp = getattr(client, method)(path)
    assert resp.status_code == status
    if status != 302:
        html = resp.get_data(as_text=True)
        assert 'class="error-status"' in html and "Back to Harbor" in html and "Werkzeug" not in html


def test_forbidden_page_and_json_errors(client, auth):
    auth.login(make_user())
    html = client.get("/moderation/queue").get_data(as_text=True)
    assert "Not allowed" in html and 'class="error-status"' in html
    resp = client.post("/api/v1/openapi.json")
    assert resp.status_code == 405 and resp.get_json()["error"]["code"] == "method_not_allowed"
    assert client.get("/api/v1/nothing").get_json()["error"]["code"] == "not_found"


def test_server_error_page(tmp_path):
    app = create_app({"HARBOR_ENV": "testing", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db", "PROPAGATE_EXCEPTIONS": False})

    @app.get("/boom")
    def boom():  # type: ignore[no-untyped-def]
        raise RuntimeError("the details of this never reach the visitor")

    @app.get("/api/v1/boom")
    def api_boom():  # type: ignore[no-untyped-def]
        raise RuntimeError("the details of this never reach the visitor")

    client = app.test_client()
    resp = client.get("/boom")
    assert resp.status_code == 500 and "Something went wrong on our side" in resp.get_data(as_text=True)
    assert "details" not in resp.get_data(as_text=True)
    resp = client.get("/api/v1/boom")
    assert resp.status_code == 500 and resp.get_json()["error"]["code"] == "server_error"


def test_a_value_the_database_refuses_is_422_not_500(tmp_path):
    """The safety net behind the guards: PostgreSQL's DataError (here: a number past INTEGER)
    becomes a 422 and the session is usable again. PostgreSQL only (SQLite has no such error)."""
    import os

    import sqlalchemy as sa

    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("needs TEST_DATABASE_URL")
    app = create_app({"HARBOR_ENV": "testing", "DATABASE_URL": url})

    @app.get("/api/v1/refused")
    def refused():  # type: ignore[no-untyped-def]
        db.session.execute(sa.text("SELECT CAST(:n AS integer)"), {"n": str(2**40)})
        return {"ok": True}

    @app.get("/refused")
    def refused_page():  # type: ignore[no-untyped-def]
        db.session.execute(sa.text("SELECT CAST(:n AS integer)"), {"n": str(2**40)})
        return "no"

    client = app.test_client()
    with app.app_context():
        resp = client.get("/api/v1/refused")
        assert resp.status_code == 422 and resp.get_json()["error"]["code"] == "invalid"
        assert client.get("/refused").status_code == 422
        assert db.session.execute(sa.text("SELECT 1")).scalar() == 1
        db.session.remove()
        db.engine.dispose()
