"""Account security in the browser: a new moderator must set up two-step sign-in before anything
else (QR code and key, a code, ten recovery codes), signs in with a code next time, and a
saved cookie opens nothing after logging out."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e


def test_staff_enrol_then_sign_in_with_a_code(live_server, browser):
    import time

    import pyotp

    from tests.e2e.browser import check_axe

    live_server.cli("users", "create", "new_mod", "--role", "moderator", "--password", "correct horse battery")
    base = live_server.url
    page = browser.new_context().new_page()
    page.goto(f"{base}/login")
    page.get_by_label("Username").fill("new_mod")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/settings/two-step")
    page.goto(f"{base}/moderation/queue")
    page.wait_for_url(f"{base}/settings/two-step")   # nothing but enrolment
    assert page.locator("img.qr").count() == 1
    assert not check_axe(page)
    secret = page.locator("#mfa-secret").inner_text().strip()
    totp = pyotp.TOTP(secret)
    page.get_by_label("Code from the app").fill(totp.now())
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.wait_for_selector("text=Keep these recovery codes")
    assert page.locator(".recovery-codes li").count() == 10
    page.goto(f"{base}/moderation/queue")
    assert page.url == f"{base}/moderation/queue"
    cookie = next(c for c in page.context.cookies() if c["name"] == "session")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{base}/")

    # The saved cookie no longer opens anything.
    other = browser.new_context()
    other.add_cookies([cookie])
    p2 = other.new_page()
    p2.goto(f"{base}/settings/profile")
    assert "/login" in p2.url

    # Next time: password, then a code (a fresh one: the enrolment's code is used up).
    step = int(time.time()) // 30
    p2.goto(f"{base}/login")
    p2.get_by_label("Username").fill("new_mod")
    p2.get_by_label("Password").fill("correct horse battery")
    p2.get_by_role("button", name="Log in").click()
    p2.wait_for_url(f"{base}/login/code")
    assert not check_axe(p2)
    while int(time.time()) // 30 == step:
        time.sleep(0.5)
    p2.get_by_label("Code").fill(totp.now())
    p2.get_by_role("button", name="Continue").click()
    p2.wait_for_url(f"{base}/")
    p2.goto(f"{base}/settings/devices")
    assert re.search(r"Chrom\w* on Linux", p2.content()) and "(this device)" in p2.content()
    assert not check_axe(p2)
