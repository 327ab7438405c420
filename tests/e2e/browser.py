"""Playwright on Debian's chromium (never a downloaded browser), and the axe-core check."""
from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).with_name("vendor") / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def launch_browser(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)


_cache: dict[str, str] = {}


def _axe_source() -> str:
    if "src" not in _cache:
        _cache["src"] = AXE.read_text(encoding="utf-8")
    return _cache["src"]


def check_axe(page: Any) -> list[dict[str, Any]]:
    """Serious and critical WCAG 2.1 A/AA violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: Harbor's CSP (rightly) refuses injected <script>.
        cdp = page.context.new_cdp_session(page)
        cdp.send("Runtime.evaluate", {"expression": _axe_source()})
        cdp.detach()
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result if v["impact"] in ("serious", "critical")
    ]


# Two-step sign-in keys of the staff the live server enrolled (LiveServer.user), by username.
TOTP_SECRETS: dict[str, str] = {}
_last_step: dict[str, int] = {}


def current_code(name: str) -> str:
    """The member's current TOTP code, waiting for the next 30-second step if this one's code
    was used already (the server accepts each code once)."""
    import time

    import pyotp

    step = int(time.time()) // 30
    if _last_step.get(name) == step:
        time.sleep(30 - time.time() % 30 + 0.2)
        step = int(time.time()) // 30
    _last_step[name] = step
    return pyotp.TOTP(TOTP_SECRETS[name]).at(step * 30)


def login(page: Any, base: str, name: str, password: str = "correct horse battery") -> None:
    """Log in through the real form (and the code step, for staff) and wait for the home page."""
    page.goto(f"{base}/login")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    if name in TOTP_SECRETS:
        page.wait_for_url(f"{base}/login/code")
        page.get_by_label("Code").fill(current_code(name))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base}/")
