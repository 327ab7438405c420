"""The safety workflow: outreach from the moderation team, escalation that reaches admins, the
crisis claim timer, appeals decided by another moderator, thread lock and slow mode, and the
audit CSV streamed in an app context."""
import datetime as dt

import pytest

from community.auth.models import Role
from community.db import utcnow
from community.errors import Conflict, Invalid, NotAllowed, NotFound, TooSoon
from community.extensions import db
from community.forums import services as forums
from community.moderation import queue, safety, sanctions
from community.moderation.models import ItemState, QueueItem
from community.notifications.models import Notification
from tests.factories import make_thread, make_user, token_for

CRISIS = "I can't do this anymore, I have the pills saved and I'm going to take them all tonight"


def _crisis_item():
    author = make_user()
    t = make_thread(author=author, body=CRISIS)
    item = db.session.query(QueueItem).filter_by(target_type="post", target_id=t.post.id).one()
    return author, t, item


def _notes(user, kind):
    return db.session.query(Notification).filter_by(user_id=user.id, kind=kind).all()


def test_outreach_comes_from_the_team_and_the_member_can_answer(app, client, auth):
    author, t, item = _crisis_item()
    mod = make_user(Role.MODERATOR)
    o = safety.reach_out(actor=mod, item=item, message="Hello, we wanted to check in with you.")
    assert item.outreach_by_id == mod.id and item.outreach_at is not None and item.claimed_by_id == mod.id
    [n] = _notes(author, "outreach")
    assert n.link == f"/outreach/{o.id}" and mod.username not in n.text
    auth.login(author)
    page = client.get(f"/outreach/{o.id}").get_data(as_text=True)
    assert "The moderation team" in page and mod.username not in page and mod.name not in page
    r = client.post(f"/outreach/{o.id}", data={"message": ""})
    assert r.status_code == 422
    client.post(f"/outreach/{o.id}", data={"message": "Thank you. I called my sister."})
    assert item.member_replied_at is not None and len(_notes(mod, "outreach_reply")) == 1
    auth.logout()
    auth.login(make_user())
    assert client.get(f"/outreach/{o.id}").status_code == 404


def test_only_moderators_reach_out(app):
    author, t, item = _crisis_item()
    for role in (Role.PATIENT, Role.CLINICIAN, Role.QUALITY):
        with pytest.raises(NotAllowed):
            safety.reach_out(actor=make_user(role), item=item, message="hi")


def test_escalation_notifies_every_admin(app):
    author, t, item = _crisis_item()
    admins = [make_user(Role.ADMIN) for _ in range(2)]
    mod = make_user(Role.MODERATOR)
    queue.decide(actor=mod, item=item, action="escalate", reason="Member may be in danger tonight")
    assert item.state == ItemState.ESCALATED
    for a in admins:
        [n] = _notes(a, "escalation")
        assert n.link == f"/moderation/queue/{item.id}" and "Urgent" in n.text
    assert _notes(mod, "escalation") == []


def test_an_unclaimed_crisis_alerts_again_and_escalates_once(app, runner):
    author, t, item = _crisis_item()
    admin = make_user(Role.ADMIN)
    assert safety.sweep_unclaimed_crises(now=utcnow() + dt.timedelta(minutes=5)) == 0
    later = utcnow() + dt.timedelta(minutes=11)
    assert safety.sweep_unclaimed_crises(now=later) == 1
    assert item.state == ItemState.ESCALATED and item.realerted_at == later
    assert len(_notes(admin, "escalation")) == 1
    assert safety.sweep_unclaimed_crises(now=later + dt.timedelta(minutes=30)) == 0
    assert "0 unclaimed" in runner.invoke(args=["moderation", "sweep"]).output


def test_a_claimed_crisis_does_not_escalate(app):
    author, t, item = _crisis_item()
    queue.claim(actor=make_user(Role.MODERATOR), item=item)
    assert safety.sweep_unclaimed_crises(now=utcnow() + dt.timedelta(hours=1)) == 0


def _rejected():
    author = make_user()
    t = make_thread(author=author, body="Buy my supplement, it fixes everything")
    decider = make_user(Role.MODERATOR)
    item = QueueItem(target_type="post", target_id=t.post.id, author_id=author.id, reasons=["flag"], findings=[], context=[])
    db.session.add(item)
    db.session.commit()
    queue.decide(actor=decider, item=item, action="reject", reason="Promotion is not allowed")
    return author, t, item, decider


