"""The foundation's browser journey: register, join a condition, start a thread, reply as a
second member, search for it; axe finds no serious or critical violation on any page visited."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"


def _axe_clean(page, visited: list[str]) -> None:
    from tests.e2e.browser import check_axe

    visited.append(page.url)
    violations = check_axe(page)
    assert not violations, f"{page.url}: {violations}"


def _register(page, base: str, name: str, visited: list[str]) -> None:
    page.goto(f"{base}/register")
    _axe_clean(page, visited)
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat password").fill(PASSWORD)
    page.get_by_label("I have read and accept").check()
    page.get_by_label("I am 16 or older").check()
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{base}/")


def test_register_join_post_reply_search(live_server, browser):
    live_server.cli("conditions", "create", "asthma", "--name", "Asthma", "--description", "Breathing easier together")
    base, visited = live_server.url, []
    first = browser.new_context(viewport={"width": 375, "height": 800})
    page = first.new_page()
    _register(page, base, "wheezy_walker", visited)
    _axe_clean(page, visited)
    page.get_by_role("link", name="Asthma").click()
    _axe_clean(page, visited)
    page.get_by_role("button", name="Join community").click()
    page.get_by_role("link", name="Start a thread").click()
    _axe_clean(page, visited)
    page.get_by_label("Title").fill("Cold air on winter walks")
    page.get_by_label("Your post").fill("My chest tightens on **frosty** mornings. What helps you?")
    page.get_by_role("button", name="Post thread").click()
    page.wait_for_selector("text=frosty")
    assert page.locator("strong", has_text="frosty").count() == 1
    _axe_clean(page, visited)
    thread_url = page.url

    second = browser.new_context()
    other = second.new_page()
    _register(other, base, "quiet_harbour", visited)
    other.goto(thread_url)
    other.get_by_label("Your reply").fill("A scarf over my mouth warms the air a bit.")
    other.get_by_role("button", name="Post reply").click()
    other.wait_for_selector("text=A scarf over my mouth")
    _axe_clean(other, visited)

    page.goto(f"{base}/search?q=scarf")
    _axe_clean(page, visited)
    assert page.get_by_role("link", name="Cold air on winter walks").count() == 1
    page.get_by_label("Search Harbor").fill("frosty")
    page.get_by_label("Search Harbor").press("Enter")
    page.wait_for_selector("text=1 result")
    first.close()
    second.close()
    assert len(visited) >= 8
