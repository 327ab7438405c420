"""Between visits in the browser: one member replies to another's thread; the author, on
another page, sees the unread count in the header change without reloading, opens the
notification and lands on the reply. The server fans out in its background worker (gevent)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_reply_updates_the_count_live_and_the_notification_opens_the_reply(live_server, browser):
    from tests.e2e.browser import check_axe, login

    live_server.restart(NOTIFY_IN_BACKGROUND="true")
    live_server.cli("conditions", "create", "asthma", "--name", "Asthma")
    for name in ("wheezy_walker", "quiet_harbour"):
        live_server.user(name)
    base = live_server.url
    author = browser.new_context().new_page()
    login(author, base, "wheezy_walker", live_server.passwords["wheezy_walker"])
    author.goto(f"{base}/c/asthma")
    author.get_by_role("button", name="Join community").click()
    author.get_by_role("link", name="Start a thread").click()
    author.get_by_label("Title").fill("Morning readings")
    author.get_by_label("Your post").fill("My peak flow dips before breakfast. Anyone else?")
    author.get_by_role("button", name="Post thread").click()
    author.wait_for_selector("text=peak flow dips")
    thread_url = author.url
    author.goto(f"{base}/c/asthma")          # somewhere else, with the socket open
    count = author.locator("#notifications-count")
    assert count.is_hidden()
    author.wait_for_function("window.harborNotifications && window.harborNotifications.connected")

    other = browser.new_context().new_page()
    login(other, base, "quiet_harbour", live_server.passwords["quiet_harbour"])
    other.goto(thread_url)
    other.get_by_label("Your reply").fill("Mine too, it settles after my preventer inhaler.")
    other.get_by_role("button", name="Post reply").click()
    other.wait_for_selector("text=settles after my preventer")
    reply_anchor = other.url.split("#", 1)[1]

    count.wait_for(state="visible", timeout=10_000)     # no reload: the socket brought it
    assert count.inner_text() == "1"
    author.get_by_role("link", name="Notifications").click()
    assert not check_axe(author), author.url
    author.get_by_role("link", name="quiet_harbour replied in 'Morning readings' in Asthma").click()
    author.wait_for_url(f"**/t/*#{reply_anchor}")
    assert author.locator(f"#{reply_anchor}").is_visible()
    assert "settles after my preventer" in author.locator(f"#{reply_anchor}").inner_text()
    assert not check_axe(author), author.url
    author.wait_for_function("document.getElementById('notifications-count').hidden === true", timeout=10_000)