def test_an_appeal_goes_to_a_different_moderator_once_and_can_restore_the_post(app):
    author, t, item, decider = _rejected()
    with pytest.raises(NotFound):
        safety.appeal(actor=make_user(), text="This was not mine to appeal", item_id=item.id)
    a = safety.appeal(actor=author, text="It was a genuine recommendation, not an advert.", item_id=item.id)
    with pytest.raises(Conflict):
        safety.appeal(actor=author, text="Again, please look at it.", item_id=item.id)
    appeal_item = db.session.query(QueueItem).filter_by(target_type="appeal", target_id=a.id).one()
    with pytest.raises(NotAllowed):
        queue.decide(actor=decider, item=appeal_item, action="approve")
    other = make_user(Role.MODERATOR)
    queue.decide(actor=other, item=appeal_item, action="approve")
    assert a.outcome == "upheld" and t.post.status == "published"
    assert len(_notes(author, "appeal_outcome")) == 1


def test_a_refused_appeal_needs_a_reason_and_a_sanction_appeal_can_lift_it(app):
    member = make_user()
    decider, other = make_user(Role.MODERATOR), make_user(Role.MODERATOR)
    s = sanctions.sanction(actor=decider, user=member, kind="mute", reason="Pile-on", duration=dt.timedelta(days=3))
    a = safety.appeal(actor=member, text="I was defending someone, not piling on.", sanction_id=s.id)
    item = db.session.query(QueueItem).filter_by(target_type="appeal", target_id=a.id).one()
    with pytest.raises(Invalid):
        queue.decide(actor=other, item=item, action="reject")
    queue.decide(actor=other, item=item, action="approve")
    assert s.lifted_at is not None and member.muted_until is None


def test_appeals_over_the_api_and_the_page(app, client, auth):
    author, t, item, decider = _rejected()
    h = token_for(client, author)
    assert client.post("/api/v1/appeals", headers=h, json={"text": "short", "item_id": item.id}).status_code == 422
    r = client.post("/api/v1/appeals", headers=h, json={"text": "Please reconsider: this was advice.", "item_id": item.id})
    assert r.status_code == 201 and r.json["id"]
    assert client.post("/api/v1/appeals", headers=h, json={"text": "Please reconsider: this was advice.",
                                                           "item_id": item.id}).status_code == 409
    q = client.get("/api/v1/moderation/queue", headers=token_for(client, make_user(Role.MODERATOR))).json["items"]
    assert any(i["target_type"] == "appeal" for i in q)
    auth.login(author)
    assert "waiting for a moderator" in client.get("/appeals").get_data(as_text=True)


def test_a_locked_thread_takes_no_replies_and_slow_mode_spaces_them(app, client):
    t = make_thread()
    mod, member = make_user(Role.MODERATOR), make_user()
    with pytest.raises(Invalid):
        safety.set_thread_controls(actor=mod, thread=t.thread, locked=True)
    with pytest.raises(NotAllowed):
        safety.set_thread_controls(actor=member, thread=t.thread, locked=True, reason="x")
    safety.set_thread_controls(actor=mod, thread=t.thread, locked=True, reason="Heated: taking a pause")
    with pytest.raises(Conflict) as err:
        forums.reply(actor=member, thread=t.thread, body="But I disagree")
    assert err.value.code == "locked" and "taking a pause" in err.value.message
    forums.reply(actor=mod, thread=t.thread, body="Moderators can still explain.")
    safety.set_thread_controls(actor=mod, thread=t.thread, locked=False, slow_mode_seconds=120)
    forums.reply(actor=member, thread=t.thread, body="One reply")
    with pytest.raises(TooSoon):
        forums.reply(actor=member, thread=t.thread, body="Two replies")


def test_heat_controls_over_the_api(app, client):
    t = make_thread()
    mod, member = make_user(Role.MODERATOR), make_user()
    path = f"/api/v1/threads/{t.thread.id}"
    assert client.patch(path, headers=token_for(client, member), json={"locked": True, "reason": "x"}).status_code == 403
    assert client.patch(path, headers=token_for(client, mod), json={"slow_mode_seconds": -1}).status_code == 422
    r = client.patch(path, headers=token_for(client, mod), json={"slow_mode_seconds": 60})
    assert r.status_code == 200 and r.json["slow_mode_seconds"] == 60
    h = token_for(client, member)
    assert client.post(f"{path}/posts", headers=h, json={"body": "First"}).status_code == 201
    r = client.post(f"{path}/posts", headers=h, json={"body": "Second"})
    assert r.status_code == 429 and r.json["error"]["code"] == "slow_mode"
    client.patch(path, headers=token_for(client, mod), json={"locked": True, "reason": "Cooling off"})
    r = client.post(f"{path}/posts", headers=h, json={"body": "Third"})
    assert r.status_code == 409 and r.json["error"]["code"] == "locked"


