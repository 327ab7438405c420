"""Forum pages: reading, posting, errors beside fields with text kept, permissions."""
from __future__ import annotations

from community.auth.models import Role
from community.extensions import db
from tests.factories import make_condition, make_reply, make_thread, make_user


def test_pages_render_for_visitors(client):
    t = make_thread(title="Spacer or no spacer")
    make_reply(t.thread, body="Spacer **always**")
    assert "Spacer or no spacer" in client.get(f"/c/{t.thread.condition.slug}").get_data(as_text=True)
    html = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert "<strong>always</strong>" in html and "Log in</a> to reply" in html


def test_join_start_reply_edit_delete(client, auth):
    cond = make_condition(slug="asthma", name="Asthma")
    member = make_user()
    auth.login(member)
    assert client.post("/c/asthma/join").status_code == 302
    assert "Leave community" in client.get("/c/asthma").get_data(as_text=True)
    resp = client.post("/c/asthma/new", data={"title": "Cold air and my chest", "body": "Anyone else?"})
    assert resp.status_code == 302
    thread_url = resp.headers["Location"]
    resp = client.post(thread_url + "/reply", data={"body": "Me too"})
    assert resp.status_code == 302
    html = client.get(thread_url).get_data(as_text=True)
    assert "Me too" in html and "Edit</a>" in html
    from community.forums.models import Thread
    assert db.session.get(Thread, int(thread_url.rsplit("/", 1)[1])).condition_id == cond.id   # started in the joined condition


def test_new_thread_errors_keep_text(client, auth):
    make_condition(slug="asthma")
    auth.login(make_user())
    resp = client.post("/c/asthma/new", data={"title": "Hi", "body": "my long careful text"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert 'id="title-error"' in html and "my long careful text" in html


def test_reply_errors_keep_text(client, auth):
    t = make_thread()
    auth.login(make_user())
    resp = client.post(f"/t/{t.thread.id}/reply", data={"body": "x" * 20001})
    assert resp.status_code == 422 and 'id="body-error"' in resp.get_data(as_text=True)


def test_edit_page_only_for_author(client, auth):
    t = make_thread()
    auth.login(make_user())
    assert client.get(f"/posts/{t.post.id}/edit").status_code == 403


def test_admin_creates_condition_in_ui(client, auth):
    auth.login(make_user(Role.ADMIN))
    resp = client.post("/admin/conditions/new", data={"name": "Asthma", "slug": "asthma", "description": "d", "guidelines": "g"})
    assert resp.status_code == 302
    resp = client.post("/admin/conditions/new", data={"name": "Asthma", "slug": "asthma"})
    assert resp.status_code == 422 and "already exists" in resp.get_data(as_text=True)


def test_patient_cannot_create_condition(client, auth):
    auth.login(make_user())
    assert client.get("/admin/conditions/new").status_code == 403


def test_csrf_enforced_when_enabled(client, app, auth):
    app.config["WTF_CSRF_ENABLED"] = True
    make_condition(slug="asthma")
    auth.login(make_user())
    resp = client.post("/c/asthma/new", data={"title": "Cold air and chest", "body": "Hello"})
    assert resp.status_code in (400, 422)
