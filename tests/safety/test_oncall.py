"""The on-call list (SAFEGUARDING_CONTACTS): urgent crisis items and escalations reach the
staff and addresses on it in Harbor and by email; escalations email every admin; the emails
never carry what was written."""
import pytest

from community.db import utcnow
from community.extensions import db
from community.forums import services as forums
from community.mail.models import OutboxMail
from community.moderation import queue, safety
from community.moderation.models import QueueItem
from community.notifications.models import Notification
from tests.factories import make_condition, make_user

CRISIS = "I can't do this anymore, I have the pills saved and I'm going to take them all tonight"


def _staff(role, name, email):
    return make_user(role, username=name, email=email, email_verified_at=utcnow())


def _mail_to(addr):
    return db.session.query(OutboxMail).filter(OutboxMail.to_addr == addr).all()


def _notes(user, kind=None):
    q = db.session.query(Notification).filter_by(user_id=user.id)
    return q.filter_by(kind=kind).all() if kind else q.all()


def _crisis(cond=None):
    cond = cond or make_condition(name="Long Covid")
    t = forums.start_thread(actor=make_user(), condition=cond, title="Tonight", body=CRISIS)
    return t, db.session.query(QueueItem).filter_by(target_type="post", target_id=t.post.id).one()


@pytest.mark.config(SAFEGUARDING_CONTACTS=["oncall_mod", "safeguarding@trust.example.org", "pat_nobody", "not-an-address@"])
def test_a_crisis_item_reaches_the_on_call_list_in_app_and_by_email_without_the_text(app):
    mod = _staff("moderator", "oncall_mod", "oncall@example.org")
    other_mod = _staff("moderator", "off_duty", "offduty@example.org")
    member = make_user(username="pat_nobody")   # a member named on the list is not on call
    t, item = _crisis()
    [n] = _notes(mod, "crisis_alert")
    assert n.link == f"/moderation/queue/{item.id}" and "Long Covid" in n.text and "pills" not in n.text
    assert _notes(other_mod, "crisis_alert") == [] and _notes(member, "crisis_alert") == []
    for addr in ("oncall@example.org", "safeguarding@trust.example.org"):
        [mail] = _mail_to(addr)
        assert "Long Covid" in mail.subject + mail.text and f"/moderation/queue/{item.id}" in mail.text
        for secret in ("pills", "tonight", "Tonight", t.post.author.username):
            assert secret not in mail.subject and secret not in mail.text and secret not in (mail.html or "")
    assert _mail_to("offduty@example.org") == []


@pytest.mark.config(SAFEGUARDING_CONTACTS="oncall_mod, safeguarding@trust.example.org")
def test_an_escalation_notifies_and_emails_admins_and_the_on_call_list_once(app):
    mod = _staff("moderator", "oncall_mod", "oncall@example.org")
    admin = _staff("admin", "the_admin", "admin@example.org")
    unverified_admin = make_user("admin", username="admin_two", email="two@example.org")
    escalating = make_user("moderator")
    t, item = _crisis()
    before = len(_mail_to("oncall@example.org"))
    queue.decide(actor=escalating, item=item, action="escalate", reason="Said pills tonight, needs an admin now")
    assert len(_notes(admin, "escalation")) == 1 and len(_notes(unverified_admin, "escalation")) == 1
    assert len(_notes(mod, "escalation")) == 1
    [mail] = _mail_to("admin@example.org")
    assert "escalated" in mail.subject and "pills" not in mail.text and "needs an admin" not in mail.text
    assert _mail_to("two@example.org") == []   # no verified address: no email
    assert len(_mail_to("oncall@example.org")) == before + 1
    assert len(_mail_to("safeguarding@trust.example.org")) == 2   # the crisis, then the escalation


def test_without_an_on_call_list_an_escalation_still_emails_the_admins(app):
    admin = _staff("admin", "solo_admin", "solo@example.org")
    t, item = _crisis()
    safety.escalate(actor=make_user("moderator"), item=item, reason="Needs an admin")
    assert len(_mail_to("solo@example.org")) == 1 and len(_notes(admin, "escalation")) == 1
    # an admin who escalates isn't emailed about their own escalation
    t2, item2 = _crisis()
    safety.escalate(actor=admin, item=item2, reason="Mine")
    assert len(_mail_to("solo@example.org")) == 1
