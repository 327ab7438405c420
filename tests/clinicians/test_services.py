"""Verification: applying, deciding, expiry, revocation, the badge and the boundaries."""
from __future__ import annotations

import datetime as dt

import pytest

from community import permissions
from community.clinicians import services
from community.clinicians.badges import badge_of
from community.clinicians.models import VerificationStatus
from community.db import utcnow
from community.errors import Conflict, Invalid, NotAllowed
from community.forums.models import Status
from tests.factories import make_clinician, make_reply, make_thread, make_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _application(**kw):
    data = dict(full_name="Amara Okafor", profession="nurse", specialty="Respiratory", licence_number="NMC 12A3456E",
                issuing_body="NMC", jurisdiction="UK", licence_expiry=dt.date.today() + dt.timedelta(days=800),
                agreed_conduct=True, document=PDF)
    data.update(kw)
    return services.Application(**data)


def _verifier():
    return make_user("moderator", is_verifier=True)


def test_apply_approve_gives_badge_for_a_year(app):
    applicant = make_user("clinician")
    v = services.apply(actor=applicant, application=_application())
    assert v.status == VerificationStatus.PENDING and badge_of(applicant) is None
    assert v.document_path and v.document_type == "application/pdf"
    services.approve(actor=_verifier(), verification=v, specialty="Pulmonology")
    assert badge_of(applicant) == {"kind": "verified_clinician", "specialty": "Pulmonology", "profession": "nurse"}
    assert abs((v.expires_at - utcnow()).days - 365) <= 1


def test_expiry_is_licence_expiry_when_sooner(app):
    applicant = make_user("clinician")
    soon = dt.date.today() + dt.timedelta(days=40)
    v = services.apply(actor=applicant, application=_application(licence_expiry=soon))
    services.approve(actor=_verifier(), verification=v)
    assert v.expires_at.date() == soon


@pytest.mark.parametrize("field,kw", [
    ("licence_expiry", {"licence_expiry": dt.date.today() - dt.timedelta(days=1)}),
    ("full_name", {"full_name": " "}),
    ("agreed_conduct", {"agreed_conduct": False}),
    ("document", {"document": b"MZ\x90\x00 not a pdf"}),
    ("document", {"document": b"%PDF-" + b"x" * (5 * 1024 * 1024)}),
    ("profession", {"profession": "wizard"}),
])
def test_bad_applications(app, field, kw):
    with pytest.raises(Invalid) as e:
        services.apply(actor=make_user(), application=_application(**kw))
    assert e.value.field == field


def test_one_open_application_and_more_info_round_trip(app):
    applicant, verifier = make_user(), _verifier()
    v = services.apply(actor=applicant, application=_application(document=None))
    with pytest.raises(Conflict):
        services.apply(actor=applicant, application=_application(document=None))
    services.request_info(actor=verifier, verification=v, message="Please attach your registration card")
    assert v.status == VerificationStatus.MORE_INFO
    services.answer_info(actor=applicant, verification=v, reply="Attached to my email? No - here is the number again")
    assert v.status == VerificationStatus.PENDING
    services.reject(actor=verifier, verification=v, reason="Registration not found")
    assert v.status == VerificationStatus.REJECTED and badge_of(applicant) is None


def test_only_verifiers_decide(app):
    v = services.apply(actor=make_user(), application=_application())
    for actor in (make_user(), make_user("moderator"), make_user("clinician"), make_user("quality")):
        with pytest.raises(NotAllowed):
            services.approve(actor=actor, verification=v)
    services.approve(actor=make_user("admin"), verification=v)


def test_revocation_and_expiry_drop_the_badge(app):
    clinician = make_clinician()
    assert badge_of(clinician)
    [v] = clinician.verifications
    services.revoke(actor=make_user("admin"), verification=v, reason="Licence lapsed")
    assert badge_of(clinician) is None
    other = make_clinician()
    other.verifications[0].expires_at = utcnow() - dt.timedelta(minutes=1)
    assert badge_of(other) is None


def test_expiry_notice_sent_once_30_days_before(app):
    clinician = make_clinician()
    v = clinician.verifications[0]
    v.expires_at = utcnow() + dt.timedelta(days=20)
    assert services.notify_expiring() == 1
    assert services.notify_expiring() == 0


def test_clinician_answer_marks_thread_and_helpful(app):
    asker = make_user()
    t = make_thread(author=asker, is_question=True, title="Does metformin upset settle?")
    make_reply(t.thread, body="Same here")
    assert not t.thread.clinician_answered
    clinician = make_clinician("Diabetes")
    answer = make_reply(t.thread, author=clinician, body="Often within weeks; ask about modified-release.")
    assert t.thread.clinician_answered
    with pytest.raises(NotAllowed):
        services.mark_helpful(actor=make_user(), post=answer.post)
    services.mark_helpful(actor=asker, post=answer.post)
    assert answer.post.marked_helpful
    assert services.waiting_questions(actor=clinician) == []


def test_waiting_list_and_question_alerts(app):
    from community.forums import services as forums
    from community.notifications.services import list_page

    clinician = make_clinician()
    asker = make_user()
    t = make_thread(author=asker, is_question=False)
    forums.join_condition(actor=clinician, condition=t.thread.condition)
    services.set_question_alerts(actor=clinician, on=True)
    q = make_thread(author=asker, condition=t.thread.condition, is_question=True, title="Inhaler before exercise?")
    assert [th.id for th in services.waiting_questions(actor=clinician)] == [q.thread.id]
    assert any("Inhaler before exercise?" in n.text for n in list_page(actor=clinician).items)
    with pytest.raises(NotAllowed):
        services.waiting_questions(actor=make_user("clinician"))  # not verified


@pytest.mark.parametrize("a,b,allowed", [("patient", "patient", True), ("clinician", "patient", False),
                                         ("patient", "clinician", False), ("clinician", "clinician", True),
                                         ("moderator", "patient", True)])
def test_dm_boundary(app, a, b, allowed):
    x, y = make_user(a), make_user(b)
    assert permissions.can_start_dm(x, y) is allowed
    assert permissions.can_start_dm(x, y, allow_clinician_patient=True) is True


def test_cli_verify_is_an_approval(runner, app):
    make_user("clinician", username="clin_cli")
    res = runner.invoke(args=["clinicians", "verify", "clin_cli", "--specialty", "Cardiology", "--licence", "GMC 1"])
    assert res.exit_code == 0, res.output
    from community.auth.services import get_user

    assert badge_of(get_user("clin_cli"))["specialty"] == "Cardiology"
    assert runner.invoke(args=["clinicians", "verify", "nobody_here", "--specialty", "X"]).exit_code != 0


def test_held_clinician_answer_does_not_count(app):
    from community.forums.services import set_status

    t = make_thread(is_question=True)
    answer = make_reply(t.thread, author=make_clinician())
    set_status(answer.post, Status.PENDING)
    assert not t.thread.clinician_answered


def test_a_clinician_set_back_to_patient_loses_the_badge(app):
    from community.auth import services as accounts
    from community.auth.models import Role
    from community.clinicians.badges import badge_of
    from tests.factories import make_clinician

    doc = make_clinician()
    assert badge_of(doc) is not None
    accounts.set_role(actor=None, user=doc, role=Role.PATIENT)
    assert badge_of(doc) is None
