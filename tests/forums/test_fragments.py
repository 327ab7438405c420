"""Each post's viewer-independent HTML is cached by everything it shows: an edit, a badge
revoked, a note added, a rename or a moderation decision never serves the old fragment."""
from __future__ import annotations

from community.auth import services as accounts
from community.auth.services import ProfileChange
from community.clinicians import services as clinicians
from community.extensions import db
from community.forums import services as forums
from community.moderation import services as moderation
from tests.factories import PASSWORD, make_clinician, make_thread, make_user

NHS = {"title": "NHS: asthma", "url": "https://www.nhs.uk/conditions/asthma/"}


def _page(client, thread_id):
    return client.get(f"/t/{thread_id}").get_data(as_text=True)


def test_changes_show_at_once_through_the_cache(app, client):
    author = make_user()
    result = make_thread(author=author, body="First words.")
    doc = make_clinician(specialty="Cardiology")
    reply = forums.reply(actor=doc, thread=result.thread, body="General advice here.")
    tid = result.thread.id
    assert "First words." in _page(client, tid) and "Verified clinician · Cardiology" in _page(client, tid)

    forums.edit_post(actor=author, post=result.post, body="Second words.")
    page = _page(client, tid)
    assert "Second words." in page and "First words." not in page and "(edited)" in page

    verification = clinicians.current_verification(doc)
    clinicians.revoke(actor=make_user("admin"), verification=verification, reason="licence lapsed")
    db.session.expire_all()
    assert "Verified clinician · Cardiology" not in _page(client, tid)

    moderation.add_context_note(actor=make_user("moderator"), post=reply.post, body="Please see your own GP.", sources=[NHS])
    assert "Please see your own GP." in _page(client, tid)

    accounts.update_profile(actor=author, change=ProfileChange(display_name="Renamed Rosa", bio=None, email=None,
                                                               public_condition_ids=set()))
    assert "Renamed Rosa" in _page(client, tid)

    client.post("/login", data={"username": author.username, "password": PASSWORD})
    assert "Edit" in _page(client, tid)                    # the viewer's actions are not cached
