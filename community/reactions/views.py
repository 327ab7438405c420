"""Reaction routes: the thread page's reaction buttons (a form, so they work without
JavaScript), who reacted (JSON for the hover/focus list), and the contract's API routes."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, redirect, request, url_for
from flask_login import current_user, login_required

from ..api import bp as api_bp
from ..api.auth import api_user, token_required
from ..api.openapi import ID, I, _obj, _op, _path, add
from . import services

bp = Blueprint("reactions", __name__)


@bp.post("/posts/<int:post_id>/react")
@login_required
def react(post_id: int):  # type: ignore[no-untyped-def]
    on = {"1": True, "0": False}.get(request.form.get("on", ""))
    _found, counts = services.react(actor=current_user, target_type="post", target_id=post_id,
                                    kind=request.form.get("kind"), on=on)
    if request.accept_mimetypes.best == "application/json":
        return jsonify({"reactions": counts})
    return redirect(url_for("notifications.permalink", post_id=post_id))


@bp.get("/reactions/<any(post, message):target_type>/<int:target_id>")
@login_required
def who(target_type: str, target_id: int) -> Any:
    return jsonify({"reactions": services.who(viewer=current_user, target_type=target_type, target_id=target_id)})


@api_bp.put("/posts/<int:post_id>/reactions/<kind>")
@token_required()
def api_add(post_id: int, kind: str) -> dict[str, Any]:
    _found, counts = services.react(actor=api_user(), target_type="post", target_id=post_id, kind=kind, on=True)
    return {"reactions": counts}


@api_bp.delete("/posts/<int:post_id>/reactions/<kind>")
@token_required()
def api_remove(post_id: int, kind: str) -> dict[str, Any]:
    _found, counts = services.react(actor=api_user(), target_type="post", target_id=post_id, kind=kind, on=False)
    return {"reactions": counts}


_COUNTS = _obj(["reactions"], reactions={"type": "object", "additionalProperties": I})
_PARAMS = [_path("post_id", ID), _path("kind", {"enum": ["heart", "hug", "me_too", "helpful"]})]
add("/api/v1/posts/{post_id}/reactions/{kind}", "put", _op("React to a post (idempotent)", params=_PARAMS, ok_schema=_COUNTS,
    errors=("401", "403", "404", "405", "409", "422", "429")))
add("/api/v1/posts/{post_id}/reactions/{kind}", "delete", _op("Take back a reaction", params=_PARAMS, ok_schema=_COUNTS,
    errors=("401", "403", "404", "405", "409", "422", "429")))

