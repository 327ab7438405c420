"""Feedback that closes the loop: the service tree, routing to a branch and its parents,
critical alerts and escalation (explicit clock), responses, "My feedback", publication with
consent (and its withdrawal), de-identification of what is published, response_status in
the export, and who may do what."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from community.auth.models import Role
from community.errors import Conflict, Invalid, NotAllowed, NotFound
from community.extensions import db
from community.feedback import alerts, care, corrections, responses, services
from community.feedback.models import Feedback
from community.notifications.models import Notification
from tests.factories import make_condition, make_user, token_for

from .helpers import export, read_csv

WARD = "City Hospital/Cardiology/Ward 3"
WRONG_DOSE = "I was given the wrong dose of my water tablet on the ward and nobody noticed."


def _kinds(user) -> list[tuple[str, str]]:
    return [(n.kind, n.text) for n in db.session.scalars(sa.select(Notification).where(Notification.user_id == user.id)
                                                         .order_by(Notification.id))]


def test_service_paths_add_their_parents_and_are_unique(app, runner):
    node = care.add_service(actor=None, path="  Cardiology / Ward  3 ")
    assert node.path == "Cardiology/Ward 3" and node.depth == 2
    parent = care.find_service("cardiology")
    assert parent is not None and node.parent_id == parent.id
    with pytest.raises(Conflict):
        care.add_service(actor=None, path="Cardiology/Ward 3")
    with pytest.raises(Invalid):
        care.add_service(actor=None, path="a/b/c/d/e")
    result = runner.invoke(args=["feedback", "services", "add", "Oncology/Day unit"])
    assert result.exit_code == 0 and "added Oncology/Day unit" in result.output
    again = runner.invoke(args=["feedback", "services", "add", "Oncology/Day unit"])
    assert again.exit_code != 0 and "already exists" in again.output
    assert care.find_service("Oncology") is not None


def test_only_admins_build_the_tree(app):
    for role in Role:
        user = make_user(role)
        if role == Role.ADMIN:
            assert care.add_service(actor=user, path=f"Site {user.id}")
        else:
            with pytest.raises(NotAllowed):
                care.add_service(actor=user, path=f"Site {user.id}")


def test_new_feedback_reaches_subscribers_of_its_branch_and_parents_only(app):
    ward = care.add_service(actor=None, path=WARD)
    other = care.add_service(actor=None, path="City Hospital/Oncology")
    top, cardiology = care.find_service("City Hospital"), care.find_service("City Hospital/Cardiology")
    on_top, on_cardio, on_ward, on_other = (make_user(Role.QUALITY) for _ in range(4))
    care.subscribe(actor=on_top, service_id=top.id)
    care.subscribe(actor=on_cardio, service_id=cardiology.id)
    care.subscribe(actor=on_ward, service_id=ward.id)
    care.subscribe(actor=on_other, service_id=other.id)
    services.give_feedback(actor=make_user(), text="The nurses on Ward 3 were lovely.", service=WARD)
    for u in (on_top, on_cardio, on_ward):
        assert _kinds(u) == [("feedback_new", f"New feedback about {WARD}.")]
    assert _kinds(on_other) == []
    # Feedback about a parent does not reach the subscribers of its children.
    services.give_feedback(actor=make_user(), text="Parking at the hospital was fine.", service="City Hospital")
    assert len(_kinds(on_top)) == 2 and len(_kinds(on_ward)) == 1


def test_notifications_never_carry_the_text(app):
    ward = care.add_service(actor=None, path=WARD)
    q = make_user(Role.QUALITY)
    care.subscribe(actor=q, service_id=ward.id)
    services.give_feedback(actor=make_user(), text="My name is Jo Bloggs, call me on 07700 900123.", service=WARD)
    (kind, text), = _kinds(q)
    assert "07700" not in text and "Jo" not in text


def test_email_is_queued_only_where_the_subscription_asks(app):
    from community.db import utcnow
    from community.mail.models import OutboxMail

    ward = care.add_service(actor=None, path=WARD)
    wants, not_wanted = (make_user(Role.QUALITY, email=f"q{i}@example.org", email_verified_at=utcnow()) for i in (1, 2))
    care.subscribe(actor=wants, service_id=ward.id, email=True)
    care.subscribe(actor=not_wanted, service_id=ward.id)
    services.give_feedback(actor=make_user(), text="Fine visit.", service=WARD)
    queued = db.session.execute(sa.select(OutboxMail.user_id, OutboxMail.kind, OutboxMail.text)).all()
    assert [(u, k) for u, k, _ in queued] == [(wants.id, "feedback_alert")]
    assert "Fine visit" not in queued[0][2]


def test_critical_alerts_at_once_and_escalates_when_not_acknowledged(app):
    ward = care.add_service(actor=None, path=WARD)
    q, admin = make_user(Role.QUALITY), make_user(Role.ADMIN)
    care.subscribe(actor=q, service_id=ward.id)
    record = services.give_feedback(actor=make_user(), text=WRONG_DOSE, service=WARD)
    assert record.critical
    assert _kinds(q) == [("feedback_critical", f"Critical feedback about {WARD}: please read and acknowledge it.")]
    t0 = record.created_at
    hours = app.config["CRITICAL_ACK_HOURS"]
    assert alerts.escalate_unacknowledged(now=t0 + dt.timedelta(hours=hours) - dt.timedelta(minutes=1)) == []
    assert _kinds(admin) == []
    assert alerts.escalate_unacknowledged(now=t0 + dt.timedelta(hours=hours)) == [record.id]
    assert [k for k, _ in _kinds(admin)] == ["escalation"]
    # Once only.
    assert alerts.escalate_unacknowledged(now=t0 + dt.timedelta(hours=hours * 3)) == []
    assert len(_kinds(admin)) == 1


def test_an_acknowledged_critical_item_does_not_escalate(app, runner):
    care.add_service(actor=None, path=WARD)
    q, admin = make_user(Role.QUALITY), make_user(Role.ADMIN)
    record = services.give_feedback(actor=make_user(), text=WRONG_DOSE, service=WARD)
    # Nobody follows the ward: all quality staff are alerted.
    assert [k for k, _ in _kinds(q)] == ["feedback_critical"]
    alerts.acknowledge_critical(actor=q, feedback_id=record.id, now=record.created_at + dt.timedelta(hours=1))
    assert alerts.escalate_unacknowledged(now=record.created_at + dt.timedelta(days=2)) == []
    assert _kinds(admin) == [] and alerts.open_critical_count() == 0
    result = runner.invoke(args=["feedback", "escalate"])
    assert result.exit_code == 0 and "escalated 0" in result.output
    with pytest.raises(NotAllowed):
        alerts.acknowledge_critical(actor=make_user(), feedback_id=record.id)
    plain = services.give_feedback(actor=make_user(), text="Fine visit.", service=WARD)
    with pytest.raises(Conflict):
        alerts.acknowledge_critical(actor=q, feedback_id=plain.id)


def test_a_response_reaches_the_author_and_my_feedback(app):
    care.add_service(actor=None, path=WARD)
    author = make_user()
    record = services.give_feedback(actor=author, text="Nobody told us when dad would be discharged.", service=WARD)
    q = make_user(Role.QUALITY)
    responses.respond(actor=q, feedback_id=record.id, body="Sorry. We now give a discharge date on day one.", change="made",
                      what_changed="Every patient gets an expected discharge date on their first day.")
    assert _kinds(author) == [("feedback_response", "The care team responded to your feedback.")]
    (mine,) = responses.my_feedback(actor=author)
    assert mine.service == WARD and [r.change for r in mine.responses] == ["made"]
    assert responses.my_feedback(actor=make_user()) == []


@pytest.mark.parametrize("change, what, ok", [
    ("none", None, True), ("planned", None, True), ("made", "We changed the rota so two nurses cover nights.", True),
    ("made", None, False), ("made", "done", False), ("maybe", None, False),
])
def test_change_made_needs_a_sentence_on_what_changed(app, change, what, ok):
    record = services.give_feedback(actor=make_user(), text="Long wait.")
    q = make_user(Role.QUALITY)
    if ok:
        assert responses.respond(actor=q, feedback_id=record.id, body="Thank you.", change=change, what_changed=what).id
    else:
        with pytest.raises(Invalid):
            responses.respond(actor=q, feedback_id=record.id, body="Thank you.", change=change, what_changed=what)


@pytest.mark.parametrize("role, named, allowed", [
    (Role.PATIENT, False, False), (Role.PATIENT, True, False),
    (Role.CLINICIAN, False, False), (Role.CLINICIAN, True, True),
    (Role.MODERATOR, False, False),
    (Role.QUALITY, False, True), (Role.ADMIN, False, True),
])
def test_who_may_respond(app, role, named, allowed):
    ward = care.add_service(actor=None, path=WARD)
    other = care.add_service(actor=None, path="City Hospital/Oncology")
    user = make_user(role)
    if named:
        top = care.find_service("City Hospital/Cardiology")
        if role in (Role.CLINICIAN, Role.QUALITY):
            care.name_responder(actor=None, service_id=top.id, username=user.username)
        else:
            with pytest.raises(Invalid):
                care.name_responder(actor=None, service_id=top.id, username=user.username)
    mine = services.give_feedback(actor=make_user(), text="Fine.", service=WARD)
    elsewhere = services.give_feedback(actor=make_user(), text="Fine.", service=other.path)
    if allowed:
        assert responses.respond(actor=user, feedback_id=mine.id, body="Thanks.")
    else:
        with pytest.raises(NotAllowed):
            responses.respond(actor=user, feedback_id=mine.id, body="Thanks.")
    # A named responder answers only their branch; quality staff and admins answer anything.
    if role in (Role.QUALITY, Role.ADMIN):
        assert responses.respond(actor=user, feedback_id=elsewhere.id, body="Thanks.")
    else:
        with pytest.raises(NotAllowed):
            responses.respond(actor=user, feedback_id=elsewhere.id, body="Thanks.")
    assert ward.id


def test_responses_api_contract(app, client):
    care.add_service(actor=None, path=WARD)
    author = make_user()
    record = services.give_feedback(actor=author, text="The ward was noisy at night.", service=WARD)
    q_headers = token_for(client, make_user(Role.QUALITY))
    url = f"/api/v1/feedback/{record.id}/responses"
    resp = client.post(url, headers=q_headers, json={"body": "Sorry, we are getting quieter bins.", "change": "planned"})
    assert resp.status_code == 201 and resp.get_json()["change"] == "planned"
    bad = client.post(url, headers=q_headers, json={"body": "Done.", "change": "made"})
    assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "what_changed"
    assert client.post(url, headers=q_headers, json={"body": "x", "change": "soon"}).status_code == 422
    assert client.post(url, headers=token_for(client, make_user()), json={"body": "Me too"}).status_code == 403
    assert client.post("/api/v1/feedback/999999/responses", headers=q_headers, json={"body": "x"}).status_code == 404
    mine = client.get("/api/v1/feedback/mine", headers=token_for(client, author))
    assert mine.status_code == 200
    (item,) = mine.get_json()["items"]
    assert {"id", "text", "created_at", "responses"} <= set(item)
    assert item["id"] == record.id and item["text"] == record.text
    assert [{k: r[k] for k in ("body", "change")} for r in item["responses"]] == [
        {"body": "Sorry, we are getting quieter bins.", "change": "planned"}]
    assert "created_at" in item["responses"][0]
    assert client.get("/api/v1/feedback/mine").status_code == 401


def test_api_feedback_service_must_name_one(app, client):
    care.add_service(actor=None, path=WARD)
    headers = token_for(client, make_user())
    ok = client.post("/api/v1/feedback", headers=headers, json={"text": "Good.", "service": WARD})
    assert ok.status_code == 201 and db.session.get(Feedback, ok.get_json()["id"]).service_id == care.find_service(WARD).id
    bad = client.post("/api/v1/feedback", headers=headers, json={"text": "Good.", "service": "Cardiology/Ward 9"})
    assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "service"


def test_published_with_consent_de_identified_and_withdrawn(app, client):
    ward = care.add_service(actor=None, path=WARD)
    author = make_user(username="jo_bloggs", display_name="Jo Bloggs")
    record = services.give_feedback(actor=author, text="jo_bloggs here: call 07700 900123, the night staff were kind.",
                                    service=WARD, publish_consent=True)
    q = make_user(Role.QUALITY)
    assert responses.published(service_id=ward.id) == []          # not answered yet
    responses.respond(actor=q, feedback_id=record.id, body="Thank you Jo Bloggs, we will ring you on 07700 900123.",
                      change="made", what_changed="We told jo_bloggs's nurses, and email jo@example.org weekly.")
    (item,) = responses.published(service_id=care.find_service("City Hospital").id)   # a parent's page shows its branch
    page = client.get(f"/what-patients-said/{ward.id}").get_data(as_text=True)
    for leak in ("07700", "jo_bloggs", "Jo Bloggs", "jo@example.org"):
        assert leak not in item.text and leak not in str(item.responses) and leak not in page
    assert "[PHONE]" in item.text and "night staff were kind" in page and "Change made" in page
    assert item.created_on == record.created_at.strftime("%Y-%m")
    # Withdrawing consent unpublishes at once.
    responses.set_publish_consent(actor=author, feedback_id=record.id, consent=False)
    assert responses.published(service_id=ward.id) == []
    assert "night staff were kind" not in client.get(f"/what-patients-said/{ward.id}").get_data(as_text=True)
    assert "Nothing published yet." in client.get("/what-patients-said").get_data(as_text=True)
    with pytest.raises(NotFound):
        responses.set_publish_consent(actor=make_user(), feedback_id=record.id, consent=True)   # only the author


def test_export_response_status_column(app):
    cond = make_condition("asthma")
    q = make_user(Role.QUALITY)
    records = [services.give_feedback(actor=make_user(), text=f"Visit {i}.", condition=cond.slug) for i in range(5)]
    responses.respond(actor=q, feedback_id=records[1].id, body="Thanks.")
    responses.respond(actor=q, feedback_id=records[2].id, body="Thanks.", change="planned")
    responses.respond(actor=q, feedback_id=records[3].id, body="Thanks.", change="planned")
    responses.respond(actor=q, feedback_id=records[3].id, body="Done.", change="made", what_changed="We moved the clinic to the ground floor.")
    rows = export()
    assert list(rows[0])[-2:] == ["tagger_version", "response_status"]
    assert [r["response_status"] for r in rows] == ["none", "responded", "change_planned", "change_made", "none"]
    assert [r["response_status"] for r in export("jsonl")] == ["none", "responded", "change_planned", "change_made", "none"]


def test_export_content_type_has_one_charset(app, client, auth):
    make_condition()
    services.give_feedback(actor=make_user(), text="Good care.")
    quality = make_user(Role.QUALITY)
    headers = token_for(client, quality)
    for fmt, mimetype in (("csv", "text/csv"), ("jsonl", "application/x-ndjson")):
        resp = client.get(f"/api/v1/feedback/export?format={fmt}", headers=headers)
        resp.get_data()
        assert resp.headers["Content-Type"] == f"{mimetype}; charset=utf-8"
    auth.login(quality)
    web = client.get("/quality/export.csv")
    assert web.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert read_csv(web.get_data(as_text=True))[0]["response_status"] == "none"


def test_theme_corrections_are_kept_measured_and_survive_retag(app):
    q = make_user(Role.QUALITY)
    record = services.give_feedback(actor=make_user(), text="The receptionist was rude and the toilets were filthy.")
    assert set(record.themes.split(";")) == {"staff_attitude", "facilities"}
    corrections.correct_themes(actor=q, source="feedback", record_id=record.id, themes=["staff_attitude", "communication"])
    other = services.give_feedback(actor=make_user(), text="The doctor explained everything.")
    corrections.correct_themes(actor=q, source="feedback", record_id=other.id, themes=["communication"])
    a = corrections.agreement(actor=q)
    assert (a.items, a.exact, a.tp, a.fp, a.fn) == (2, 1, 2, 1, 1)
    assert a.precision == pytest.approx(2 / 3) and a.per_theme["facilities"]["fp"] == 1
    services.retag()
    db.session.refresh(record)
    assert record.themes == "staff_attitude;communication" and record.themes_corrected
    with pytest.raises(NotAllowed):
        corrections.correct_themes(actor=make_user(Role.CLINICIAN), source="feedback", record_id=record.id, themes=[])
    with pytest.raises(Invalid):
        corrections.correct_themes(actor=q, source="feedback", record_id=record.id, themes=["nonsense"])


def test_subscribing_is_for_quality_staff_and_responders(app):
    ward = care.add_service(actor=None, path=WARD)
    with pytest.raises(NotAllowed):
        care.subscribe(actor=make_user(), service_id=ward.id)
    clin = make_user(Role.CLINICIAN)
    with pytest.raises(NotAllowed):
        care.subscribe(actor=clin, service_id=ward.id)
    care.name_responder(actor=None, service_id=ward.id, username=clin.username)
    assert care.subscribe(actor=clin, service_id=ward.id).id


def test_the_members_data_download_has_their_feedback_with_its_responses(app):
    from community.events import emit

    care.add_service(actor=None, path=WARD)
    author = make_user()
    record = services.give_feedback(actor=author, text="Loud ward.", service=WARD)
    responses.respond(actor=make_user(Role.QUALITY), feedback_id=record.id, body="Sorry, earplugs are now offered.", change="made",
                      what_changed="Every bed is offered earplugs and an eye mask at night.")
    data: dict = {}
    emit("user.exporting", user_id=author.id, data=data)
    (item,) = data["care_feedback"]
    assert item["service"] == WARD and item["responses"][0]["change"] == "made"
