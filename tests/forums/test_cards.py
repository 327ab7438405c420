"""The viewer's part of each post card (community/forums/cards.py): the per-post decisions,
asked once per kind of post, are the ones `permissions` gives for each post; the cached HTML
is used on the next view and never outlives what it shows; the page has one CSRF token."""
from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa

from community import permissions
from community.auth.models import Role, User
from community.clinicians import services as clinicians
from community.extensions import db
from community.forums import cards, reading
from community.forums.models import Post, Status
from community.notifications import following
from community.reactions import services as reactions
from tests.factories import make_clinician, make_condition, make_reply, make_thread, make_user


def _page(client, thread_id: int) -> str:
    resp = client.get(f"/t/{thread_id}")
    assert resp.status_code == 200
    return resp.get_data(as_text=True)


def _mixed_thread():
    """A question with posts of every kind the rules tell apart: by the asker, a peer, a
    verified clinician, a moderator, held and hidden posts, a former member's."""
    cond = make_condition()
    asker, peer, doc, mod = make_user(), make_user(), make_clinician(), make_user(Role.MODERATOR)
    q = make_thread(author=asker, condition=cond, body="Does pacing help?", is_question=True)
    posts = [q.post] + [make_reply(q.thread, author=a).post for a in (peer, doc, mod, asker, peer, peer)]
    db.session.execute(sa.update(Post).where(Post.id == posts[5].id).values(status=Status.PENDING))
    db.session.execute(sa.update(Post).where(Post.id == posts[6].id).values(status=Status.HIDDEN))
    db.session.commit()
    gone = make_user()
    posts.append(make_reply(q.thread, author=gone).post)
    db.session.execute(sa.update(Post).where(Post.id == posts[-1].id).values(author_id=None))
    db.session.commit()
    return q.thread, {"asker": asker, "peer": peer, "doc": doc, "mod": mod}


@pytest.mark.config(PAGE_SIZE=50)
def test_decisions_per_kind_of_post_equal_asking_per_post(app):
    thread, people = _mixed_thread()
    muted = make_user(muted_until=dt.datetime.now(dt.UTC) + dt.timedelta(days=1))
    admin = make_user(Role.ADMIN)
    for viewer in [*people.values(), muted, admin]:
        viewer = db.session.get(User, viewer.id)
        with app.test_request_context(f"/t/{thread.id}"):
            shown = reading.thread_page(viewer=viewer, thread_id=thread.id, with_viewer=True)
            view = cards.PageViewer(viewer, shown.thread, shown.viewer)
            assert len(shown.page.items) >= 6
            for post in shown.page.items:
                assert view.rules(post) == (
                    permissions.can_edit_post(viewer, post), permissions.can_mark_helpful(viewer, post),
                    permissions.can_delete_post(viewer, post), permissions.can_add_note(viewer, post)), (viewer, post.id)
            assert len(view._rules) < len(shown.page.items)      # asked once per kind, not per post


def test_actions_come_from_the_cache_on_the_second_view(client, auth, monkeypatch):
    t = make_thread(body="First visit text")
    make_reply(t.thread, body="A reply")
    auth.login(make_user())
    first = _page(client, t.thread.id)
    renders = []
    real = cards.render
    monkeypatch.setattr(cards, "render", lambda a: renders.append(a) or real(a))
    second = _page(client, t.thread.id)
    assert renders == []
    assert re.sub(r'value="[^"]+" name="csrf_token"|name="csrf_token" value="[^"]+"', "", second) == \
        re.sub(r'value="[^"]+" name="csrf_token"|name="csrf_token" value="[^"]+"', "", first)


def test_one_csrf_token_per_page_and_no_stand_in_left(client, auth):
    t = make_thread()
    make_reply(t.thread)
    auth.login(make_user())
    html = _page(client, t.thread.id)
    tokens = set(re.findall(r'name="csrf_token" value="([^"]+)"', html)) | set(re.findall(r'data-csrf="([^"]+)"', html))
    assert len(tokens) == 1
    assert html.count('class="inline reaction-form"') == 8      # two posts, four kinds each
    assert str(cards.CSRF_STAND_IN) not in html


