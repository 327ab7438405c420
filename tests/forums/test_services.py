"""Forum rules: conditions, threads, replies, edits with revisions, deletion, visibility,
counts derived from published posts only, keyset paging."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.auth.models import Role
from community.errors import Conflict, Invalid, NotAllowed, NotFound
from community.extensions import db
from community.forums import reading, services
from community.forums.models import PostRevision, Status
from tests.factories import make_condition, make_reply, make_thread, make_user


def test_admin_creates_condition_others_cannot(app):
    admin = make_user(Role.ADMIN)
    cond = services.create_condition(actor=admin, slug="asthma", name="Asthma", description="d", guidelines="g")
    assert cond.slug == "asthma"
    with pytest.raises(Conflict):
        services.create_condition(actor=admin, slug="asthma", name="Asthma again")
    for role in ("patient", "clinician", "moderator", "quality"):
        with pytest.raises(NotAllowed):
            services.create_condition(actor=make_user(role), slug=f"x-{role}", name="X")
    with pytest.raises(Invalid):
        services.create_condition(actor=admin, slug="Bad Slug!", name="X")


def test_joined_conditions_come_first(app):
    a, b, c = make_condition(name="Alpha"), make_condition(name="Beta"), make_condition(name="Gamma")
    member = make_user()
    services.join_condition(actor=member, condition=c)
    names = [cond.name for cond, _ in services.list_conditions(viewer=member)]
    assert names == ["Gamma", "Alpha", "Beta"]


def test_thread_and_replies_update_counts(app):
    result = make_thread()
    thread = result.thread
    assert result.status == Status.PUBLISHED and thread.reply_count == 0
    make_reply(thread)
    r2 = make_reply(thread)
    assert thread.reply_count == 2
    assert thread.last_activity_at == r2.post.created_at


def test_validation_limits(app):
    cond, member = make_condition(), make_user()
    with pytest.raises(Invalid) as e:
        services.start_thread(actor=member, condition=cond, title="Hi", body="body")
    assert e.value.field == "title"
    with pytest.raises(Invalid) as e:
        services.start_thread(actor=member, condition=cond, title="A fine title", body="   ")
    assert e.value.field == "body"
    with pytest.raises(Invalid):
        services.start_thread(actor=member, condition=cond, title="A fine title", body="x" * 20001)
    assert db.session.scalar(sa.text("SELECT count(*) FROM threads")) == 0


def test_edit_keeps_earlier_version_for_moderators(app):
    author = make_user()
    result = make_thread(author=author, body="first version")
    services.edit_post(actor=author, post=result.post, body="second version", title="A better title")
    assert result.post.body == "second version" and result.post.edited_at is not None
    assert result.thread.title == "A better title"
    revs = db.session.scalars(sa.select(PostRevision)).all()
    assert [r.body for r in revs] == ["first version"]
    with pytest.raises(NotAllowed):
        services.revisions(actor=author, post=result.post)
    assert services.revisions(actor=make_user(Role.MODERATOR), post=result.post)[0].body == "first version"


def test_only_author_edits(app):
    result = make_thread()
    with pytest.raises(NotAllowed):
        services.edit_post(actor=make_user(), post=result.post, body="hijack")
    with pytest.raises(NotAllowed):
        services.edit_post(actor=make_user(Role.MODERATOR), post=result.post, body="hijack")


def test_delete_reply_and_thread(app):
    author = make_user()
    result = make_thread(author=author)
    reply = make_reply(result.thread, author=author)
    services.delete_post(actor=author, post=reply.post)
    assert result.thread.reply_count == 0
    with pytest.raises(NotFound):
        services.get_post(viewer=make_user(), post_id=reply.post.id)
    services.delete_post(actor=author, post=result.post)
    with pytest.raises(NotFound):
        services.get_thread(viewer=make_user(), thread_id=result.thread.id)


def test_others_cannot_delete_but_moderators_can(app):
    result = make_thread()
    with pytest.raises(NotAllowed):
        services.delete_post(actor=make_user(), post=result.post)
    services.delete_post(actor=make_user(Role.MODERATOR), post=result.post)


def test_keyset_paging_of_threads_and_posts(app):
    app.config["PAGE_SIZE"] = 3
    cond, author = make_condition(), make_user()
    for i in range(7):
        make_thread(author=author, condition=cond, title=f"Thread number {i}")
    seen, cursor = [], None
    while True:
        page = reading.condition_page(viewer=None, slug=cond.slug, cursor=cursor).page
        seen += [t.title for t in page.items]
        if not page.next:
            break
        cursor = page.next
    assert seen == [f"Thread number {i}" for i in reversed(range(7))]
    thread = make_thread(author=author, condition=cond).thread
    for i in range(5):
        make_reply(thread, author=author, body=f"reply {i}")
    p1 = reading.thread_page(viewer=None, thread_id=thread.id).page
    p2 = reading.thread_page(viewer=None, thread_id=thread.id, cursor=p1.next).page
    # the thread page's read model gives the rendered rows the pages show (no raw Markdown)
    assert [p.body_html for p in p1.items + p2.items][1:] == [f"<p>reply {i}</p>\n" for i in range(5)]
    with pytest.raises(Invalid):
        reading.thread_page(viewer=None, thread_id=thread.id, cursor="not-a-cursor")
