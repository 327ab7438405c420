"""Application-wide behaviour: configuration, headers, CLI commands, queries per page."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from community import create_app
from community.extensions import db
from tests.factories import make_reply, make_thread, make_user, statements


def test_secret_key_required_outside_development(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"HARBOR_ENV": "production", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})


def test_environment_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv("NEW_MEMBER_HOLD_POSTS", "0")
    monkeypatch.setenv("RATELIMIT_ENABLED", "false")
    app = create_app({"HARBOR_ENV": "testing", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    assert app.config["NEW_MEMBER_HOLD_POSTS"] == 0 and app.config["RATELIMIT_ENABLED"] is False


def test_security_headers(client):
    resp = client.get("/")
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_script_or_foreign_assets(client):
    make_thread()
    for path in ("/", "/login", "/register", "/search?q=pace"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and "http://" not in html.replace("http://127.0.0.1", "")
        assert 'src="//' not in html and 'href="//' not in html


def test_session_cookie_flags(client):
    user = make_user()
    resp = client.post("/login", data={"username": user.username, "password": "correct horse battery"})
    cookie = resp.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_cli_contract_commands(runner, app):
    assert runner.invoke(args=["users", "create", "cli_admin", "--role", "admin", "--password", "long enough pw"]).exit_code == 0
    bad = runner.invoke(args=["users", "create", "cli_admin", "--role", "admin", "--password", "long enough pw"])
    assert bad.exit_code != 0 and "taken" in bad.output
    assert runner.invoke(args=["users", "create", "x", "--role", "wizard", "--password", "long enough pw"]).exit_code != 0
    assert runner.invoke(args=["conditions", "create", "asthma", "--name", "Asthma", "--description", "Breathe"]).exit_code == 0
    dup = runner.invoke(args=["conditions", "create", "asthma", "--name", "Asthma"])
    assert dup.exit_code != 0 and len(dup.output.strip().splitlines()) == 1
    assert runner.invoke(args=["users", "create", "clin_one", "--role", "clinician", "--password", "long enough pw"]).exit_code == 0
    res = runner.invoke(args=["clinicians", "verify", "clin_one", "--specialty", "Pulmonology", "--licence", "GMC123"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(args=["moderation", "watch", "miracle cure", "--action", "require_approval"])
    assert res.exit_code == 0, res.output
    assert runner.invoke(args=["moderation", "watch", "x", "--action", "explode"]).exit_code != 0


def test_demo_load(runner, app):
    res = runner.invoke(args=["demo", "load"])
    assert res.exit_code == 0, res.output
    assert "admin_harbor" in res.output and "quality_lee" in res.output and "demo-" in res.output
    from community.chat.models import Message

    assert db.session.query(Message).count() >= 10   # the demo has chat history too
    assert db.session.scalar(sa.text("SELECT count(*) FROM threads")) >= 8
    again = runner.invoke(args=["demo", "load"])
    assert again.exit_code != 0


def _queries(app, client, path):
    client.get("/login")   # per-process caches warm, as on a running server (the announcements list)
    with statements() as seen:
        assert client.get(path).status_code == 200
    return len(seen)


def test_thread_page_query_count_is_fixed(app, client):
    t = make_thread().thread
    make_reply(t)
    few = _queries(app, client, f"/t/{t.id}")
    for _ in range(15):
        make_reply(t, author=make_user())
    many = _queries(app, client, f"/t/{t.id}")
    assert many == few, (few, many)
    assert few <= 10


def test_thread_page_with_clinicians_keeps_a_fixed_query_count_and_their_badges(app, client):
    from tests.factories import make_clinician

    t = make_thread().thread
    make_reply(t, author=make_clinician(specialty="Cardiology"))
    few = _queries(app, client, f"/t/{t.id}")
    for i in range(6):
        make_reply(t, author=make_clinician(specialty=f"Specialty {i}"))
        make_reply(t, author=make_user())
    many = _queries(app, client, f"/t/{t.id}")
    assert many == few, (few, many)
    html = client.get(f"/t/{t.id}").get_data(as_text=True)
    assert "Verified clinician · Cardiology" in html and "Verified clinician · Specialty 5" in html


def test_condition_page_query_count_is_fixed(app, client):
    t = make_thread()
    cond = t.thread.condition
    few = _queries(app, client, f"/c/{cond.slug}")
    for i in range(12):
        make_thread(condition=cond, author=make_user(), title=f"Another thread {i}")
    assert _queries(app, client, f"/c/{cond.slug}") == few


def test_secure_cookie_over_https(client):
    user = make_user()
    resp = client.post("/login", data={"username": user.username, "password": "correct horse battery"},
                       base_url="https://localhost")
    assert "Secure" in resp.headers.get("Set-Cookie", "")


def test_api_posts_need_no_csrf_but_forms_do(app, client):
    from tests.factories import make_condition, token_for

    app.config["WTF_CSRF_ENABLED"] = True
    make_condition(slug="asthma")
    user = make_user()
    h = token_for(client, user)
    resp = client.post("/api/v1/conditions/asthma/threads", headers=h, json={"title": "Token posts work", "body": "yes"})
    assert resp.status_code == 201
    resp = client.post("/login", data={"username": user.username, "password": "correct horse battery"})
    assert resp.status_code != 302  # the login form without its CSRF token is refused


def test_instance_config_file_is_read(tmp_path, monkeypatch):
    from flask import Flask

    from community import config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    (tmp_path / "config.py").write_text("SECRET_KEY = 'from-instance'\nNEW_MEMBER_HOLD_POSTS = 5\n")
    app = Flask("probe", instance_path=str(tmp_path))
    config.load(app, None)
    assert app.config["SECRET_KEY"] == "from-instance" and app.config["NEW_MEMBER_HOLD_POSTS"] == 5


def test_single_read_skips_the_transaction_only_where_it_is_safe(app):
    """One-statement reads on PostgreSQL run in autocommit (no BEGIN/ROLLBACK round trips) on a
    connection of their own; inside a session transaction, and on SQLite, they use the
    session's connection so they see what the transaction wrote."""
    from community.extensions import single_read
    from community.forums.models import Condition

    db.session.rollback()
    with single_read() as conn:
        if db.engine.dialect.name == "postgresql":
            assert conn.connection.dbapi_connection.autocommit is True
            assert not db.session().in_transaction()
        else:
            assert conn is db.session.connection()
        assert conn.execute(sa.select(sa.literal(1))).scalar() == 1
    db.session.add(Condition(slug="unsaved", name="Unsaved", description="", guidelines=""))
    db.session.flush()
    with single_read() as conn:
        assert conn is db.session.connection()
        assert conn.execute(sa.select(Condition.name).where(Condition.slug == "unsaved")).scalar() == "Unsaved"
    db.session.rollback()


