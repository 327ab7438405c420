"""Deleting an account with "delete what I wrote" never deletes other members' words: a thread
others replied to keeps its replies (the clinician's answer too) and its opening post reads
"[removed by its author]"; the page says exactly what will go."""
from __future__ import annotations

from community.auth.models import User
from community.extensions import db
from community.forums.models import Post, PostRevision, Status, Thread
from community.forums import services as forums
from tests.factories import make_clinician, make_condition, make_reply, make_thread, make_user


def test_deleting_with_posts_keeps_other_members_replies(client, auth):
    cond = make_condition()
    author, peer, clinician = make_user(), make_user(), make_clinician()
    asked = make_thread(author=author, condition=cond, title="Inhaler timing question", body="When do you take yours?",
                        is_question=True)
    answer = make_reply(asked.thread, author=clinician, body="Before exercise, as your plan says.")
    peer_reply = make_reply(asked.thread, author=peer, body="Morning and night for me.")
    own_reply = make_reply(asked.thread, author=author, body="Thanks both, my own follow-up.")
    alone = make_thread(author=author, condition=cond, title="Nobody answered this one", body="Just me here.")
    elsewhere = make_thread(author=peer, condition=cond, title="Peer's own thread", body="Peer's words.")
    my_reply_elsewhere = make_reply(elsewhere.thread, author=author, body="My reply in the peer's thread.")
    forums.edit_post(actor=author, post=asked.post, body="When do you take yours? (edited with my details)")

    auth.login(author)
    page = client.get("/settings/delete").get_data(as_text=True)
    assert "your 2 replies in the forums: deleted" in page
    assert "your 1 thread that nobody else has replied to: deleted" in page
    assert "your 1 thread that other members replied to" in page and "[removed by its author]" in page

    resp = client.post("/settings/delete", data={"password": "correct horse battery", "delete_posts": "y"})
    assert resp.status_code == 302
    db.session.expire_all()
    assert db.session.query(User).filter_by(id=author.id).count() == 0

    kept = db.session.get(Thread, asked.thread.id)
    assert kept.status == Status.PUBLISHED and kept.title == "Inhaler timing question" and kept.author_id is None
    opening = db.session.get(Post, asked.post.id)
    assert opening.status == Status.PUBLISHED and opening.body == "[removed by its author]"
    assert "When do you take yours" not in opening.body_html
    assert db.session.query(PostRevision).filter_by(post_id=opening.id).count() == 0
    for other in (answer, peer_reply):
        assert db.session.get(Post, other.post.id).status == Status.PUBLISHED
    assert db.session.get(Post, own_reply.post.id).status == Status.DELETED
    assert db.session.get(Post, my_reply_elsewhere.post.id).status == Status.DELETED
    assert db.session.get(Thread, alone.thread.id).status == Status.DELETED
    assert db.session.get(Thread, elsewhere.thread.id).status == Status.PUBLISHED
    assert kept.reply_count == 2 and kept.clinician_answered

    html = client.get(f"/t/{kept.id}").get_data(as_text=True)
    assert "[removed by its author]" in html and "Before exercise" in html and "Morning and night" in html
    assert "When do you take yours" not in html
    from community.forums import search

    assert search.search("exercise").total == 1 and search.search("details").total == 0


def test_deleting_without_posts_keeps_everything_as_former_member(client, auth):
    author, peer = make_user(), make_user()
    res = make_thread(author=author)
    make_reply(res.thread, author=peer)
    auth.login(author)
    assert client.post("/settings/delete", data={"password": "correct horse battery"}).status_code == 302
    db.session.expire_all()
    post = db.session.get(Post, res.post.id)
    assert post.status == Status.PUBLISHED and post.author_id is None and post.body == "How do you pace yourself on good days?"
