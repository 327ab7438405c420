"""The contract's feedback routes, the role gate (all five roles) and export tokens."""
from __future__ import annotations

import pytest

from community.auth import services as accounts
from community.auth.models import Role
from community.errors import NotAllowed
from community.extensions import db
from community.feedback import care, services
from tests.factories import make_condition, make_user, token_for

from .helpers import read_csv, read_jsonl

ALLOWED = {Role.QUALITY, Role.ADMIN}


def test_post_feedback_contract(app, client):
    cond = make_condition("asthma")
    care.add_service(actor=None, path="Pharmacy")
    user = make_user()
    resp = client.post("/api/v1/feedback", headers=token_for(client, user),
                       json={"text": "The nurse explained my inhaler clearly. Thank you!", "rating": 5, "condition": "asthma",
                             "service": "Pharmacy"})
    assert resp.status_code == 201, resp.get_json()
    data = resp.get_json()
    assert set(data) == {"id", "sentiment", "themes", "warnings"} and data["warnings"] == []
    assert set(data["sentiment"]) == {"label", "score"} and data["sentiment"]["label"] in {"positive", "neutral", "negative"}
    assert isinstance(data["sentiment"]["score"], float) and isinstance(data["themes"], list)
    only_text = client.post("/api/v1/feedback", headers=token_for(client, user), json={"text": "Fine visit."})
    assert only_text.status_code == 201
    from community.feedback.models import Feedback
    stored = db.session.get(Feedback, data["id"])
    assert stored.condition_id == cond.id and stored.service_id == care.find_service("Pharmacy").id   # slug and path resolved


@pytest.mark.parametrize("payload, status, field", [
    ({}, 400, None),
    ({"text": "   "}, 422, "text"),
    ({"text": "ok", "rating": 6}, 422, "rating"),
    ({"text": "ok", "rating": "5"}, 422, "rating"),
    ({"text": "ok", "condition": "no-such"}, 422, "condition"),
    ({"text": "ok", "service": "spa"}, 422, "service"),
])
def test_post_feedback_validation(app, client, payload, status, field):
    resp = client.post("/api/v1/feedback", headers=token_for(client, make_user()), json=payload)
    assert resp.status_code == status
    err = resp.get_json()["error"]
    assert err["code"] and err["message"]
    if field:
        assert err["field"] == field


def test_post_feedback_needs_a_token(app, client):
    assert client.post("/api/v1/feedback", json={"text": "hello"}).status_code == 401


@pytest.mark.parametrize("role", list(Role))
def test_export_role_gate_api(app, client, role):
    make_condition()
    user = make_user(role)
    resp = client.get("/api/v1/feedback/export?format=jsonl", headers=token_for(client, user))
    assert resp.status_code == (200 if role in ALLOWED else 403)
    if role not in ALLOWED:
        assert resp.get_json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize("role", list(Role))
def test_dashboard_download_and_tokens_role_gate(app, client, auth, role):
    user = make_user(role)
    auth.login(user)
    expected = 200 if role in ALLOWED else 403
    for url in ("/quality", "/quality/export.csv", "/quality/themes", "/settings/tokens"):
        assert client.get(url).status_code == expected, url
    if role not in ALLOWED:
        with pytest.raises(NotAllowed):
            accounts.create_token(actor=user, name="x", scope="export")


def test_export_is_streamed_with_csv_headers(app, client):
    make_condition()
    for _ in range(3):
        services.give_feedback(actor=make_user(), text="Good care.")
    resp = client.get("/api/v1/feedback/export", headers=token_for(client, make_user(Role.QUALITY)))
    assert resp.status_code == 200 and resp.is_streamed
    assert resp.mimetype == "text/csv" and "attachment" in resp.headers["Content-Disposition"]
    assert len(read_csv(resp.get_data(as_text=True))) == 3
    jl = client.get("/api/v1/feedback/export?format=jsonl", headers=token_for(client, make_user(Role.ADMIN)))
    assert len(read_jsonl(jl.get_data(as_text=True))) == 3


def test_export_bad_query_is_422(app, client):
    headers = token_for(client, make_user(Role.QUALITY))
    assert client.get("/api/v1/feedback/export?format=xlsx", headers=headers).status_code == 422
    assert client.get("/api/v1/feedback/export?since=03/04/2024", headers=headers).get_json()["error"]["field"] == "since"
    assert client.get("/api/v1/feedback/export?condition=nope", headers=headers).status_code == 422


def test_export_token_is_limited_and_revocable(app, client):
    quality = make_user(Role.QUALITY)
    token = services.create_export_token(actor=quality, name="monthly script")
    headers = {"Authorization": "Bearer " + token}
    assert client.get("/api/v1/feedback/export", headers=headers).status_code == 200
    # Limited to the export: anything else is refused.
    assert client.get("/api/v1/conditions", headers=headers).status_code == 403
    assert client.post("/api/v1/feedback", headers=headers, json={"text": "hi"}).status_code == 403
    row = services.list_export_tokens(actor=quality)[0]
    services.revoke_export_token(actor=quality, token_id=row.id)
    assert client.get("/api/v1/feedback/export", headers=headers).status_code == 401


def test_an_export_token_stops_working_when_its_owner_loses_the_role(app, client):
    quality = make_user(Role.QUALITY)
    headers = {"Authorization": "Bearer " + services.create_export_token(actor=quality, name="script")}
    accounts.set_role(actor=None, user=quality, role=Role.PATIENT)
    db.session.commit()
    assert client.get("/api/v1/feedback/export", headers=headers).status_code == 403


def test_openapi_documents_the_feedback_routes(app, client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "post" in paths["/api/v1/feedback"] and "get" in paths["/api/v1/feedback/export"]
