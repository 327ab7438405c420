"""The composer's server side: preview renders without storing, drafts per place survive until posted."""
from __future__ import annotations

from tests.factories import make_thread, make_user


def test_preview_and_drafts(app, client, auth):
    t = make_thread().thread
    me = make_user()
    auth.login(me)
    resp = client.post("/compose/preview", json={"body": "**bold** <script>x</script>"})
    assert resp.status_code == 200 and "<strong>bold</strong>" in resp.get_json()["html"]
    assert "<script>" not in resp.get_json()["html"]
    key = f"reply:{t.id}"
    assert client.get(f"/compose/drafts/{key}").get_json() == {"body": ""}
    assert client.put(f"/compose/drafts/{key}", json={"body": "Half a thought"}).status_code == 204
    assert client.get(f"/compose/drafts/{key}").get_json() == {"body": "Half a thought"}
    assert client.put("/compose/drafts/bogus", json={"body": "x"}).status_code == 422
    data = client.get("/settings/data.json").get_json()
    assert data["drafts"] == [{"place": key, "body": "Half a thought", "updated_at": data["drafts"][0]["updated_at"]}]
    client.post(f"/t/{t.id}/reply", data={"body": "Half a thought, finished."})
    assert client.get(f"/compose/drafts/{key}").get_json() == {"body": ""}   # posted: the draft goes
    html = client.get(f"/t/{t.id}").get_data(as_text=True)
    assert "quote-button" in html and "js/composer.js" in html


def test_composer_needs_a_member(app, client):
    assert client.post("/compose/preview", json={"body": "x"}).status_code == 302
