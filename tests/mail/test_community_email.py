"""Community email other than notifications, through a real SMTP server (aiosmtpd): urgent
announcements (in bulk, after the commit, to members concerned who can be emailed), feedback
alerts and escalations (through the outbox), and the periodic runner that escalates and
sweeps without cron."""
from __future__ import annotations

import datetime as dt
import html

import sqlalchemy as sa
from flask import Flask

from community import periodic
from community.auth.models import Role
from community.db import utcnow
from community.education import announcements
from community.extensions import db
from community.feedback import care, services as feedback
from community.feedback.models import Feedback
from community.forums import services as forums
from community.mail import preferences
from community.mail.delivery import drain
from community.mail.models import OutboxMail
from community.moderation.models import ItemState, QueueItem
from tests.factories import make_condition, make_thread, make_user, statements

from .smtp import SMTPServer

BASE = "https://community.example-hospital.org"
WARD = "City Hospital/Cardiology/Ward 3"
WRONG_DOSE = "I was given the wrong dose of my water tablet on the ward and nobody noticed."
CRISIS = "I can't do this anymore, I have the pills saved and I'm going to take them all tonight"


def _verified(role: Role = Role.PATIENT, **fields):  # type: ignore[no-untyped-def]
    n = make_user(role)
    n.email, n.email_verified_at = f"{n.username}@example.org", utcnow()
    for k, v in fields.items():
        setattr(n, k, v)
    db.session.commit()
    return n


def _parts(msg) -> str:  # type: ignore[no-untyped-def]
    return msg.get_body(("plain",)).get_content() + html.unescape(msg.get_body(("html",)).get_content())


def test_an_urgent_announcement_emails_the_members_who_can_be_emailed(app: Flask, smtp: SMTPServer) -> None:
    app.config["BASE_URL"] = BASE
    admin = _verified(Role.ADMIN)
    cond, other = make_condition(name="Asthma"), make_condition()
    inside = [_verified() for _ in range(25)]
    unconfirmed = make_user(email="unconfirmed@example.org")
    turned_off = _verified()
    preferences.set_mode(user_id=turned_off.id, mode="off")
    banned = _verified(banned_at=utcnow())
    outside = _verified()
    for u in (*inside, unconfirmed, turned_off, banned, admin):
        forums.join_condition(actor=u, condition=cond)
    forums.join_condition(actor=outside, condition=other)
    db.session.commit()
    with statements() as stmts:
        a = announcements.create_announcement(actor=admin, title="Measles case at the clinic", level="urgent",
                                              body="If you were in the waiting room on Monday, call us.", condition=cond)
    inserts = [s for s in stmts if s.lstrip().upper().startswith("INSERT INTO MAIL_OUTBOX")]
    assert len(inserts) == 1                                   # one statement for all of them
    queued = db.session.scalars(sa.select(OutboxMail.to_addr).order_by(OutboxMail.id)).all()
    assert sorted(queued) == sorted(u.email for u in inside)   # not the unconfirmed, the off, the banned, the author, outside
    assert drain().sent == len(inside)
    got = smtp.inbox.wait_for(len(inside))
    assert len(got) == len(inside)
    msg = got[0].message
    assert msg["Subject"] == "Urgent announcement from Harbor"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    own = str(msg["List-Unsubscribe"]).strip().strip("<>")
    body = _parts(msg)
    assert "Measles case at the clinic" in body and "Asthma" in body and f"{BASE}/announcements/{a.id}" in body
    assert "waiting room" not in body                          # the text stays on Harbor
    assert own in body                                         # each member's own unsubscribe link in the body
    assert len({str(r.message["List-Unsubscribe"]) for r in got}) == len(inside)


def test_an_info_announcement_is_in_app_only(app: Flask, smtp: SMTPServer) -> None:
    admin = _verified(Role.ADMIN)
    _verified(), _verified()
    announcements.create_announcement(actor=admin, title="New parking rules", body="From June.", level="info")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 0


