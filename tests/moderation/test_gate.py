"""Screening applied to forum writes: identifiers hold, crisis alerts, watched-word actions."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from community import events
from community.errors import Refused
from community.extensions import db
from community.forums.models import Post, Status
from community.moderation import queue, services
from tests.factories import make_condition, make_thread, make_user, token_for


def test_identifier_holds_post_with_warning(app):
    t = make_thread(body="text me on 07700 900123 for the group")
    assert t.status == Status.PENDING
    codes = [w["code"] for w in t.warnings]
    assert "phi.phone" in codes and "held" in codes
    [item] = queue.list_items(actor=make_user("moderator"))
    assert item.reasons == ["phi"] and item.findings[0]["code"] == "phi.phone"


def test_crisis_post_stays_visible_is_urgent_and_alerts(app):
    alerts = []
    events.subscribe("moderation.crisis", lambda **kw: alerts.append(kw))
    t = make_thread(body="I can't do this anymore, I'm going to end it")
    assert t.status == Status.PUBLISHED
    [warning] = [w for w in t.warnings if w["code"] == "crisis"]
    assert any("116 123" in r["contact"] for r in warning["resources"])
    [item] = queue.list_items(actor=make_user("moderator"))
    assert item.priority == 100 and "crisis" in item.reasons
    assert alerts and alerts[-1]["target_id"] == t.post.id


@pytest.mark.config(CRISIS_HOLDS_POST=True)
def test_setting_can_hold_crisis_posts(app):
    assert make_thread(body="I want to kill myself").status == Status.PENDING


def test_watched_word_actions(app):
    for word, action in [("buy now", "block"), ("miracle cure", "require_approval"), ("detox tea", "flag"), ("bloody", "censor")]:
        services.watch_word(actor=None, word=word, action=action)
    cond, author = make_condition(), make_user()
    with pytest.raises(Refused) as e:
        make_thread(author=author, condition=cond, body="B U Y  N O W cheap pills")
    assert e.value.status == 422 and "buy now" in e.value.message
    assert db.session.scalar(sa.select(sa.func.count(Post.id))) == 0
    held = make_thread(author=author, condition=cond, body="this m1racle cure fixed me")
    assert held.status == Status.PENDING
    flagged = make_thread(author=author, condition=cond, body="anyone tried detox tea?")
    assert flagged.status == Status.PUBLISHED
    censored = make_thread(author=author, condition=cond, body="this bloody inhaler")
    assert censored.post.body == "this ■■■■■■ inhaler" and censored.status == Status.PUBLISHED
    reasons = sorted(r for i in queue.list_items(actor=make_user("moderator")) for r in i.reasons)
    assert reasons == ["flag", "watched_word"]


def test_api_returns_warnings_and_422_for_blocked(client):
    services.watch_word(actor=None, word="casino bonus", action="block")
    make_condition(slug="asthma")
    h = token_for(client, make_user())
    resp = client.post("/api/v1/conditions/asthma/threads", headers=h,
                       json={"title": "My details", "body": "email me at sam@example.org"})
    body = resp.get_json()
    assert resp.status_code == 201 and body["status"] == "pending"
    assert {"code": "phi.email"}.items() <= body["warnings"][0].items()
    resp = client.post("/api/v1/conditions/asthma/threads", headers=h, json={"title": "Bonus time", "body": "casino bonus inside"})
    assert resp.status_code == 422 and resp.get_json()["error"]["code"] == "watched_word_blocked"


def test_web_form_shows_identifiers_then_post_anyway_holds(client, auth):
    make_condition(slug="asthma")
    member = make_user()
    auth.login(member)
    data = {"title": "Walking group", "body": "Join us, ring 07700 900123"}
    resp = client.post("/c/asthma/new", data=data)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "Post anyway" in html and '<mark title="phi.phone">07700 900123</mark>' in html
    assert db.session.scalar(sa.select(sa.func.count(Post.id))) == 0
    resp = client.post("/c/asthma/new", data={**data, "acknowledged": "1"})
    assert resp.status_code == 302
    assert db.session.scalar(sa.select(Post.status)) == Status.PENDING


def test_crisis_author_sees_help_at_once(client, auth):
    make_condition(slug="asthma")
    auth.login(make_user())
    resp = client.post("/c/asthma/new", data={"title": "Tonight", "body": "I want to end it all tonight"}, follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "You don't have to go through this alone" in html and "116 123" in html and "988" in html


def test_edit_is_screened_again(app):
    from community.forums import services as forums

    author = make_user()
    t = make_thread(author=author, body="fine text")
    forums.edit_post(actor=author, post=t.post, body="now with my email a.b@example.org")
    assert t.post.status == Status.PENDING and t.thread.status == Status.PENDING
