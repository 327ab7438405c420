"""Moderation in the browser: a new member's post is held, a moderator approves it; a crisis
post shows help to its author at once and raises a live alert on the moderator's page."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_held_post_approved_and_crisis_alert(live_server, browser):
    from tests.e2e.browser import check_axe, login

    live_server.restart(NEW_MEMBER_HOLD_POSTS="1")
    live_server.cli("conditions", "create", "long-covid", "--name", "Long COVID")
    live_server.user("newbie_nell")
    live_server.user("mod_juniper", role="moderator")
    base = live_server.url

    mod_ctx = browser.new_context()
    mod = mod_ctx.new_page()
    login(mod, base, "mod_juniper")
    mod.goto(f"{base}/moderation/queue")
    assert not check_axe(mod)

    member_ctx = browser.new_context(locale="en-GB")   # crisis lines follow the page's locale
    member = member_ctx.new_page()
    login(member, base, "newbie_nell")
    member.goto(f"{base}/c/long-covid/new")
    member.get_by_label("Title").fill("Pacing tips for a beginner")
    member.get_by_label("Your post").fill("I keep crashing after good days. How do you pace?")
    member.get_by_role("button", name="Post thread").click()
    member.wait_for_selector("text=waiting for a moderator")
    thread_url = member.url

    mod.goto(f"{base}/moderation/queue")
    mod.get_by_role("link", name="Pacing tips for a beginner").first.click()
    assert not check_axe(mod)
    mod.get_by_role("button", name="Approve", exact=True).click()
    mod.wait_for_selector("text=Decision saved")

    visitor = browser.new_context().new_page()
    visitor.goto(thread_url)
    assert visitor.get_by_text("I keep crashing after good days").count() == 1

    mod.goto(f"{base}/moderation/queue")
    mod.wait_for_timeout(500)  # the alert socket connects
    member.goto(thread_url)
    member.get_by_label("Your reply").fill("Honestly I can't do this anymore, I'm going to end it tonight.")
    member.get_by_role("button", name="Post reply").click()
    member.wait_for_selector("text=You don't have to go through this alone")
    assert member.get_by_text("116 123").count() >= 1
    mod.wait_for_selector("#mod-alerts >> text=Urgent", timeout=10_000)
    assert not check_axe(member)
