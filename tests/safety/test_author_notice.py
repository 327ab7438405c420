"""What the author is told after writing depends on what happened, in the same words for
forum threads, replies, edits, chat messages and private conversations."""
import pytest

from community.chat import services as chat
from community.forums import services as forums
from community.moderation.notice import author_notice, held_sentence
from tests.chat.helpers import room_with_members
from tests.factories import make_condition, make_thread, make_user

CRISIS = "I can't do this anymore, I have the pills saved and I'm going to take them all tonight"
POSSIBLE = "I feel like such a burden to everyone lately and I'm tired of everything"
ALERTED = "Our moderators have been alerted"


@pytest.mark.parametrize("kind,noun", [("thread", "thread"), ("post", "reply"), ("edit", "edited post"),
                                       ("message", "message"), ("private", "message")])
def test_the_words_follow_what_happened(kind, noun):
    held = author_notice(kind=kind, status="pending", warnings=[{"code": "held"}])
    assert held.held and held.text.startswith(f"Your {noun} is waiting for a moderator") and "only you and the moderators" in held.text
    assert held.text.startswith(held_sentence(kind)) and ALERTED not in held.text and held.level == "info"
    up = author_notice(kind=kind, status="published", warnings=[])
    assert not up.held and up.text.startswith(f"Your {noun} is up:") and "waiting" not in up.text and up.help is None
    crisis_held = author_notice(kind=kind, status="pending", warnings=[{"code": "crisis"}])
    assert crisis_held.alerted and ALERTED in crisis_held.text and "can see it." not in crisis_held.text.split(ALERTED)[0].replace(
        "only you and the moderators can see it.", "")
    crisis_up = author_notice(kind=kind, status="published", warnings=[{"code": "crisis"}])
    assert crisis_up.alerted and "is up" in crisis_up.text and ALERTED in crisis_up.text
    possible = author_notice(kind=kind, status="published", warnings=[{"code": "possible_crisis"}])
    assert not possible.alerted and possible.help == "possible_crisis" and ALERTED not in possible.text
    assert "may check in" in possible.text


def test_a_private_message_names_the_other_member_and_a_room_message_the_room():
    assert "the other member of this conversation" in author_notice(kind="private", status="published").text
    assert "everyone in this chat room" in author_notice(kind="message", status="published").text


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=2)
def test_a_new_members_crisis_thread_says_held_and_alerted_never_that_peers_see_it(app, client, auth):
    make_condition(slug="asthma")
    auth.login(make_user(trusted=False))
    html = client.post("/c/asthma/new", data={"title": "Tonight", "body": CRISIS}, follow_redirects=True).get_data(as_text=True)
    expected = author_notice(kind="thread", status="pending", warnings=[{"code": "crisis"}]).text
    assert 'data-tier="crisis"' in html and expected.replace("'", "&#39;") in html
    assert "peers can see your post" not in html and "is up:" not in html
    assert html.count('class="flash flash-info author-notice"') == 1


def test_a_visible_reply_and_an_edit_say_so(app, client, auth):
    t = make_thread()
    member = make_user()
    auth.login(member)
    html = client.post(f"/t/{t.thread.id}/reply", data={"body": "Same here, pacing helps."}, follow_redirects=True).get_data(as_text=True)
    assert "Your reply is up: everyone who can read this thread can see it." in html
    reply = forums.reply(actor=member, thread=t.thread, body="Another one")
    html = client.post(f"/posts/{reply.post.id}/edit", data={"body": "Another one, edited"}, follow_redirects=True).get_data(as_text=True)
    assert "Your edited post is up" in html


def test_chat_acks_and_the_form_carry_the_same_words(app, client, auth, socket_client):
    cond, (alice, bob), room = room_with_members(2)
    sc = socket_client(alice)
    sc.emit("join", {"room": room}, namespace="/chat", callback=True)
    ack = sc.emit("send", {"room": room, "body": CRISIS}, namespace="/chat", callback=True)
    assert ack["ok"] and ack["notice"] == author_notice(kind="message", status=ack["status"], warnings=ack["warnings"]).text
    assert ALERTED in ack["notice"]
    ack = sc.emit("send", {"room": room, "body": "just saying hi"}, namespace="/chat", callback=True)
    assert ack["notice"] == "Your message is up: everyone in this chat room can see it."
    conv = chat.request_conversation(actor=alice, other=bob)
    chat.answer_request(actor=bob, room_id=conv.room_id, accept=True)
    sent = chat.send(actor=alice, room_key=f"dm:{conv.room_id}", body="my number is 07700 900123", confirm_identifiers=True)
    assert sent.status == "pending" and sent.ack()["notice"].startswith(held_sentence("private"))
    assert [w["message"] for w in sent.warnings if w["code"] == "held"] == [held_sentence("message")]
    auth.login(alice)
    html = client.post(f"/chat/{cond.slug}", data={"body": CRISIS}, follow_redirects=True).get_data(as_text=True)
    assert author_notice(kind="message", status="published", warnings=[{"code": "crisis"}]).text.replace("'", "&#39;") in html
