"""The safety workflow in the browser: a patient's crisis post reaches the moderator, who
sends a check-in from the moderation team; the patient sees it in their notifications, opens
it and answers; the moderator sees the answer. The admin downloads the audit log as CSV from
the real server (its generator streams after the view returns)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_crisis_post_to_outreach_and_answer(live_server, browser):
    from tests.e2e.browser import check_axe, login

    live_server.cli("conditions", "create", "long-covid", "--name", "Long COVID")
    live_server.user("foggy_fern")
    live_server.user("mod_juniper", role="moderator")
    live_server.user("admin_aud", role="admin")
    base = live_server.url

    mod = browser.new_context().new_page()
    login(mod, base, "mod_juniper")
    mod.goto(f"{base}/moderation/queue")
    mod.wait_for_selector("text=The queue is empty")
    mod.wait_for_timeout(500)  # the alert socket connects

    patient = browser.new_context().new_page()
    login(patient, base, "foggy_fern")
    patient.goto(f"{base}/c/long-covid/new")
    patient.get_by_label("Title").fill("I can't keep going")
    patient.get_by_label("Your post").fill("Honestly I can't do this anymore, I'm going to end it tonight.")
    patient.get_by_role("button", name="Post thread").click()
    patient.wait_for_selector("text=You don't have to go through this alone")

    # The open queue updates without a reload: the alert names the community, the list and counts refresh.
    mod.wait_for_selector("#mod-alerts >> text=Urgent: crisis language was posted in Long COVID", timeout=10_000)
    mod.wait_for_selector("#queue-list >> text=I can't keep going", timeout=10_000)
    assert "1 urgent" in mod.inner_text("#queue-stats").replace("\n", " ")
    assert "Oldest unhandled crisis" in mod.inner_text("#queue-stats")
    mod.get_by_role("link", name="I can't keep going").first.click()
    assert not check_axe(mod)
    mod.get_by_label("Message").fill("Hello, this is the moderation team. We read your post and we're here. Would you reply?")
    mod.get_by_role("button", name="Send check-in").click()
    mod.wait_for_selector("text=Check-in sent from the moderation team")
    conversation = mod.url

    patient.goto(f"{base}/notifications")
    patient.get_by_text("A message from the moderation team").first.click()
    patient.wait_for_selector("text=Help you can reach now")
    assert "mod_juniper" not in patient.content()
    assert not check_axe(patient)
    patient.get_by_label("Reply to the moderation team").fill("Thank you. I'm safe for now and I called my sister.")
    patient.get_by_role("button", name="Send").click()
    patient.wait_for_selector("text=A moderator will read it")

    mod.goto(conversation)
    mod.wait_for_selector("text=I called my sister")

    admin_ctx = browser.new_context()
    login(admin_ctx.new_page(), base, "admin_aud")
    r = admin_ctx.request.get(f"{base}/moderation/audit.csv")
    assert r.status == 200, r.status
    assert "outreach.sent" in r.text()
