"""Ignoring a member everywhere: posts collapse, chat messages are hidden, mentions, replies,
reactions and private messages from them don't reach the ignorer, and they are never told."""
import json

import pytest

from community.auth import services as accounts
from community.chat import services as chat
from community.errors import Invalid, NotAllowed
from community.extensions import db
from community.forums import services as forums
from community.ignoring import services as ignoring
from community.ignoring.models import Ignore
from community.notifications.following import set_level
from community.notifications.models import Notification
from community.reactions import services as reactions
from tests.chat.helpers import received, room_with_members
from tests.factories import PASSWORD, make_condition, make_thread, make_user, token_for

IGNORED_TEXT = "A post by a member you ignore"


def _kinds(user):
    return sorted(n.kind for n in db.session.query(Notification).filter_by(user_id=user.id))


def test_the_api_ignores_and_stops_with_204_and_refuses_self_staff_and_strangers(app, client):
    alice, bob, mod = make_user(), make_user(), make_user("moderator")
    h = token_for(client, alice)
    assert client.put(f"/api/v1/members/{bob.username}/ignore", headers=h).status_code == 204
    assert client.put(f"/api/v1/members/{bob.username}/ignore", headers=h).status_code == 204   # idempotent
    assert ignoring.ignores(alice.id, bob.id) and not ignoring.ignores(bob.id, alice.id)
    r = client.put(f"/api/v1/members/{alice.username}/ignore", headers=h)
    assert r.status_code == 422 and r.json["error"]["code"] == "ignore_self" and "yourself" in r.json["error"]["message"]
    r = client.put(f"/api/v1/members/{mod.username}/ignore", headers=h)
    assert r.status_code == 422 and r.json["error"]["code"] == "ignore_staff"
    assert client.put("/api/v1/members/nobody_here/ignore", headers=h).status_code == 404
    assert client.put(f"/api/v1/members/{bob.username}/ignore").status_code == 401
    assert client.delete(f"/api/v1/members/{bob.username}/ignore", headers=h).status_code == 204
    assert not ignoring.ignores(alice.id, bob.id)
    assert client.delete(f"/api/v1/members/{bob.username}/ignore", headers=h).status_code == 204


def test_profile_button_and_settings_list(app, client, auth):
    alice, bob = make_user(), make_user()
    auth.login(alice)
    page = client.get(f"/members/{bob.username}").get_data(as_text=True)
    assert f"Ignore {bob.name}" in page
    assert page.count("ignore-form") == 1 and "<form" not in page.split("<title>")[1].split("</title>")[0]
    mod_page = client.get(f"/members/{make_user('moderator').username}").get_data(as_text=True)
    assert "ignore-form" not in mod_page and "ignore-form" not in client.get(f"/members/{alice.username}").get_data(as_text=True)
    client.post(f"/members/{bob.username}/ignore")
    assert ignoring.ignores(alice.id, bob.id)
    assert "Stop ignoring" in client.get(f"/members/{bob.username}").get_data(as_text=True)
    settings = client.get("/settings/ignored").get_data(as_text=True)
    assert bob.username in settings and "Stop ignoring" in settings
    assert "Ignored members" in client.get("/settings/profile").get_data(as_text=True)
    r = client.post(f"/members/{alice.username}/ignore", follow_redirects=True)
    assert "You can&#39;t ignore yourself." in r.get_data(as_text=True)
    client.post(f"/members/{bob.username}/ignore", data={"stop": "1", "next": "settings"})
    assert not ignoring.ignores(alice.id, bob.id)
    auth.logout()
    auth.login(bob)   # the ignored member never sees it
    ignoring.ignore(actor=alice, other=bob)
    page = client.get(f"/members/{alice.username}").get_data(as_text=True)
    assert "Stop ignoring" not in page and "You ignore" not in page and "ignores you" not in page


