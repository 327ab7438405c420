"""Password reset pages (`/password/forgot`, `/password/reset/<token>`) and the contract's API
routes (`POST /api/v1/password-reset`, `POST /api/v1/password-reset/confirm`): thin adapters
over `auth.reset`. Rate limited per address (PASSWORD_RESET_LIMIT) and, for asking, per login."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from ..forms import Form
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from ..api import bp as api_bp
from ..api import openapi
from ..api.routes import body
from ..errors import DomainError
from ..extensions import csrf, limiter
from ..forms import show_error
from . import reset

bp = Blueprint("auth_reset", __name__)


class ForgotForm(Form):
    login = StringField("Username or email", validators=[DataRequired(), Length(max=254)])


class ResetForm(Form):
    password = PasswordField("New password", validators=[DataRequired(), Length(max=256)], description="At least 10 characters.")
    confirm = PasswordField("Repeat new password", validators=[DataRequired(), EqualTo("password", "The passwords do not match.")])


def _limit() -> str:
    return str(current_app.config["PASSWORD_RESET_LIMIT"])


def _login_key() -> str:
    data = request.get_json(silent=True) if request.is_json else None
    raw = data.get("login") if isinstance(data, dict) else request.form.get("login")
    return "reset-login:" + str(raw or "").strip().casefold()[:254]


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
@limiter.limit(_limit, methods=["POST"], key_func=_login_key)
def forgot_page():  # type: ignore[no-untyped-def]
    form = ForgotForm()
    if form.validate_on_submit():
        reset.request_reset(login=form.login.data)
        return render_template("auth/reset_sent.html")
    return render_template("auth/forgot.html", form=form), 422 if form.errors else 200


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def reset_page(token: str):  # type: ignore[no-untyped-def]
    form = ResetForm()
    try:
        reset.check_token(token=token)
    except DomainError as err:
        return render_template("auth/reset_invalid.html", message=err.message), 410 if err.code != "token_invalid" else 404
    if form.validate_on_submit():
        try:
            reset.confirm_reset(token=token, password=form.password.data)
        except DomainError as err:
            show_error(form, err)
        else:
            flash("Your password is changed and every device was logged out. Log in with your new password.", "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form), 422 if form.errors else 200


@api_bp.post("/password-reset")
@csrf.exempt
@limiter.limit(_limit)
@limiter.limit(_limit, key_func=_login_key)
def api_request_reset() -> tuple[dict[str, Any], int]:
    data = body("login", types={"login": str})
    reset.request_reset(login=data["login"])
    return {"status": "accepted", "message": "If that account exists and has an email address, a reset link is on its way."}, 202


@api_bp.post("/password-reset/confirm")
@csrf.exempt
@limiter.limit(_limit)
def api_confirm_reset() -> tuple[dict[str, Any], int]:
    data = body("token", "password", types={"token": str, "password": str})
    reset.confirm_reset(token=data["token"], password=data["password"])
    return {"status": "changed"}, 200


_S = {"type": "string"}
openapi.add("/api/v1/password-reset", "post", openapi._op(
    "Ask for a password reset link by username or email (202 whether or not the account exists; no token needed)",
    ok="202", body={"type": "object", "required": ["login"], "properties": {"login": _S}},
    errors=("400", "422", "429"), auth=False))
openapi.add("/api/v1/password-reset/confirm", "post", openapi._op(
    "Set a new password with a reset token (single use, one hour); ends every session and API token (no token needed)",
    body={"type": "object", "required": ["token", "password"], "properties": {"token": _S, "password": _S}},
    errors=("400", "422", "429"), auth=False))
