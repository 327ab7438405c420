"""Idempotency-Key on the contract's POSTs: a repeat within 24 hours gets the first answer and
stores nothing new; concurrent repeats store one."""
from __future__ import annotations

import datetime as dt
import threading

import pytest
import sqlalchemy as sa

from community.extensions import db
from community.feedback.models import Feedback
from community.forums.models import Post, Thread
from community.moderation.models import Report
from community.reliability.models import IdempotentRequest
from tests.factories import make_condition, make_thread, make_user, token_for


def _count(model) -> int:
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


def test_repeated_key_replays_the_first_answer_for_each_route(client):
    h = token_for(client, make_user())
    cond = make_condition(slug="asthma")
    t = make_thread(condition=cond)
    calls = [
        ("/api/v1/conditions/asthma/threads", {"title": "Cold air", "body": "Scarf?"}, Thread),
        (f"/api/v1/threads/{t.thread.id}/posts", {"body": "Me too."}, Post),
        ("/api/v1/feedback", {"text": "The nurses were kind and quick."}, Feedback),
        ("/api/v1/reports", {"target_type": "post", "target_id": t.post.id, "reason": "spam"}, Report),
    ]
    for i, (url, payload, model) in enumerate(calls):
        key = {"Idempotency-Key": f"key-{i}", **h}
        before = _count(model)
        first = client.post(url, headers=key, json=payload)
        assert first.status_code == 201, first.get_data(as_text=True)
        again = client.post(url, headers=key, json=payload)
        assert (again.status_code, again.get_json()) == (201, first.get_json())
        assert again.headers["Idempotent-Replayed"] == "true"
        assert _count(model) == before + 1
        other = client.post(url, headers={"Idempotency-Key": f"other-{i}", **h}, json=payload)
        if model is not Report:   # a second report of one post by one member is itself refused
            assert other.status_code == 201 and other.get_json()["id"] != first.get_json()["id"]


def test_keys_are_per_member_and_per_route_and_errors_are_replayed(client):
    cond = make_condition(slug="asthma")
    ann, bob = token_for(client, make_user()), token_for(client, make_user())
    url = "/api/v1/conditions/asthma/threads"
    a = client.post(url, headers={"Idempotency-Key": "same", **ann}, json={"title": "Ann's", "body": "x"})
    b = client.post(url, headers={"Idempotency-Key": "same", **bob}, json={"title": "Bob's", "body": "y"})
    assert a.status_code == b.status_code == 201 and a.get_json()["id"] != b.get_json()["id"]
    reused = client.post(f"/api/v1/threads/{a.get_json()['id']}/posts", headers={"Idempotency-Key": "same", **ann},
                         json={"body": "reply"})
    assert reused.status_code == 422 and reused.get_json()["error"]["code"] == "idempotency_key_reused"
    bad = client.post(url, headers={"Idempotency-Key": "bad", **ann}, json={"title": "", "body": ""})
    assert bad.status_code == 422
    assert client.post(url, headers={"Idempotency-Key": "bad", **ann}, json={"title": "", "body": ""}).get_json() == bad.get_json()
    assert client.post(url, headers={"Idempotency-Key": "x" * 129, **ann}, json={}).status_code == 400
    assert cond.id


def test_a_key_older_than_24_hours_counts_as_new(client):
    h = token_for(client, make_user())
    make_condition(slug="asthma")
    url = "/api/v1/conditions/asthma/threads"
    first = client.post(url, headers={"Idempotency-Key": "k", **h}, json={"title": "One more", "body": "x"}).get_json()
    db.session.execute(sa.update(IdempotentRequest).values(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)))
    db.session.commit()
    second = client.post(url, headers={"Idempotency-Key": "k", **h}, json={"title": "One more", "body": "x"})
    assert second.status_code == 201, second.get_data(as_text=True)
    assert second.get_json()["id"] != first["id"]


@pytest.mark.parametrize("n", [6])
def test_concurrent_duplicates_store_one(app, client, n):
    h = token_for(client, make_user())
    make_condition(slug="asthma")
    answers: list[tuple[int, object]] = []
    barrier = threading.Barrier(n)

    def post() -> None:
        c = app.test_client()
        barrier.wait()
        r = c.post("/api/v1/conditions/asthma/threads", headers={"Idempotency-Key": "race", **h},
                   json={"title": "At once", "body": "same key"})
        answers.append((r.status_code, r.get_json()))

    threads = [threading.Thread(target=post) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(answers) == n
    assert {s for s, _ in answers} == {201}, answers
    assert len({a["id"] for _, a in answers}) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Thread).where(Thread.title == "At once")) == 1


def test_openapi_documents_the_header(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    for path in ("/api/v1/conditions/{slug}/threads", "/api/v1/threads/{thread_id}/posts", "/api/v1/feedback", "/api/v1/reports"):
        assert any(p["name"] == "Idempotency-Key" for p in doc["paths"][path]["post"]["parameters"]), path
