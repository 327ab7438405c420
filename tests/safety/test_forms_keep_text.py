"""Moderators' forms that were refused kept nothing (QA): the check-in from a queue item and
from a member's page, and the queue's bulk reason. Each comes back (422) with the text typed
and the reason beside its field."""
from __future__ import annotations

import pytest

from community.moderation.models import ItemState, Outreach, QueueItem
from community.extensions import db
from tests.factories import make_thread, make_user

LONG = "We are thinking of you. " * 200       # over the 4,000 characters a check-in may have


def _item():
    author = make_user()
    t = make_thread(author=author, body="I can't do this anymore, I have the pills saved and I'm going to take them all tonight")
    return db.session.query(QueueItem).filter_by(target_type="post", target_id=t.post.id).one()


def test_a_refused_check_in_from_an_item_keeps_the_message(app, client, auth):
    item = _item()
    auth.login(make_user("moderator"))
    resp = client.post(f"/moderation/queue/{item.id}/outreach", data={"message": LONG + "<b>x</b>"})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 422 and db.session.query(Outreach).count() == 0
    assert 'id="outreach-msg-error"' in page and "at most 4,000 characters" in page
    assert "We are thinking of you. We are thinking" in page and "&lt;b&gt;x&lt;/b&gt;</textarea>" in page
    blank = client.post(f"/moderation/queue/{item.id}/outreach", data={"message": "   "})
    assert blank.status_code == 422 and "Write the message first." in blank.get_data(as_text=True)


def test_a_refused_check_in_from_a_member_page_keeps_the_message(app, client, auth):
    mod, member = make_user("moderator"), make_user()
    auth.login(mod)
    resp = client.post(f"/moderation/members/{member.username}/outreach", data={"message": LONG})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 422 and 'id="member-outreach-error"' in page and "We are thinking of you. We are" in page
    own = client.post(f"/moderation/members/{mod.username}/outreach", data={"message": "Checking in on myself"})
    assert own.status_code == 422 and "Checking in on myself</textarea>" in own.get_data(as_text=True)


@pytest.mark.config(NEW_MEMBER_HOLD_POSTS=2)
def test_a_refused_bulk_action_keeps_the_selection_and_reason(app, client, auth):
    for _ in range(2):
        make_thread(author=make_user(trusted=False))
    items = db.session.query(QueueItem).order_by(QueueItem.id).all()
    auth.login(make_user("moderator"))
    resp = client.post("/moderation/queue/bulk", data={"item": [str(items[0].id)], "action": "reject", "reason": "   "})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 422 and 'id="bulk-reason-error"' in page and "Give a reason" in page
    assert f'value="{items[0].id}" id="sel-{items[0].id}" checked' in page and f'id="sel-{items[1].id}">' in page
    long = client.post("/moderation/queue/bulk", data={"item": [str(i.id) for i in items], "action": "reject",
                                                       "reason": "Off topic " + "x" * 1000})
    page = long.get_data(as_text=True)
    assert long.status_code == 422 and "at most 1,000 characters" in page and 'value="Off topic xxx' in page
    db.session.expire_all()
    assert {i.state for i in items} == {ItemState.OPEN}
    nothing = client.post("/moderation/queue/bulk", data={"action": "approve"})
    assert nothing.status_code == 422 and "Select at least one item" in nothing.get_data(as_text=True)
