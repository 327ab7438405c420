"""The thread page's cache of rendered post cards (community/forums/fragments.py): it is used,
and after an edit, a moderation decision, a badge revoked or expired, a renamed author or a
new note, no reader is ever served the old card."""
from __future__ import annotations

import datetime as dt

import pytest

from community.auth.models import Role
from community.extensions import db
from community.forums import fragments
from community.forums import services as forums
from community.moderation import queue
from community.moderation.services import add_context_note
from tests.factories import make_clinician, make_reply, make_thread, make_user

BADGE = "Verified clinician · Pulmonology"

NHS = {"title": "NHS: asthma", "url": "https://www.nhs.uk/conditions/asthma/"}


def _page(client, thread) -> str:
    resp = client.get(f"/t/{thread.id}")
    assert resp.status_code == 200
    return resp.get_data(as_text=True)


def test_cards_come_from_the_cache_on_the_second_view(client, monkeypatch):
    t = make_thread(body="First visit text")
    make_reply(t.thread, body="A reply")
    first = _page(client, t.thread)
    renders = []
    real = fragments.get_template_attribute
    monkeypatch.setattr(fragments, "get_template_attribute", lambda *a: renders.append(a) or real(*a))
    assert _page(client, t.thread) == first
    assert renders == []


def test_edit_is_shown_at_once(client):
    t = make_thread(body="Before the edit")
    assert "Before the edit" in _page(client, t.thread)
    forums.edit_post(actor=t.thread.author, post=t.post, body="After the edit")
    html = _page(client, t.thread)
    assert "After the edit" in html and "Before the edit" not in html and "(edited)" in html


def test_badge_revoked_or_expired_disappears_at_once(client):
    from community.clinicians import services as clinicians

    t = make_thread()
    doc = make_clinician()
    make_reply(t.thread, author=doc, body="General advice")
    html = _page(client, t.thread)
    assert BADGE in html and "clinician-footer" in html
    verification = doc.verifications[0]
    clinicians.revoke(actor=make_user(Role.ADMIN), verification=verification, reason="Registration lapsed")
    html = _page(client, t.thread)
    assert "General advice" in html and BADGE not in html and "clinician-footer" not in html

    doc2 = make_clinician(specialty="Cardiology")
    make_reply(t.thread, author=doc2, body="More advice")
    assert "Verified clinician · Cardiology" in _page(client, t.thread)
    doc2.verifications[0].expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    db.session.commit()
    assert "Verified clinician · Cardiology" not in _page(client, t.thread)


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=1)
def test_moderation_decision_is_shown_at_once(client, auth):
    t = make_thread(body="Opening post")
    newcomer = make_user(trusted=False)
    held = make_reply(t.thread, author=newcomer, body="call me on the number")
    assert str(held.status) == "pending"
    auth.login(newcomer)
    html = _page(client, t.thread)
    assert "call me on the number" in html and "Waiting for review" in html
    mod = make_user(Role.MODERATOR)
    queue.decide(actor=mod, item=queue.list_items(actor=mod)[0], action="edit_approve", body="call me")
    html = _page(client, t.thread)
    assert "call me on the number" not in html and "Waiting for review" not in html and "<p>call me</p>" in html
    auth.logout()
    assert "<p>call me</p>" in _page(client, t.thread)


def test_renamed_author_and_new_note_are_shown_at_once(client):
    t = make_thread(body="Opening post")
    assert t.thread.author.username in _page(client, t.thread)
    t.thread.author.display_name = "Sam from Leeds"
    db.session.commit()
    assert "Sam from Leeds" in _page(client, t.thread)
    add_context_note(actor=make_user(Role.MODERATOR), post=t.post, body="Check with your nurse first.", sources=[NHS])
    html = _page(client, t.thread)
    assert "Moderator note" in html and "Check with your nurse first." in html
