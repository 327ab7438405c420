"""The two crisis tiers end to end: forum pages and API, chat acks (rooms and private
conversations), care feedback; help by locale and by the condition's own text."""
from __future__ import annotations

import sqlalchemy as sa

from community import events
from community.chat import services as chat
from community.extensions import db
from community.forums import services as forums
from community.moderation import queue
from community.moderation.models import QueueItem
from tests.chat.helpers import received, room_with_members
from tests.factories import make_condition, make_user, token_for

CRISIS = "I'm going to take all my tablets tonight"
POSSIBLE = "I can't see a reason to wake up tomorrow"


def _alerts() -> list[dict]:
    seen: list[dict] = []
    events.subscribe("moderation.crisis", lambda **kw: seen.append(kw))
    return seen


def _item(target_type: str, target_id: int) -> QueueItem:
    return db.session.scalars(sa.select(QueueItem).where(QueueItem.target_type == target_type,
                                                         QueueItem.target_id == target_id)).one()


def test_forum_possible_crisis_gets_a_gentle_box_a_normal_queue_item_and_no_alert(client, auth):
    alerts = _alerts()
    make_condition(slug="asthma")
    auth.login(make_user())
    resp = client.post("/c/asthma/new", data={"title": "Feeling low today", "body": POSSIBLE}, follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and 'data-tier="possible_crisis"' in html and 'role="status"' in html
    assert "It sounds like things are heavy right now" in html and "116 123" in html
    assert "moderators have been alerted" not in html
    [item] = queue.list_items(actor=make_user("moderator"))
    assert item.reasons == ["possible_crisis"] and item.priority == 45 and not item.held
    assert alerts == []


def test_forum_api_warnings_carry_help_for_both_tiers(client):
    alerts = _alerts()
    make_condition(slug="asthma")
    user = make_user()
    headers = token_for(client, user)
    resp = client.post("/api/v1/conditions/asthma/threads", headers=headers, json={"title": "Tonight", "body": CRISIS})
    assert resp.status_code == 201
    [w] = [w for w in resp.get_json()["warnings"] if w["code"] == "crisis"]
    assert w["message"] and any("988" in r["contact"] for r in w["resources"])
    thread_id = resp.get_json()["id"]
    assert _item("post", alerts[-1]["target_id"]).priority == 100
    reply = client.post(f"/api/v1/threads/{thread_id}/posts", headers=headers, json={"body": POSSIBLE})
    assert reply.status_code == 201
    codes = [w["code"] for w in reply.get_json()["warnings"]]
    assert codes == ["possible_crisis"] and reply.get_json()["warnings"][0]["resources"]
    assert _item("post", reply.get_json()["id"]).reasons == ["possible_crisis"]
    assert len(alerts) == 1
    plain = client.post(f"/api/v1/threads/{thread_id}/posts", headers=headers, json={"body": "This wait is killing me"})
    assert plain.get_json()["warnings"] == []


def test_an_edit_is_screened_for_both_tiers(app):
    user = make_user()
    t = forums.start_thread(actor=user, condition=make_condition(), title="Pacing", body="Good day today")
    result = forums.edit_post(actor=user, post=t.post, body=POSSIBLE)
    assert [w["code"] for w in result.warnings] == ["possible_crisis"]
    assert _item("post", t.post.id).reasons == ["possible_crisis"]


def test_help_follows_the_locale_and_adds_the_condition_text(client, auth):
    forums.create_condition(actor=None, slug="copd", name="COPD", crisis_help="Our respiratory nurses' line: 0300 000 0000.")
    auth.login(make_user())
    resp = client.post("/c/copd/new", data={"title": "Feeling low today", "body": POSSIBLE}, headers={"Accept-Language": "en-US,en;q=0.8"},
                       follow_redirects=True)
    html = resp.get_data(as_text=True)
    box = html[html.index('class="crisis'):html.index("</section>", html.index('class="crisis'))]
    assert "Call or text 988" in box and "116 123" not in box
    assert "Our respiratory nurses&#39; line: 0300 000 0000." in box
    gb = client.get("/c/copd", headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    assert "116 123" in gb.split('class="site-footer"')[1] and "988" not in gb.split('class="site-footer"')[1]


def test_api_warning_has_the_condition_text(client):
    forums.create_condition(actor=None, slug="copd", name="COPD", crisis_help="Call the COPD team.")
    resp = client.post("/api/v1/conditions/copd/threads", headers=token_for(client, make_user()),
                       json={"title": "Tonight", "body": CRISIS})
    [w] = [w for w in resp.get_json()["warnings"] if w["code"] == "crisis"]
    assert w["condition_help"] == "Call the COPD team."


def _joined(socket_client):
    _cond, (alice, bob), room = room_with_members(2)
    a, b = socket_client(alice), socket_client(bob)
    for sc in (a, b):
        sc.emit("join", {"room": room}, namespace="/chat", callback=True)
    b.get_received("/chat")
    return a, b, room


def test_chat_ack_carries_possible_crisis_without_an_alert(app, socket_client):
    alerts = _alerts()
    a, b, room = _joined(socket_client)
    ack = a.emit("send", {"room": room, "body": POSSIBLE}, namespace="/chat", callback=True)
    assert ack["ok"] and ack["status"] == "published"
    [w] = ack["warnings"]
    assert w["code"] == "possible_crisis" and w["resources"]
    assert received(b, "message")[0]["id"] == ack["id"]
    item = _item("message", ack["id"])
    assert item.reasons == ["possible_crisis"] and item.priority == 45 and alerts == []
    crisis = a.emit("send", {"room": room, "body": "gonna kms tonight"}, namespace="/chat", callback=True)
    assert [w["code"] for w in crisis["warnings"]] == ["crisis"] and alerts[-1]["target_id"] == crisis["id"]


def test_private_conversation_crisis_reaches_the_queue_with_only_its_context(app, socket_client):
    alerts = _alerts()
    alice, bob = make_user(), make_user()
    conv = chat.request_conversation(actor=alice, other=bob)
    chat.answer_request(actor=bob, room_id=conv.room_id, accept=True)
    room = f"dm:{conv.room_id}"
    a = socket_client(alice)
    a.emit("join", {"room": room}, namespace="/chat", callback=True)
    for i in range(8):
        a.emit("send", {"room": room, "body": f"ordinary message {i}"}, namespace="/chat", callback=True)
    ack = a.emit("send", {"room": room, "body": "my plan is to hang myself tonight"}, namespace="/chat", callback=True)
    assert ack["ok"] and [w["code"] for w in ack["warnings"]] == ["crisis"]
    item = _item("message", ack["id"])
    assert item.priority == 100 and alerts[-1]["target_id"] == ack["id"]
    assert 0 < len(item.context) < 9 and any(c.get("id") == ack["id"] for c in item.context)


def test_feedback_crisis_alerts_and_queues_possible_queues_quietly(client):
    alerts = _alerts()
    user = make_user()
    headers = token_for(client, user)
    resp = client.post("/api/v1/feedback", headers=headers,
                       json={"text": "After how the ward treated me I've decided to end my life this weekend."})
    assert resp.status_code == 201
    [w] = resp.get_json()["warnings"]
    assert w["code"] == "crisis" and w["resources"]
    item = _item("feedback", resp.get_json()["id"])
    assert item.priority == 100 and item.author_id == user.id and alerts[-1]["target_type"] == "feedback"
    quiet = client.post("/api/v1/feedback", headers=headers, json={"text": "Since the diagnosis I feel hopeless."})
    assert [w["code"] for w in quiet.get_json()["warnings"]] == ["possible_crisis"]
    assert _item("feedback", quiet.get_json()["id"]).priority == 45 and len(alerts) == 1
    fine = client.post("/api/v1/feedback", headers=headers, json={"text": "The wait was killing me but the nurse was kind."})
    assert fine.get_json()["warnings"] == []


def test_feedback_pages_show_help_and_the_queue_shows_the_feedback(client, auth):
    auth.login(make_user())
    resp = client.post("/feedback", data={"text": "Nothing is ever going to get better, I've lost all hope."}, follow_redirects=True)
    page = resp.get_data(as_text=True)
    assert "Thank you for your feedback" in page and 'data-tier="possible_crisis"' in page
    moderator = make_user("moderator")
    auth.login(moderator)
    [item] = queue.list_items(actor=moderator)
    assert item.target_type == "feedback"
    html = client.get(f"/moderation/queue/{item.id}").get_data(as_text=True)
    assert "lost all hope" in html and "Care feedback" in html
