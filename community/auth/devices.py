"""What a session list may show about a device: a label from the user agent ("Firefox on
Windows") and the network with its last part dropped. Pure functions, no Flask."""
from __future__ import annotations

import ipaddress

# Checked in order: Edge and Opera say "Chrome" too, Chrome says "Safari".
_BROWSERS = [("Edg/", "Edge"), ("EdgA/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
             ("SamsungBrowser/", "Samsung Internet"), ("CriOS/", "Chrome"), ("Chromium/", "Chromium"),
             ("Chrome/", "Chrome"), ("Safari/", "Safari")]
_SYSTEMS = [("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("CrOS", "ChromeOS"),
            ("Windows", "Windows"), ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux")]


def device_label(user_agent: str | None) -> str:
    ua = user_agent or ""
    browser = next((name for needle, name in _BROWSERS if needle in ua), None)
    system = next((name for needle, name in _SYSTEMS if needle in ua), None)
    if browser and system:
        return f"{browser} on {system}"
    if browser or system:
        return browser or f"A browser on {system}"
    return "Unknown device" if not ua else ua.split("/", 1)[0][:40] or "Unknown device"


def network_of(address: str | None) -> str:
    """203.0.113.57 -> 203.0.113.0/24; 2001:db8:1:2::5 -> 2001:db8:1::/48; '' if unknown."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
