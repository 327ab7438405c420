"""A muted or suspended member sees why and until when (with an appeal link) instead of the
forms they can't use; a locked thread shows its reason and since when to everyone who can see it."""
import datetime as dt

from community.chat import services as chat
from community.db import utcnow
from community.extensions import db
from community.forums import services as forums
from community.moderation import safety, sanctions
from tests.chat.helpers import room_with_members
from tests.factories import make_thread, make_user

REASON = "Repeated personal attacks in Pacing"


def _muted(user, days=3):
    mod = make_user("moderator")
    return sanctions.sanction(actor=mod, user=user, kind="mute", reason=REASON, duration=dt.timedelta(days=days))


def test_a_muted_member_sees_why_until_when_and_where_to_appeal_instead_of_the_forms(app, client, auth):
    cond, (member, other), room = room_with_members(2)
    t = make_thread(author=other, condition=cond)
    conv = chat.request_conversation(actor=other, other=member)
    chat.answer_request(actor=member, room_id=conv.room_id, accept=True)
    row = _muted(member)
    auth.login(member)
    until = row.until.isoformat()
    pages = {
        f"/c/{cond.slug}": ("start threads or reply", "Start a thread"),
        f"/c/{cond.slug}/new": ("start threads", "Post thread"),
        f"/t/{t.thread.id}": ("reply", "Post reply"),
        f"/chat/{cond.slug}": ("send messages", 'id="chat-form"'),
        f"/chat/private/{conv.room_id}": ("send messages", 'id="chat-form"'),
    }
    for url, (what, form_marker) in pages.items():
        page = client.get(url).get_data(as_text=True)
        assert "You are muted" in page, url
        assert f"can't {what} until" in page.replace("&#39;", "'"), url
        assert f'<time datetime="{until}">' in page, url
        assert REASON in page and f"/appeals#appeal-s-{row.id}" in page, url
        assert form_marker not in page, url
    # the POST routes still refuse, and keep the text
    r = client.post(f"/c/{cond.slug}/new", data={"title": "A title here", "body": "My words stay here"})
    assert r.status_code == 422 and "My words stay here" in r.get_data(as_text=True)
    assert client.post(f"/t/{t.thread.id}/reply", data={"body": "a reply"}).status_code == 422
    # after appealing, the notice says the appeal is waiting
    safety.appeal(actor=member, text="I was quoting someone else, please look again.", sanction_id=row.id)
    page = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert "Your appeal is with the moderators" in page and "#appeal-s-" not in page


def test_a_member_who_may_write_sees_the_forms_and_no_notice(app, client, auth):
    cond, (member, other), room = room_with_members(2)
    t = make_thread(author=other, condition=cond)
    row = _muted(member)
    sanctions.lift(actor=make_user("moderator"), sanction_id=row.id)
    db.session.refresh(member)
    auth.login(member)
    page = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert "You are muted" not in page and "Post reply" in page
    assert "Start a thread" in client.get(f"/c/{cond.slug}").get_data(as_text=True)


def test_a_suspended_member_sees_the_suspension(app, client, auth):
    cond, (member, other), room = room_with_members(2)
    t = make_thread(author=other, condition=cond)
    until = utcnow() + dt.timedelta(days=30)
    sanctions.sanction(actor=make_user("moderator"), user=member, kind="suspend", reason="Spam links", until=until)
    auth.login(member)
    page = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert "Your account is suspended" in page and "Spam links" in page and "Post reply" not in page


def test_a_locked_thread_shows_its_reason_and_when_to_everyone(app, client, auth):
    t = make_thread()
    mod = make_user("moderator")
    safety.set_thread_controls(actor=mod, thread=t.thread, locked=True, reason="Heated: taking a pause until Monday")
    locked_at = t.thread.locked_at.isoformat()
    for who in (None, make_user(), t.thread.author):
        if who is not None:
            auth.login(who)
        page = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
        assert "This thread is locked" in page and "Heated: taking a pause until Monday" in page
        assert f'<time datetime="{locked_at}">' in page
        assert "Post reply" not in page
        if who is not None:
            auth.logout()
    auth.login(mod)
    page = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert "This thread is locked" in page and "Post reply" in page and "Save thread settings" in page
    client.post(f"/t/{t.thread.id}/controls", data={"reason": "", "slow_mode_seconds": "0"})
    auth.logout()
    page = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert "This thread is locked" not in page


def test_the_thread_read_model_carries_the_lock(app):
    from community.forums import reading

    t = make_thread()
    safety.set_thread_controls(actor=make_user("moderator"), thread=t.thread, locked=True, reason="Cooling off",
                               slow_mode_seconds=30)
    shown = reading.thread_page(viewer=None, thread_id=t.thread.id)
    assert shown.thread.lock_reason == "Cooling off" and shown.thread.locked_at is not None
    assert shown.thread.slow_mode_seconds == 30
    assert forums  # the services module is what set_thread_controls guards
