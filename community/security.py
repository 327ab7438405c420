"""HTTP hardening applied to every response: a strict Content-Security-Policy (no inline
script, nothing from another host, sockets only to this site), cookie flags, HSTS over a secure
deployment, and `Cache-Control: no-store` on everything that shows member content or settings
(a shared or back-button cache must never hand a patient's page to the next person)."""
from __future__ import annotations

import re

from flask import Flask, Response, current_app, has_request_context, request, session
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from .auth.sessions import ServerSessionInterface

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self' {sockets}",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

_HOST_RE = re.compile(r"[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]{2,45}\](:[0-9]{1,5})?")


class _SessionInterface(ServerSessionInterface):
    """Sessions live on the server (auth/sessions.py). Mark the session cookie Secure whenever the request came over HTTPS (directly, or
    through a proxy when PROXY_FIX is set), not only when configured."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or (has_request_context() and request.is_secure)


def init_app(app: Flask) -> None:
    app.session_interface = _SessionInterface()
    if app.config.get("PROXY_FIX"):
        # Behind nginx: trust one proxy's X-Forwarded-For/-Proto (client address, https).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]

    @app.after_request
    def _headers(resp: Response) -> Response:
        resp.headers.setdefault("Content-Security-Policy", csp())
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        resp.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if _private(request.path):
            resp.headers["Cache-Control"] = "no-store"
            resp.headers.setdefault("Pragma", "no-cache")
        if app.config.get("SESSION_COOKIE_SECURE"):
            resp.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return resp


# Paths whose pages hold member content or settings even for a visitor who is not signed in
# (an API answer, a settings or moderation page); every page to a signed-in member is private too.
PRIVATE_PREFIXES = ("/api/", "/settings", "/moderation", "/admin", "/quality", "/clinicians", "/chat", "/notifications",
                    "/report", "/members", "/feedback")


def _private(path: str) -> bool:
    if path.startswith("/static/"):
        return False
    if path.startswith(PRIVATE_PREFIXES):
        return True
    # Signed in, whatever the page (a page that never looked at the member doesn't load them).
    if request.headers.get("Authorization"):
        return True
    return bool(session.get("_user_id")) and bool(current_user.is_authenticated)


def csp() -> str:
    """The policy for this request: WebSockets to this site's own origin only."""
    host = request.host if has_request_context() else ""
    if not _HOST_RE.fullmatch(host):
        host = ""   # a Host header that is not a plain host[:port] never reaches the policy
    sockets = f"{'wss' if request.is_secure else 'ws'}://{host}" if host else ""
    if sockets and request.is_secure is False and current_app.config.get("SESSION_COOKIE_SECURE"):
        sockets = f"wss://{host}"
    return CSP.format(sockets=sockets).replace("'self' ;", "'self';")
