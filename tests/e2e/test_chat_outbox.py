"""The chat client never loses what a member wrote: sent while the connection is down, a message
shows as "not sent yet", survives a reload (localStorage), and goes out once the connection is
back, once. Shift+Enter line breaks are kept, and on a 390 px phone the message box is in view."""
from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.e2e


def test_unsent_message_survives_reload_and_goes_out_once(live_server, browser):
    from tests.e2e.browser import login

    live_server.cli("conditions", "create", "asthma", "--name", "Asthma")
    live_server.user("tunnel_rider")
    base = live_server.url
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    tunnel: dict[str, Any] = {"blocked": False, "open": []}

    def route(ws: Any) -> None:
        if tunnel["blocked"]:
            ws.close()
            return
        ws.connect_to_server()
        tunnel["open"].append(ws)

    page.route_web_socket("**/socket.io/**", route)
    login(page, base, "tunnel_rider")
    page.goto(f"{base}/c/asthma")
    page.get_by_role("button", name="Join community").click()
    page.wait_for_selector("text=Leave community")
    page.goto(f"{base}/chat/asthma")
    page.wait_for_selector("#chat-online >> text=Online now")

    # The message box is in view on a phone.
    box = page.get_by_role("textbox", name="Message").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844
    assert page.get_by_role("button", name="Send").bounding_box()["y"] + 10 <= 844

    # Shift+Enter makes a line break that the sent message keeps.
    msg = page.get_by_role("textbox", name="Message")
    msg.fill("first line")
    msg.press("Shift+Enter")
    msg.type("second line")
    msg.press("Enter")
    page.wait_for_selector("#chat-messages >> text=second line")
    assert page.locator("#chat-messages .chat-body", has_text="second line").inner_text() == "first line\nsecond line"

    # The connection drops; a message written now is kept, shown as not sent yet...
    tunnel["blocked"] = True
    for ws in tunnel["open"]:
        ws.close()
    page.wait_for_selector("#chat-status >> text=Connection lost")
    msg.fill("written in the tunnel")
    msg.press("Enter")
    page.wait_for_selector("#chat-unsent >> text=written in the tunnel")
    assert page.locator("#chat-unsent .tag", has_text="Not sent yet").count() == 1
    # ...and still there after the tab is closed: a new tab (back online) sends it, once.
    page.close()
    page = ctx.new_page()
    page.goto(f"{base}/chat/asthma")
    page.wait_for_selector("#chat-messages >> text=written in the tunnel", timeout=20_000)
    page.wait_for_function("document.querySelectorAll('#chat-unsent li').length === 0")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('harbor-outbox:')).length") == 0
    page.reload()
    page.wait_for_selector("#chat-messages >> text=written in the tunnel")
    assert page.locator("#chat-messages .chat-body", has_text="written in the tunnel").count() == 1
    ctx.close()
