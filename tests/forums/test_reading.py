"""The thread page's one-statement read (`reading.thread_page`): the same posts, notes, badges
and visibility as the separate reads, whatever mix of notes and verifications a post has."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from community.clinicians.models import Verification, VerificationStatus
from community.extensions import db
from community.forums import reading
from community.forums.models import Status, Thread
from community.forums.services import set_status
from community.moderation.services import add_context_note
from tests.factories import make_clinician, make_reply, make_thread, make_user, statements

NHS = {"title": "NHS: asthma", "url": "https://www.nhs.uk/conditions/asthma/"}


def test_a_visitor_reads_the_thread_page_in_one_statement(app, client):
    t = make_thread().thread
    for _ in range(5):
        make_reply(t, author=make_user())
    make_reply(t, author=make_clinician())
    path = f"/t/{t.id}"
    client.get("/login")   # per-process caches warm, as on a running server (the announcements list)
    with statements() as seen:
        assert client.get(path).status_code == 200
    selects = [s for s in seen if not s.lstrip().upper().startswith("BEGIN")]
    assert len(selects) == 1, selects


def test_notes_and_verifications_each_show_once(app, client):
    clinician = make_clinician(specialty="Endocrinology")
    # An older, revoked verification beside the current one: two verification rows to join.
    db.session.add(Verification(user_id=clinician.id, specialty="Old specialty", status=VerificationStatus.REVOKED,
                                expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)))
    db.session.commit()
    t = make_thread().thread
    answer = make_reply(t, author=clinician, body="General information about insulin timing.").post
    make_reply(t, body="Thanks, that helps.")
    moderator = make_user("moderator")
    add_context_note(actor=moderator, post=answer, body="First note: see the clinic leaflet.", sources=[NHS])
    add_context_note(actor=moderator, post=answer, body="Second note: updated guidance.", sources=[NHS])
    tid, answer_id = t.id, answer.id
    db.session.expunge_all()

    shown = reading.thread_page(viewer=None, thread_id=tid)
    assert [p.id for p in shown.page.items] == sorted(p.id for p in shown.page.items)
    assert len(shown.page.items) == 3            # opening post, the answer, the thanks
    # (each note's HTML ends with its rendered sources)
    assert [n.body_html.split('<p class="note-sources-label">')[0] for n in shown.notes[answer_id]] == [
        "<p>First note: see the clinic leaflet.</p>\n", "<p>Second note: updated guidance.</p>\n"]
    card = next(p for p in shown.page.items if p.id == answer_id)
    assert [v.specialty for v in card.author.verifications] == ["Endocrinology", "Old specialty"]
    html = client.get(f"/t/{tid}").get_data(as_text=True)
    assert html.count("Verified clinician · Endocrinology") == 1
    assert html.count("First note: see the clinic leaflet.") == 1 and html.count("Second note") == 1


def test_page_past_the_last_post_still_has_its_thread(app, client):
    t = make_thread(title="A thread with few replies").thread
    last = make_reply(t).post
    from community.pagination import encode

    shown = reading.thread_page(viewer=None, thread_id=t.id, cursor=encode(last.id))
    assert shown.thread.title == "A thread with few replies" and shown.page.items == [] and shown.page.next is None
    assert client.get(f"/t/{t.id}?cursor={encode(last.id)}").status_code == 200


def test_keyset_pages_cover_every_visible_post_once(app):
    opened = make_thread()
    t = opened.thread
    ids = [opened.post.id] + [make_reply(t, author=make_user()).post.id for _ in range(6)]
    held = make_reply(t, author=make_user()).post
    set_status(held, Status.PENDING)
    db.session.commit()
    seen, cursor = [], None
    while True:
        shown = reading.thread_page(viewer=None, thread_id=t.id, cursor=cursor, limit=3)
        seen += [p.id for p in shown.page.items]
        cursor = shown.page.next
        if cursor is None:
            break
    assert seen == ids
    moderator = make_user("moderator")
    assert held.id in [p.id for p in reading.thread_page(viewer=moderator, thread_id=t.id, limit=50).page.items]
    assert held.id in [p.id for p in reading.thread_page(viewer=held.author, thread_id=t.id, limit=50).page.items]
    assert held.id not in [p.id for p in reading.thread_page(viewer=make_user(), thread_id=t.id, limit=50).page.items]


def test_a_visitor_reads_the_condition_page_in_one_statement_with_badges(app, client):
    t = make_thread(title="Thread by a patient").thread
    slug = t.condition.slug
    make_thread(condition=t.condition, author=make_clinician(specialty="Respiratory medicine"), title="Thread by a clinician")
    client.get("/login")   # per-process caches warm, as on a running server (the announcements list)
    with statements() as seen:
        html = client.get(f"/c/{slug}").get_data(as_text=True)
    assert len([s for s in seen if not s.lstrip().upper().startswith("BEGIN")]) == 1
    assert "Thread by a patient" in html and "Thread by a clinician" in html
    assert html.count("Verified clinician · Respiratory medicine") == 1
    assert client.get("/c/no-such-condition").status_code == 404


def test_condition_pages_list_published_threads_once_by_latest_activity(app, client, auth):
    cond = make_thread(title="The first thread here").thread.condition
    slug = cond.slug
    for i in range(6):
        make_thread(condition=cond, author=make_user(), title=f"Another thread {i}")
    held_start = make_thread(condition=cond, author=make_user(), title="A held thread")
    held = held_start.thread
    set_status(held_start.post, Status.PENDING)
    db.session.commit()
    expected = list(db.session.scalars(sa.select(Thread.id).where(Thread.condition_id == cond.id, Thread.status == Status.PUBLISHED)
                                       .order_by(Thread.last_activity_at.desc(), Thread.id.desc())))
    seen, cursor = [], None
    while True:
        shown = reading.condition_page(viewer=None, slug=slug, cursor=cursor, limit=4)
        seen += [t.id for t in shown.page.items]
        cursor = shown.page.next
        if cursor is None:
            break
    assert seen == expected and held.id not in seen and len(seen) == 7
    member = make_user()
    assert reading.condition_page(viewer=member, slug=slug).joined is False
    auth.login(member)
    client.post(f"/c/{slug}/join")
    assert reading.condition_page(viewer=member, slug=slug).joined is True
    assert "Leave community" in client.get(f"/c/{slug}").get_data(as_text=True)
