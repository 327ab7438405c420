"""The contract's moderation API: reports, queue, decisions."""
from __future__ import annotations

import pytest

from tests.factories import make_thread, make_user, token_for


def test_report_queue_decide_over_api(client):
    t = make_thread()
    member, mod = make_user(), make_user("moderator")
    resp = client.post("/api/v1/reports", headers=token_for(client, member),
                       json={"target_type": "post", "target_id": t.post.id, "reason": "misinformation", "note": "wrong"})
    assert resp.status_code == 201 and "id" in resp.get_json()
    mh = token_for(client, mod)
    items = client.get("/api/v1/moderation/queue", headers=mh).get_json()["items"]
    assert items[0]["target_type"] == "post" and items[0]["target_id"] == t.post.id
    assert {"id", "priority", "reasons"} <= set(items[0])
    resp = client.post(f"/api/v1/moderation/items/{items[0]['id']}/decision", headers=mh, json={"action": "approve", "reason": "fine"})
    assert resp.status_code == 200
    again = client.post(f"/api/v1/moderation/items/{items[0]['id']}/decision", headers=mh, json={"action": "approve"})
    assert again.status_code == 409


@pytest.mark.parametrize("role", ["patient", "clinician", "quality"])
def test_queue_is_for_moderators(client, role):
    h = token_for(client, make_user(role))
    assert client.get("/api/v1/moderation/queue", headers=h).status_code == 403
    assert client.post("/api/v1/moderation/items/1/decision", headers=h, json={"action": "approve"}).status_code == 403


def test_report_errors(client):
    h = token_for(client, make_user())
    assert client.post("/api/v1/reports", headers=h, json={"target_type": "post"}).status_code == 400
    assert client.post("/api/v1/reports", headers=h, json={"target_type": "post", "target_id": 1, "reason": "nope"}).status_code in (404, 422)
    assert client.post("/api/v1/reports", headers=h, json={"target_type": "post", "target_id": "x", "reason": "spam"}).status_code == 422
    t = make_thread()
    assert client.post("/api/v1/reports", headers=h, json={"target_type": "post", "target_id": t.post.id, "reason": "nope"}).status_code == 422
    mh = token_for(client, make_user("moderator"))
    assert client.post("/api/v1/moderation/items/999/decision", headers=mh, json={"action": "approve"}).status_code == 404
