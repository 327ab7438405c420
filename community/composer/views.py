"""Composer routes (JSON, for static/js/composer.js): preview, and the member's draft per place."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from . import services

bp = Blueprint("composer", __name__)


@bp.post("/compose/preview")
@login_required
def preview() -> Any:
    data = request.get_json(silent=True) or {}
    return jsonify({"html": services.preview(actor=current_user, body=data.get("body"))})


@bp.get("/compose/drafts/<key>")
@login_required
def get_draft(key: str) -> Any:
    return jsonify({"body": services.get_draft(actor=current_user, key=key)})


@bp.put("/compose/drafts/<key>")
@login_required
def save_draft(key: str) -> Any:
    data = request.get_json(silent=True) or {}
    services.save_draft(actor=current_user, key=key, body=data.get("body", ""))
    return "", 204
