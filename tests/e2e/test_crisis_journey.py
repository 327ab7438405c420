"""Crisis tiers in the browser: a possible crisis in a forum post shows the gentle help box (with
the community's own help text) and a normal queue item without an alert; in chat the box opens
from the socket ack; care feedback shows help on the thanks page."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

POSSIBLE = "Honestly I can't see a reason to wake up tomorrow."


def test_forum_possible_crisis_help_box(live_server, browser):
    from tests.e2e.browser import check_axe, login

    live_server.cli("conditions", "create", "long-covid", "--name", "Long COVID",
                    "--crisis-help", "The long COVID clinic's nurse line can help too.")
    live_server.user("pacing_pat")
    live_server.user("mod_juniper", role="moderator")
    base = live_server.url

    mod = browser.new_context().new_page()
    login(mod, base, "mod_juniper")
    mod.goto(f"{base}/moderation/queue")
    mod.wait_for_timeout(500)  # the alert socket connects

    member = browser.new_context(locale="en-GB").new_page()
    login(member, base, "pacing_pat")
    member.goto(f"{base}/c/long-covid/new")
    member.get_by_label("Title").fill("Another flat week")
    member.get_by_label("Your post").fill(POSSIBLE)
    member.get_by_role("button", name="Post thread").click()
    box = member.locator('section.crisis[data-tier="possible_crisis"]')
    box.wait_for()
    assert "It sounds like things are heavy right now" in box.inner_text()
    assert "116 123" in box.inner_text() and "nurse line can help too" in box.inner_text()
    assert not check_axe(member)

    mod.goto(f"{base}/moderation/queue?reason=possible_crisis")
    mod.get_by_role("link", name="Another flat week").first.wait_for()
    assert mod.locator("#mod-alerts >> text=Urgent").count() == 0


def test_chat_possible_crisis_box_opens_from_the_ack(live_server, browser):
    from tests.e2e.browser import login

    live_server.cli("conditions", "create", "asthma", "--name", "Asthma")
    live_server.user("wheezy_walker")
    base = live_server.url
    page = browser.new_context().new_page()
    login(page, base, "wheezy_walker")
    page.goto(f"{base}/c/asthma")
    page.get_by_role("button", name="Join community").click()
    page.wait_for_selector("text=Leave community")
    page.goto(f"{base}/chat/asthma")
    page.wait_for_timeout(500)
    assert page.locator("#chat-possible").is_hidden()
    page.get_by_role("textbox", name="Message").fill(POSSIBLE)
    page.get_by_role("textbox", name="Message").press("Enter")
    page.locator("#chat-possible").wait_for(state="visible")
    assert page.locator("#chat-crisis").is_hidden()
    page.get_by_role("textbox", name="Message").fill("im going to kill myself tonight")
    page.get_by_role("textbox", name="Message").press("Enter")
    page.locator("#chat-crisis").wait_for(state="visible")
    assert page.locator("#chat-possible").is_hidden()


def test_feedback_crisis_shows_help(live_server, browser):
    from tests.e2e.browser import login

    live_server.user("quiet_harbour")
    base = live_server.url
    page = browser.new_context().new_page()
    login(page, base, "quiet_harbour")
    page.goto(f"{base}/feedback")
    page.get_by_label("Your feedback").fill("After the way the ward treated me I've decided to end my life this weekend.")
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_selector("text=Thank you for your feedback")
    box = page.locator('section.crisis[data-tier="crisis"]')
    box.wait_for()
    assert "a moderator from our team has also been told" in page.content()
