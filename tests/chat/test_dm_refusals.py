"""When a member can't start a private conversation, they are told why (QA: "You can't start a
private conversation with this member" for every reason), except that a member blocked or
ignored by the other gets one neutral reason for both; and a profile offers "Ask for a private
conversation" only where one can start."""
from __future__ import annotations

import datetime as dt

import pytest

from community.chat import services
from community.db import utcnow
from community.errors import NotAllowed
from community.extensions import db
from community.ignoring import services as ignores
from tests.factories import make_clinician, make_user

ASK = "Ask for a private conversation"


def _refusal(actor, other) -> str:
    with pytest.raises(NotAllowed) as err:
        services.request_conversation(actor=actor, other=other)
    db.session.rollback()
    return err.value.message


def test_each_refusal_says_why(app):
    alice, bob = make_user(), make_user()
    assert "yourself" in _refusal(alice, alice)
    assert "Clinicians and patients" in _refusal(alice, make_clinician())
    closed = make_user(banned_at=utcnow())
    assert "account is closed" in _refusal(alice, closed)
    silenced = make_user(muted_until=utcnow() + dt.timedelta(hours=2))
    assert "can't send messages right now (until" in _refusal(silenced, bob)
    services.block(actor=alice, other=bob)
    assert _refusal(alice, bob) == f"You blocked {bob.name}: unblock them on Private conversations first."
    services.unblock(actor=alice, other=bob)
    ignores.ignore(actor=alice, other=bob)
    assert "You ignore this member" in _refusal(alice, bob)


def test_blocked_and_ignored_members_get_the_same_neutral_reason(app):
    alice, blocked, ignored = make_user(), make_user(), make_user()
    services.block(actor=alice, other=blocked)
    ignores.ignore(actor=alice, other=ignored)
    by_block, by_ignore = _refusal(blocked, alice), _refusal(ignored, alice)
    assert by_block == by_ignore == f"{alice.name} isn't taking private conversation requests from you."
    assert "ignor" not in by_ignore and "block" not in by_ignore
    assert "ignor" not in _refusal(ignored, alice).lower()


def test_request_page_names_the_reason(app, client, auth):
    alice, doc = make_user(), make_clinician()
    services.block(actor=doc, other=alice)
    auth.login(alice)
    page = client.get(f"/members/{doc.username}/message").get_data(as_text=True)
    assert "Clinicians and patients" in page and "isn't taking" not in page
    bob = make_user()
    ignores.ignore(actor=bob, other=alice)
    page = client.get(f"/members/{bob.username}/message").get_data(as_text=True)
    assert f"{bob.name} isn&#39;t taking private conversation requests from you." in page and ASK not in page.split("<h1")[1]
    resp = client.post(f"/members/{bob.username}/message")
    assert resp.status_code == 403 and "isn&#39;t taking private conversation requests" in resp.get_data(as_text=True)


def test_profile_offers_a_conversation_only_where_one_can_start(app, client, auth):
    alice, bob, carol, doc = make_user(), make_user(), make_user(), make_clinician()
    services.block(actor=carol, other=alice)
    ignores.ignore(actor=alice, other=bob)
    auth.login(alice)
    assert ASK in client.get(f"/members/{make_user().username}").get_data(as_text=True)
    for other in (bob, carol, doc, alice):
        assert ASK not in client.get(f"/members/{other.username}").get_data(as_text=True), other.username


@pytest.mark.config(ALLOW_CLINICIAN_PATIENT_DM=True)
def test_profile_link_follows_the_clinician_setting(app, client, auth):
    alice, doc = make_user(), make_clinician()
    auth.login(alice)
    assert ASK in client.get(f"/members/{doc.username}").get_data(as_text=True)