def test_posts_collapse_in_threads_and_search_for_the_ignorer_only(app, client, auth):
    alice, bob, carol = make_user(), make_user(), make_user()
    t = make_thread(author=carol, title="Pacing on good days")
    forums.reply(actor=bob, thread=t.thread, body="Zucchini soup helped with my pacing")
    ignoring.ignore(actor=alice, other=bob)
    auth.login(alice)
    page = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert page.count(IGNORED_TEXT) == 1 and '<details class="ignored-post"' in page
    assert "Zucchini soup" in page   # still there, inside the collapsed details
    found = client.get("/search?q=zucchini").get_data(as_text=True)
    assert IGNORED_TEXT in found
    auth.logout()
    auth.login(carol)
    assert IGNORED_TEXT not in client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert IGNORED_TEXT not in client.get("/search?q=zucchini").get_data(as_text=True)


def test_mentions_replies_and_reactions_from_them_dont_notify(app):
    cond = make_condition()
    alice, bob = make_user(), make_user()
    for u in (alice, bob):
        forums.join_condition(actor=u, condition=cond)
    t = make_thread(author=alice, condition=cond)
    ignoring.ignore(actor=alice, other=bob)
    reply = forums.reply(actor=bob, thread=t.thread, body=f"@{alice.username} I disagree with you")
    reactions.react(actor=bob, target_type="post", target_id=t.post.id, kind="heart")
    assert _kinds(alice) == []
    ignoring.stop_ignoring(actor=alice, other=bob)
    forums.reply(actor=bob, thread=t.thread, body=f"@{alice.username} again")
    assert "mention" in _kinds(alice)
    assert reply.post.id


def test_chat_history_leaves_them_out_and_the_room_page_gets_their_names(app, client, auth, socket_client):
    cond, (alice, bob, carol), room = room_with_members(3)
    chat.send(actor=bob, room_key=room, body="a message from bob")
    chat.send(actor=carol, room_key=room, body="a message from carol")
    ignoring.ignore(actor=alice, other=bob)
    _room, msgs, _more = chat.history(actor=alice, room_key=room)
    assert [m["body"] for m in msgs] == ["a message from carol"]
    _room, msgs, _more = chat.history(actor=carol, room_key=room)
    assert len(msgs) == 2
    a = socket_client(alice)
    ack = a.emit("join", {"room": room}, namespace="/chat", callback=True)
    assert [m["body"] for m in ack["history"]] == ["a message from carol"]
    ack = a.emit("history", {"room": room, "after_id": 0}, namespace="/chat", callback=True)
    assert [m["body"] for m in ack["messages"]] == ["a message from carol"]
    auth.login(alice)
    page = client.get(f"/chat/{cond.slug}").get_data(as_text=True)
    assert "a message from bob" not in page and "a message from carol" in page
    assert f'data-ignored="[&#34;{bob.username}&#34;]"' in page
    # a mention of alice in the room doesn't notify her
    chat.send(actor=bob, room_key=room, body=f"@{alice.username} hello")
    assert "mention" not in _kinds(alice)


def test_online_now_and_typing_carry_usernames_so_the_ignorer_leaves_them_out(app, client, auth, socket_client):
    cond, (alice, bob, carol), room = room_with_members(3)
    bob.display_name = "Bob the Builder"
    db.session.commit()
    ignoring.ignore(actor=alice, other=bob)
    a, b, c = socket_client(alice), socket_client(bob), socket_client(carol)
    b.emit("join", {"room": room}, namespace="/chat", callback=True)
    c.emit("join", {"room": room}, namespace="/chat", callback=True)
    ack = a.emit("join", {"room": room}, namespace="/chat", callback=True)
    assert {"username": bob.username, "name": "Bob the Builder"} in ack["members"]
    a.get_received("/chat")
    b.emit("typing", {"room": room}, namespace="/chat")
    assert received(a, "typing") == [{"room": room, "name": "Bob the Builder", "username": bob.username}]
    # the server-drawn room page leaves bob out of alice's "Online now" line, not carol's
    auth.login(alice)
    line = client.get(f"/chat/{cond.slug}").get_data(as_text=True).split('id="chat-online"')[1].split("</p>")[0]
    assert carol.name in line and "Bob the Builder" not in line
    auth.login(carol)
    line = client.get(f"/chat/{cond.slug}").get_data(as_text=True).split('id="chat-online"')[1].split("</p>")[0]
    assert "Bob the Builder" in line


