"""The JSON API (`/api/v1`): thin adapters over the services, bearer-token auth, and the
OpenAPI 3.1 document. Errors are the contract's `{"error": {"code", "message"}}`."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import auth, routes, openapi, tokens  # noqa: E402,F401  (routes register on bp)


@bp.after_request
def _no_content_has_no_type(resp):  # type: ignore[no-untyped-def]
    # A 204 carries no body, so it names no Content-Type (Flask would say text/html).
    if resp.status_code == 204:
        resp.headers.pop("Content-Type", None)
    return resp
