"""The feedback loop's pages: status codes per role, the respond form (errors beside fields,
text kept), acknowledging, correcting themes, "My feedback" and its consent switch."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.auth.models import Role
from community.extensions import db
from community.feedback import care, services
from community.feedback.models import Feedback, FeedbackResponse, ServiceSubscription
from tests.factories import make_user

WARD = "City Hospital/Cardiology/Ward 3"


@pytest.mark.parametrize("role", list(Role))
def test_quality_pages_by_role(app, client, auth, role):
    ward = care.add_service(actor=None, path=WARD)
    record = services.give_feedback(actor=make_user(), text="The ward was noisy.", service=WARD)
    auth.login(make_user(role))
    quality = role in (Role.QUALITY, Role.ADMIN)
    assert client.get("/quality/services").status_code == (200 if quality or role == Role.CLINICIAN else 403)
    for url in (f"/quality/services/{ward.id}", f"/quality/feedback/{record.id}", "/quality/agreement"):
        assert client.get(url).status_code == (200 if quality else 403), url
    assert client.get("/feedback/mine").status_code == 200
    assert client.get("/what-patients-said").status_code == 200
    admin = role == Role.ADMIN
    assert client.post("/quality/services", data={"path": f"New/{role}"}).status_code == (302 if admin else 403)
    named = client.post(f"/quality/services/{ward.id}/responders", data={"username": "nobody"})
    assert named.status_code == (422 if admin else 403)      # no such member: said beside the field
    answered = client.post(f"/quality/feedback/{record.id}/respond", data={"body": "Thanks."})
    assert answered.status_code == (302 if quality else 403)


def test_a_named_responder_reads_and_answers_their_branch_on_the_web(app, client, auth):
    ward = care.add_service(actor=None, path=WARD)
    other = care.add_service(actor=None, path="City Hospital/Oncology")
    clin = make_user(Role.CLINICIAN)
    care.name_responder(actor=None, service_id=care.find_service("City Hospital/Cardiology").id, username=clin.username)
    mine = services.give_feedback(actor=make_user(), text="Nobody told us what the plan was.", service=WARD)
    theirs = services.give_feedback(actor=make_user(), text="Fine.", service=other.path)
    auth.login(clin)
    tree = client.get("/quality/services").get_data(as_text=True)
    assert f'/quality/services/{ward.id}"' in tree and f'/quality/services/{other.id}"' not in tree
    assert client.get(f"/quality/feedback/{theirs.id}").status_code == 403
    page = client.get(f"/quality/services/{ward.id}").get_data(as_text=True)
    assert "Nobody told us what the plan was." in page and "Not answered yet" in page
    bad = client.post(f"/quality/feedback/{mine.id}/respond", data={"body": "We fixed it.", "change": "made"})
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert 'id="what_changed-error"' in text and "We fixed it." in text
    ok = client.post(f"/quality/feedback/{mine.id}/respond",
                     data={"body": "Sorry. Plans are now on the board.", "change": "made",
                           "what_changed": "Every bed has a board with the day's plan written on it."})
    assert ok.status_code == 302
    assert db.session.scalars(sa.select(FeedbackResponse)).one().change == "made"
    assert "Change made" in client.get(f"/quality/services/{ward.id}").get_data(as_text=True)
    client.post(f"/quality/services/{ward.id}/subscription", data={"action": "subscribe", "email": "1"})
    assert db.session.scalars(sa.select(ServiceSubscription)).one().email is True


def test_admin_builds_the_tree_and_names_responders_on_the_web(app, client, auth):
    auth.login(make_user(Role.ADMIN))
    assert client.post("/quality/services", data={"path": "Cardiology/Ward 3"}).status_code == 302
    again = client.post("/quality/services", data={"path": "Cardiology/Ward 3"})
    assert again.status_code == 422 and "already exists" in again.get_data(as_text=True)
    node = care.find_service("Cardiology/Ward 3")
    patient, clin = make_user(), make_user(Role.CLINICIAN)
    refused = client.post(f"/quality/services/{node.id}/responders", data={"username": patient.username})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and care.responders_of(node.id) == []
    assert f'value="{patient.username}"' in page and f'id="responder-{node.id}-error"' in page
    assert "Only clinicians and care quality staff" in page
    client.post(f"/quality/services/{node.id}/responders", data={"username": clin.username})
    assert [u.username for _, u in care.responders_of(node.id)] == [clin.username]


def test_acknowledge_and_correct_themes_on_the_web(app, client, auth):
    care.add_service(actor=None, path=WARD)
    record = services.give_feedback(actor=make_user(), text="They gave me the wrong dose of insulin twice.", service=WARD)
    auth.login(make_user(Role.QUALITY))
    page = client.get(f"/quality/feedback/{record.id}").get_data(as_text=True)
    assert "Not acknowledged yet" in page and "insulin" in page
    client.post(f"/quality/feedback/{record.id}/acknowledge")
    assert "Acknowledged" in client.get(f"/quality/feedback/{record.id}").get_data(as_text=True)
    client.post(f"/quality/feedback/{record.id}/themes", data={"themes": ["medication", "communication"]})
    db.session.refresh(record)
    assert record.themes == "communication;medication" and record.themes_corrected
    assert "Items reviewed" in client.get("/quality/agreement").get_data(as_text=True)


def test_my_feedback_shows_responses_and_switches_consent(app, client, auth):
    author = make_user()
    record = services.give_feedback(actor=author, text="Kind nurses.")
    services_quality = make_user(Role.QUALITY)
    from community.feedback import responses
    responses.respond(actor=services_quality, feedback_id=record.id, body="Thank you, we told them.")
    auth.login(author)
    page = client.get("/feedback/mine").get_data(as_text=True)
    assert "Kind nurses." in page and "Thank you, we told them." in page and "Not published." in page
    client.post(f"/feedback/{record.id}/publication", data={"consent": "1"})
    assert db.session.get(Feedback, record.id).publish_consent is True
    client.post(f"/feedback/{record.id}/publication", data={"consent": "0"})
    assert db.session.get(Feedback, record.id).publish_consent is False


def test_dashboard_summary_row_and_small_services_grouped(app, client, auth):
    from community.feedback import responses

    big = care.add_service(actor=None, path="City Hospital/Pharmacy")
    for path in ("City Hospital/Ward 1", "City Hospital/Ward 2", "City Hospital/Ward 4", "City Hospital/Ward 5"):
        care.add_service(actor=None, path=path)
        services.give_feedback(actor=make_user(), text="The ward was dirty and nobody cared.", service=path)
    q = make_user(Role.QUALITY)
    pharmacy = [services.give_feedback(actor=make_user(), text="Kind pharmacist.", service=big.path) for _ in range(5)]
    responses.respond(actor=q, feedback_id=pharmacy[0].id, body="Thank you.")
    services.give_feedback(actor=make_user(), text="They gave me the wrong dose of insulin.", service=big.path)
    auth.login(q)
    page = client.get("/quality").get_data(as_text=True)
    row = page.split('id="summary-row"')[1].split("</dl>")[0]
    assert "<dd>10</dd>" in row          # new this week
    assert "<dd>1</dd>" in row           # critical, not acknowledged
    assert "<dd>10%</dd>" in row         # 1 of 10 answered
    table = page.split('id="service-figures"')[1].split("</table>")[0]
    assert "City Hospital/Pharmacy" in table and f'/quality/services/{big.id}"' in table
    assert "4 small services" in table and "Ward 1" not in table
