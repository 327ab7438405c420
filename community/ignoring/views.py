"""The ignore button on a member's page, the Settings list with "stop ignoring", and the
contract's API routes (`PUT` / `DELETE /api/v1/members/{name}/ignore` → 204)."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..api import bp as api_bp
from ..api.auth import api_user, token_required
from ..api.openapi import _op, _path, add
from ..auth import services as accounts
from ..errors import DomainError, handled
from . import services

bp = Blueprint("ignoring", __name__)


@bp.post("/members/<username>/ignore")
@login_required
def toggle(username: str):  # type: ignore[no-untyped-def]
    other = accounts.get_user(username)
    stop = request.form.get("stop") == "1"
    try:
        if stop:
            services.stop_ignoring(actor=current_user, other=other)
            flash(f"You no longer ignore {other.name}.", "success")
        else:
            services.ignore(actor=current_user, other=other)
            flash(f"You ignore {other.name}: their posts are collapsed and their chat messages hidden for you, and "
                  "they can't mention or message you. They are not told.", "success")
    except DomainError as err:
        flash(handled(err).message, "error")
        return redirect(url_for("auth.member", username=other.username))
    back = request.form.get("next") == "settings"
    return redirect(url_for("ignoring.settings") if back else url_for("auth.member", username=other.username))


@bp.get("/settings/ignored")
@login_required
def settings():  # type: ignore[no-untyped-def]
    return render_template("ignoring/settings.html", members=services.ignored_members(current_user))


@api_bp.put("/members/<username>/ignore")
@token_required()
def api_ignore(username: str) -> tuple[str, int]:
    services.ignore(actor=api_user(), other=accounts.get_user(username))
    return "", 204


@api_bp.delete("/members/<username>/ignore")
@token_required()
def api_stop(username: str) -> tuple[str, int]:
    services.stop_ignoring(actor=api_user(), other=accounts.get_user(username))
    return "", 204


_NAME = [_path("username")]
add("/api/v1/members/{username}/ignore", "put", _op(
    "Ignore a member: their posts and messages are hidden from you, and they can't mention or message you",
    params=_NAME, ok="204", errors=("401", "403", "404", "422", "429")))
add("/api/v1/members/{username}/ignore", "delete", _op(
    "Stop ignoring a member; idempotent", params=_NAME, ok="204", errors=("401", "403", "404", "429")))
