"""The JSON API (`/api/v1`): thin adapters over the services, bearer-token auth, and the
OpenAPI 3.1 document. Errors are the contract's `{"error": {"code", "message"}}`."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import auth, routes, openapi, tokens  # noqa: E402,F401  (routes register on bp)