def test_instance_folder_comes_from_harbor_instance_path(tmp_path, monkeypatch):
    """The suite runs with an empty instance folder of its own (tests/conftest.py), so a
    developer's instance/config.py (python3 dev.py serve writes a SECRET_KEY there) can't change
    what tests see; deployments can move the folder the same way."""
    (tmp_path / "config.py").write_text("NEW_MEMBER_HOLD_POSTS = 7\n")
    monkeypatch.setenv("HARBOR_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("NEW_MEMBER_HOLD_POSTS", raising=False)
    app = create_app({"HARBOR_ENV": "testing", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    assert app.instance_path == str(tmp_path) and app.config["NEW_MEMBER_HOLD_POSTS"] == 7


def test_header_links_follow_each_viewer_when_kept_per_set_of_links(app):
    """templating._links keeps the header's links per set shown: a visitor, a member and a
    moderator still each get their own, whatever was asked before."""
    from flask_login import login_user

    from community.auth.models import Role
    from community.templating import NAV, _links

    member, mod = make_user(), make_user(Role.MODERATOR)
    seen = {}
    for name, user in (("visitor", None), ("moderator", mod), ("member", member), ("visitor again", None)):
        with app.app_context(), app.test_request_context("/"):     # a fresh `g` each time
            if user is not None:
                login_user(user)
            seen[name] = [link["label"] for link in _links(app, NAV)]
    assert seen["visitor"] == seen["visitor again"]
    assert "Chat" not in seen["visitor"] and "Chat" in seen["member"] and "Moderation" not in seen["member"]
    assert "Moderation" in seen["moderator"]
    with app.app_context(), app.test_request_context("/", base_url="http://localhost/harbor/"):
        login_user(member)
        assert all(link["url"].startswith("/harbor/") for link in _links(app, NAV))


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_csrf_token_is_flask_wtfs_token(app, monkeypatch):
    """forms.csrf_token makes the token flask_wtf.generate_csrf makes (same serializer, its
    pieces kept), keeps it in `g` for the request, and flask_wtf accepts it."""
    import time

    from flask import g, session
    from flask_wtf.csrf import generate_csrf, validate_csrf

    from community.forms import csrf_token

    monkeypatch.setattr(time, "time", lambda: 1_800_000_000.25)      # one second for both
    with app.app_context(), app.test_request_context("/"):          # (a fresh `g` each)
        first = generate_csrf()                  # the session's raw token is made here
        g.pop("csrf_token")
        mine = csrf_token()
        assert mine == first and g.csrf_token == mine and generate_csrf() == mine
        validate_csrf(mine)
        g.pop("csrf_token")
        session["csrf_token"] = "another raw token"
        assert csrf_token().split(".")[0] != mine.split(".")[0]      # a new session's token, not a kept one
    with app.app_context(), app.test_request_context("/"):
        assert "csrf_token" not in session
        made = csrf_token()                      # no raw token yet: flask_wtf makes the first
        assert session["csrf_token"] and g.csrf_token == made
        validate_csrf(made)