def test_a_site_wide_urgent_announcement_reaches_every_member_who_can_be_emailed(app: Flask, smtp: SMTPServer) -> None:
    admin = _verified(Role.ADMIN)
    members = [_verified(), _verified(Role.CLINICIAN), _verified(Role.MODERATOR)]
    make_user(email="nope@example.org")
    announcements.create_announcement(actor=admin, title="Service change", body="Phones down today.", level="urgent")
    assert drain().sent == 3
    assert sorted(r.rcpt_tos[0] for r in smtp.inbox.wait_for(3)) == sorted(m.email for m in members)


def test_feedback_alerts_arrive_through_the_outbox(app: Flask, smtp: SMTPServer) -> None:
    app.config["BASE_URL"] = BASE
    ward = care.add_service(actor=None, path=WARD)
    wants, not_wanted = _verified(Role.QUALITY), _verified(Role.QUALITY)
    care.subscribe(actor=wants, service_id=ward.id, email=True)
    care.subscribe(actor=not_wanted, service_id=ward.id)
    record = feedback.give_feedback(actor=make_user(), text="Jo on Ward 3 was lovely, my number is 07700 900123.",
                                    service=WARD)
    assert drain().sent == 1
    (got,) = smtp.inbox.wait_for(1)
    assert got.rcpt_tos == [wants.email] and got.message["Subject"] == f"New feedback about {WARD}."
    body = _parts(got.message)
    assert f"{BASE}/quality/feedback/{record.id}" in body and "07700" not in body and "lovely" not in body
    assert got.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    preferences.set_mode(user_id=wants.id, mode="off")         # turned off: no more alerts by email
    db.session.commit()
    feedback.give_feedback(actor=make_user(), text="Fine.", service=WARD)
    assert drain().sent == 0


def test_the_periodic_runner_escalates_feedback_and_sweeps_crises(app: Flask, smtp: SMTPServer) -> None:
    app.config["BASE_URL"] = BASE
    care.add_service(actor=None, path=WARD)
    admin = _verified(Role.ADMIN)
    _verified(Role.QUALITY)
    record = feedback.give_feedback(actor=make_user(), text=WRONG_DOSE, service=WARD)
    assert record.critical
    drain()
    before = len(smtp.inbox.wait_for(1))                      # the quality team's alert
    hours = app.config["CRITICAL_ACK_HOURS"]
    db.session.execute(sa.update(Feedback).where(Feedback.id == record.id)
                       .values(created_at=utcnow() - dt.timedelta(hours=hours, minutes=1)))
    t = make_thread(author=make_user(), body=CRISIS)
    item = db.session.query(QueueItem).filter_by(target_type="post", target_id=t.post.id).one()
    item.created_at = utcnow() - dt.timedelta(minutes=app.config["CRISIS_CLAIM_MINUTES"] + 1)
    db.session.commit()
    periodic.reset_local(app)
    ran = periodic.run_due(app, force=True)
    assert {"feedback.escalate", "moderation.sweep"} <= set(ran)
    db.session.expire_all()
    assert db.session.get(Feedback, record.id).escalated_at is not None
    assert db.session.get(QueueItem, item.id).state == ItemState.ESCALATED
    assert drain().sent >= 1
    # Two emails to the admin: the feedback escalation, and the crisis item's (moderation/oncall.py).
    got = smtp.inbox.wait_for(before + 2)
    to_admin = [r for r in got[before:] if r.rcpt_tos == [admin.email]]
    escalation = [r for r in to_admin if "has not been acknowledged" in str(r.message["Subject"])]
    assert escalation and "water tablet" not in _parts(escalation[0].message)
    assert any("crisis item was escalated" in str(r.message["Subject"]) for r in to_admin)
    # The next turn is not due yet: nothing runs twice.
    db.session.commit()                                        # (SQLite: the test's read must not hold the lock)
    assert "feedback.escalate" not in periodic.run_due(app, force=True)
    periodic.reset_local(app)