def test_they_cant_start_or_write_a_private_conversation_and_arent_told_why(app, socket_client):
    alice, bob, carol = make_user(), make_user(), make_user()
    conv = chat.request_conversation(actor=carol, other=alice)
    chat.answer_request(actor=alice, room_id=conv.room_id, accept=True)
    ignoring.ignore(actor=alice, other=bob)
    with pytest.raises(NotAllowed) as err:
        chat.request_conversation(actor=bob, other=alice)
    assert err.value.message == f"{alice.name} isn't taking private conversation requests from you." and "ignore" not in err.value.message
    assert _kinds(alice).count("chat.request") == 1   # carol's, not bob's
    ignoring.ignore(actor=alice, other=carol)
    c = socket_client(carol)
    room = f"dm:{conv.room_id}"
    c.emit("join", {"room": room}, namespace="/chat", callback=True)
    ack = c.emit("send", {"room": room, "body": "hello?"}, namespace="/chat", callback=True)
    assert ack["ok"] is False and ack["error"] == "not_allowed" and "ignore" not in ack["message"]
    a = socket_client(alice)   # the ignorer is told why
    a.emit("join", {"room": room}, namespace="/chat", callback=True)
    ack = a.emit("send", {"room": room, "body": "hi"}, namespace="/chat", callback=True)
    assert ack["ok"] is False and "ignore" in ack["message"]
    ignoring.stop_ignoring(actor=alice, other=carol)
    assert c.emit("send", {"room": room, "body": "hello again"}, namespace="/chat", callback=True)["ok"]


def test_moderation_views_are_not_affected(app, client, auth):
    from community.moderation import services as moderation
    from community.moderation.models import QueueItem

    mod, bob = make_user("moderator"), make_user()
    t = make_thread(author=bob, body="Some words a moderator must read in the queue")
    moderation.report(actor=make_user(), target_type="post", target_id=t.post.id, reason="spam")
    item = db.session.query(QueueItem).filter_by(target_type="post", target_id=t.post.id).one()
    db.session.add(Ignore(ignorer_id=mod.id, ignored_id=bob.id))   # a moderator ignoring someone as a member
    db.session.commit()
    auth.login(mod)
    page = client.get(f"/moderation/queue/{item.id}").get_data(as_text=True)
    assert "Some words a moderator must read" in page and IGNORED_TEXT not in page
    page = client.get(f"/moderation/members/{bob.username}").get_data(as_text=True)
    assert bob.username in page and IGNORED_TEXT not in page


def test_data_download_lists_the_ignore_list_and_deletion_removes_both_ways(app):
    alice, bob, carol = make_user(), make_user(), make_user()
    ignoring.ignore(actor=alice, other=bob)
    ignoring.ignore(actor=carol, other=alice)
    data = accounts.export_my_data(actor=alice)
    assert [r["username"] for r in data["ignored_members"]] == [bob.username]
    assert carol.username not in json.dumps(data["ignored_members"])   # never who ignores you
    uid = alice.id
    accounts.delete_account(actor=alice, password=PASSWORD, delete_posts=False)
    assert db.session.query(Ignore).filter((Ignore.ignorer_id == uid) | (Ignore.ignored_id == uid)).count() == 0


def test_ignoring_needs_an_account(app):
    with pytest.raises(Exception):
        ignoring.ignore(actor=None, other=make_user())
    with pytest.raises(Invalid):
        u = make_user()
        ignoring.ignore(actor=u, other=u)


def test_the_thread_json_marks_posts_by_ignored_members_for_the_ignorer_only(app, client):
    alice, bob, carol = make_user(), make_user(), make_user()
    t = make_thread(author=carol)
    forums.reply(actor=bob, thread=t.thread, body="A reply by bob")
    ignoring.ignore(actor=alice, other=bob)
    posts = client.get(f"/api/v1/threads/{t.thread.id}", headers=token_for(client, alice)).json["posts"]
    assert [p["author_ignored"] for p in posts] == [False, True]
    posts = client.get(f"/api/v1/threads/{t.thread.id}", headers=token_for(client, carol)).json["posts"]
    assert [p["author_ignored"] for p in posts] == [False, False]
