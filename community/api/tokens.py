"""Token routes: `POST /tokens` signs in (password, and the code for accounts with a second
factor) and issues a token; `GET /tokens` lists the caller's own; `DELETE /tokens/{id}` revokes."""
from __future__ import annotations

from typing import Any

from flask import Response, current_app, request

from ..auth import signin, tokens
from ..auth.devices import device_label
from ..auth.throttle import Throttled
from ..errors import json_error
from ..extensions import csrf, limiter
from . import bp
from .auth import api_user, token_required
from .openapi import ID, I, S, _obj, _op, _path, add
from .routes import body


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


@bp.post("/tokens")
@csrf.exempt
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT"], key_func=lambda: "api-login:" + (request.remote_addr or ""))
def create_token() -> tuple[dict[str, Any], int] | Response:
    data = body("username", "password", types={"username": str, "password": str, "otp": str, "label": str, "name": str})
    attempt = signin.Attempt(username=data["username"], address=request.remote_addr, via="api",
                             device=device_label(request.headers.get("User-Agent")))
    try:
        user = signin.sign_in_for_token(attempt, data["password"], data.get("otp"))
    except Throttled as err:
        resp = json_error(429, err.code, err.message, retry_after=err.retry_after)
        resp.headers["Retry-After"] = str(err.retry_after)
        return resp
    label = str(data.get("label") or data.get("name") or "api")
    return {"token": tokens.create_token(actor=user, name=label)}, 201


@bp.get("/tokens")
@token_required()
def list_tokens() -> dict[str, Any]:
    return {"items": [{"id": t.id, "label": t.name, "created_at": _iso(t.created_at), "last_used_at": _iso(t.last_used_at),
                       "expires_at": _iso(t.expires_at)} for t in tokens.list_tokens(actor=api_user())]}


@bp.delete("/tokens/<int:token_id>")
@token_required()
def delete_token(token_id: int) -> tuple[str, int]:
    tokens.revoke_token(actor=api_user(), token_id=token_id)
    return "", 204


_TOKEN = _obj(["id", "label", "created_at", "last_used_at", "expires_at"], id=I, label=S, created_at=S,
              last_used_at={"type": ["string", "null"]}, expires_at={"type": ["string", "null"]})
add("/api/v1/tokens", "post", _op(
    "Exchange username and password (and, for accounts with two-step sign-in, the 6-digit code `otp`) for a bearer "
    "token. 401 `bad_credentials`; 401 `mfa_required` (code missing or wrong); 403 `mfa_enrolment_required` (staff "
    "who have not set up two-step sign-in); 429 with Retry-After after repeated wrong passwords.",
    auth=False, ok="201", body=_obj(["username", "password"], username=S, password=S, otp={**S, "maxLength": 32},
                                                label={**S, "maxLength": 80}, name={**S, "maxLength": 80}),
    ok_schema=_obj(["token"], token=S), errors=("400", "401", "403", "413", "422", "429")))
add("/api/v1/tokens", "get", _op("The caller's own live tokens", ok_schema=_obj(["items"], items={"type": "array", "items": _TOKEN})))
add("/api/v1/tokens/{token_id}", "delete", _op("Revoke one of the caller's tokens", params=[_path("token_id", ID)], ok="204"))