def test_reaction_bookmark_and_sanction_are_shown_at_once(client, auth):
    t = make_thread()
    reply = make_reply(t.thread, body="Me too, every winter")
    member = make_user()
    auth.login(member)
    html = _page(client, t.thread.id)
    assert 'aria-pressed="true"' not in html and "Saved (remove)" not in html
    reactions.react(actor=member, target_type="post", target_id=reply.post.id, kind="hug", on=True)
    following.set_bookmark(actor=member, post=reply.post, on=True)
    html = _page(client, t.thread.id)
    assert html.count('aria-pressed="true"') == 1 and "Saved (remove)" in html
    assert '<span class="reaction-count">1</span>' in html

    own = make_reply(t.thread, author=member, body="My own reply")
    assert f'href="/posts/{own.post.id}/edit"' in _page(client, t.thread.id)
    db.session.execute(sa.update(User).where(User.id == member.id)
                       .values(muted_until=dt.datetime.now(dt.UTC) + dt.timedelta(days=1)))
    db.session.commit()
    html = _page(client, t.thread.id)
    assert f'href="/posts/{own.post.id}/edit"' not in html and f'action="/posts/{own.post.id}/delete"' in html


def test_visitor_sees_counts_without_forms(client):
    t = make_thread()
    reactions.react(actor=make_user(), target_type="post", target_id=t.post.id, kind="heart", on=True)
    html = _page(client, t.thread.id)
    assert 'class="inline reaction-form"' not in html and "csrf_token" not in html
    assert '<span class="reaction" data-kind="heart">' in html and 'class="post-actions"' in html


def test_mark_helpful_follows_the_badge(client, auth):
    asker = make_user()
    q = make_thread(author=asker, is_question=True)
    doc = make_clinician()
    make_reply(q.thread, author=doc, body="General advice")
    auth.login(asker)
    assert "Mark as helpful" in _page(client, q.thread.id)
    clinicians.revoke(actor=make_user(Role.ADMIN), verification=doc.verifications[0], reason="Registration lapsed")
    html = _page(client, q.thread.id)
    assert "General advice" in html and "Mark as helpful" not in html


def test_blank_reply_form_comes_from_the_cache_and_a_refused_reply_keeps_its_text(client, auth, monkeypatch):
    t = make_thread()
    auth.login(make_user())
    first = _page(client, t.thread.id)
    built = []
    real = cards.ReplyForm
    monkeypatch.setattr(cards, "ReplyForm", lambda *a, **k: built.append(1) or real(*a, **k))
    second = _page(client, t.thread.id)
    assert built == []                                   # no form object on a page view
    assert 'id="reply-form"' in second and str(cards.CSRF_STAND_IN) not in second
    assert second.count('data-mention-url="/c/') == 1
    strip = r'value="[^"]+" name="csrf_token"|name="csrf_token" value="[^"]+"|data-csrf="[^"]+"'
    assert re.sub(strip, "", second) == re.sub(strip, "", first)
    resp = client.post(f"/t/{t.thread.id}/reply", data={"body": "x" * 20001})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "x" * 20001 in html and 'class="field has-error"' in html
    assert str(cards.CSRF_STAND_IN) not in html
    assert 'class="field has-error"' not in _page(client, t.thread.id)     # the cached blank form is untouched


def test_no_reply_form_for_a_visitor_or_a_muted_member(client, auth):
    t = make_thread()
    assert 'id="reply-form"' not in _page(client, t.thread.id)
    auth.login(make_user(muted_until=dt.datetime.now(dt.UTC) + dt.timedelta(days=1)))
    assert 'id="reply-form"' not in _page(client, t.thread.id)
