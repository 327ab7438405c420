"""HTTP hardening applied to every response: a strict Content-Security-Policy (no inline
script, nothing from another host), cookie flags, and the API's body-size limit."""
from __future__ import annotations

from flask import Flask, Response, has_request_context, request

from .auth.sessions import ServerSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self' ws: wss:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


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
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        resp.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.path.startswith("/api/"):
            resp.headers.setdefault("Cache-Control", "no-store")
        return resp