def test_outreach_and_escalate_over_the_api(app, client):
    author, t, item = _crisis_item()
    admin = make_user(Role.ADMIN)
    mod_h = token_for(client, make_user(Role.MODERATOR))
    assert client.post(f"/api/v1/moderation/items/{item.id}/outreach", headers=token_for(client, make_user()),
                       json={"message": "hi"}).status_code == 403
    assert client.post(f"/api/v1/moderation/items/{item.id}/outreach", headers=mod_h, json={"message": ""}).status_code == 422
    assert client.post(f"/api/v1/moderation/items/{item.id}/outreach", headers=mod_h,
                       json={"message": "We're here for you."}).status_code == 201
    assert len(_notes(author, "outreach")) == 1
    assert client.post(f"/api/v1/moderation/items/{item.id}/escalate", headers=mod_h, json={"reason": "Needs an admin"}).status_code == 200
    assert len(_notes(admin, "escalation")) == 1


def test_the_audit_csv_lists_decisions_with_formulas_neutralised(app, client, auth):
    author, t, item = _crisis_item()
    queue.decide(actor=make_user(Role.MODERATOR), item=item, action="escalate", reason="=cmd|' /C calc'!A0")
    auth.login(make_user(Role.ADMIN))
    r = client.get("/moderation/audit.csv")
    text = r.get_data(as_text=True)
    assert r.status_code == 200 and text.splitlines()[0].startswith("id,created_at,actor,action")
    assert "queue.escalate" in text and "'=cmd" in text     # formula neutralised


def test_trust_levels_progress_and_change_what_reports_can_do(app):
    from community.moderation import services as moderation
    from community.moderation import trust

    app.config.update(NEW_MEMBER_HOLD_POSTS=2, TRUST_MEMBER_DAYS=3, TRUST_TRUSTED_POSTS=5, TRUST_TRUSTED_DAYS=30,
                      REPORT_HIDE_THRESHOLD=3)
    newbie = make_user(trusted=False)
    assert trust.level(newbie) == trust.NEW
    newbie.approved_posts = 2
    assert trust.level(newbie) == trust.NEW                       # posts enough, but too young
    assert trust.level(newbie, now=utcnow() + dt.timedelta(days=4)) == trust.MEMBER
    assert trust.level(newbie, now=utcnow() + dt.timedelta(days=31)) == trust.MEMBER
    newbie.approved_posts = 5
    assert trust.level(newbie, now=utcnow() + dt.timedelta(days=31)) == trust.TRUSTED
    assert trust.level(make_user(Role.MODERATOR)) == trust.TRUSTED

    old = utcnow() - dt.timedelta(days=60)
    veteran = make_user(approved_posts=50, created_at=old)
    t = make_thread(author=make_user(approved_posts=3, created_at=old), body="An ordinary post")
    moderation.report(actor=veteran, target_type="post", target_id=t.post.id, reason="spam")
    assert t.post.status == "published"
    moderation.report(actor=make_user(approved_posts=3, created_at=old), target_type="post", target_id=t.post.id, reason="spam")
    assert t.post.status == "hidden"                               # 2 (trusted) + 1 reaches 3

    trusted_post = make_thread(author=make_user(approved_posts=50, created_at=old), body="A trusted member's post")
    for _ in range(4):
        moderation.report(actor=make_user(approved_posts=50, created_at=old), target_type="post",
                          target_id=trusted_post.post.id, reason="spam")
    assert trusted_post.post.status == "published"
    item = db.session.query(QueueItem).filter_by(target_type="post", target_id=trusted_post.post.id).one()
    assert item.report_count == 4                                   # still queued for a moderator


def test_young_accounts_have_links_held(app):
    app.config.update(NEW_MEMBER_HOLD_POSTS=2, TRUST_MEMBER_DAYS=3)
    t = make_thread()
    young = make_user(approved_posts=5)
    r = forums.reply(actor=young, thread=t.thread, body="See https://example.org/diet for my plan")
    assert r.status == "pending"
    old = make_user(approved_posts=5, created_at=utcnow() - dt.timedelta(days=5))
    assert forums.reply(actor=old, thread=t.thread, body="See https://example.org/diet for my plan").status == "published"
