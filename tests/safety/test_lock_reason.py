"""A thread's lock reason was cut to 300 characters without a word (QA). Now a longer one is
refused, the moderator is told the limit, and the form keeps what they typed."""
from __future__ import annotations

import pytest

from community.errors import Invalid
from community.extensions import db
from community.forums.models import Thread
from community.moderation import safety
from tests.factories import make_thread, make_user, token_for

LONG = "Heated exchange about treatments; " * 12 + "we reopen it on Monday."     # 431 characters


def test_a_long_reason_is_refused_not_cut(app):
    t, mod = make_thread(), make_user("moderator")
    with pytest.raises(Invalid) as err:
        safety.set_thread_controls(actor=mod, thread=t.thread, locked=True, reason=LONG)
    assert err.value.field == "reason" and "at most 300 characters" in err.value.message
    db.session.rollback()
    assert db.session.get(Thread, t.thread.id).locked_at is None
    exact = "x" * 300
    safety.set_thread_controls(actor=mod, thread=t.thread, locked=True, reason=exact)
    assert db.session.get(Thread, t.thread.id).lock_reason == exact


def test_the_form_keeps_the_reason_and_says_why(app, client, auth):
    t = make_thread()
    auth.login(make_user("moderator"))
    resp = client.post(f"/t/{t.thread.id}/controls", data={"locked": "1", "reason": LONG, "slow_mode_seconds": "30"})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert 'id="lock-reason-error"' in page and "at most 300 characters" in page
    assert f'value="{LONG}"' in page and 'name="slow_mode_seconds" type="number" min="0" max="86400" value="30"' in page
    db.session.expire_all()
    assert db.session.get(Thread, t.thread.id).locked_at is None
    bad_slow = client.post(f"/t/{t.thread.id}/controls", data={"locked": "1", "reason": "Cooling off", "slow_mode_seconds": "soon"})
    page = bad_slow.get_data(as_text=True)
    assert bad_slow.status_code == 422 and 'id="slow-mode-error"' in page and 'value="Cooling off"' in page
    ok = client.post(f"/t/{t.thread.id}/controls", data={"locked": "1", "reason": "Cooling off", "slow_mode_seconds": "0"})
    assert ok.status_code == 302


def test_the_api_refuses_a_long_reason(app, client):
    t, mod = make_thread(), make_user("moderator")
    resp = client.patch(f"/api/v1/threads/{t.thread.id}", headers=token_for(client, mod), json={"locked": True, "reason": LONG})
    assert resp.status_code == 422 and resp.json["error"]["code"]
    assert "300" in resp.json["error"]["message"]
