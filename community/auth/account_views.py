"""Account security pages: the second sign-in step, two-step sign-in set-up, devices (the
member's server-side sessions), API tokens, sign-in history, and the admin's MFA reset.
Staff without a second factor are sent to set-up from every other page (`init_app`)."""
from __future__ import annotations

import time

from flask import Blueprint, Flask, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, user_logged_in, user_logged_out

from .. import permissions
from ..errors import DomainError, handled, json_error
from ..extensions import db, limiter
from ..forms import show_error
from . import mfa, oidc, reauth, sessions, signin, tokens
from .forms import CodeForm, MfaEnrolForm, ReasonForm, SensitiveConfirmForm, TokenCreateForm
from .mfa_policy import IDP_MFA_SESSION_KEY, enrolment_needed_in_session
from .models import User
from .throttle import Throttled
from .views import PENDING, PENDING_SECONDS, attempt, complete_login

bp = Blueprint("account", __name__)
ENROL_SECRET = "mfa_enrol_secret"
# What staff without a second factor may still reach.
# Staff who have not set up two-step sign-in can do nothing but enrol, except read what the
# hospital publishes (About, Privacy, Terms, guidelines), reset a forgotten password, and sign in
# through the hospital's identity provider.
OPEN_WHILE_ENROLLING = {"account.mfa_setup", "auth.logout", "static", "auth.login", "account.login_code",
                        "auth_reset.forgot_page", "auth_reset.reset_page",
                        "oidc.start", "oidc.callback", "oidc.link", "oidc.join"}
OPEN_BLUEPRINTS_WHILE_ENROLLING = {"pages"}


def _new_session_key(sender: object, user: object, **_: object) -> None:
    # A sign-in gets a fresh session key (a key planted before sign-in is worth nothing), and
    # the row records the account's current session_version.
    session.rotate = True  # type: ignore[attr-defined]


def _forget_provider_mfa(sender: object, user: object, **_: object) -> None:
    # The hospital provider's MFA stood in for TOTP for that sign-in only (auth/oidc_views.py);
    # its ID token and any confirmation through it (auth/reauth.py) end with the sign-in too.
    session.pop(IDP_MFA_SESSION_KEY, None)
    session.pop(oidc.ID_TOKEN, None)
    reauth.forget()


def init_app(app: Flask) -> None:
    from . import seen

    user_logged_in.connect(_new_session_key, app)
    user_logged_out.connect(_forget_provider_mfa, app)
    seen.init_app(app)          # last_seen_at, at most once a minute per member

    @app.before_request
    def _enrolment_first():  # type: ignore[no-untyped-def]
        if (request.endpoint in OPEN_WHILE_ENROLLING or request.blueprint in OPEN_BLUEPRINTS_WHILE_ENROLLING
                or request.path.startswith("/api/") or request.endpoint is None):
            return None
        user = current_user._get_current_object()     # the object, not the proxy: read several times
        if user.is_authenticated and enrolment_needed_in_session(
                user, provider_mfa=bool(session.get(IDP_MFA_SESSION_KEY))):
            if request.method == "GET":
                return redirect(url_for("account.mfa_setup"))
            if request.accept_mimetypes.best == "application/json":
                return json_error(403, "mfa_enrolment_required", "Set up two-step sign-in first.")
            abort(403)
        return None


def _pending_user() -> tuple[User, dict] | None:  # type: ignore[type-arg]
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - int(pending.get("at", 0)) > PENDING_SECONDS:
        session.pop(PENDING, None)
        return None
    user = db.session.get(User, int(pending.get("uid", 0)))
    return (user, pending) if user is not None and permissions.has_mfa(user) else None


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT"], methods=["POST"])
def login_code():  # type: ignore[no-untyped-def]
    """Step two: the code from the authenticator app (or a recovery code)."""
    found = _pending_user()
    if found is None:
        flash("Please log in again.", "info")
        return redirect(url_for("auth.login"))
    user, pending = found
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        try:
            kind = signin.check_second_factor(attempt(user.username, str(pending.get("via") or "web")), user, form.code.data)
        except Throttled as err:
            form.code.errors = [err.message]
            resp = current_app.make_response((render_template("auth/login_code.html", form=form), 429))
            resp.headers["Retry-After"] = str(err.retry_after)
            return resp
        except signin.MfaRequired as err:
            form.code.errors = [err.message]
            status = 401
        else:
            if kind == "recovery":
                flash(f"You used a recovery code: {mfa.recovery_codes_left(user)} left. Set up your app again soon.", "info")
            return complete_login(user, remember=bool(pending.get("remember")), second_factor=kind,
                                  next_url=pending.get("next"), via=str(pending.get("via") or "web"))
    return render_template("auth/login_code.html", form=form), status


@bp.route("/settings/two-step", methods=["GET", "POST"])
@login_required
def mfa_setup():  # type: ignore[no-untyped-def]
    """Enrol (or re-enrol): a QR code and the secret, confirmed with a code."""
    form = MfaEnrolForm()
    secret = session.get(ENROL_SECRET)
    if request.method == "GET" or not secret:
        enrolment = mfa.start_enrolment(actor=current_user)
        session[ENROL_SECRET] = secret = enrolment.secret
    codes = None
    user = current_user._get_current_object()
    if form.validate_on_submit():
        try:
            by_provider = permissions.has_mfa(user) and reauth.confirmed(user, form.password.data)
            codes = mfa.confirm_enrolment(actor=user, secret=secret, code=form.code.data,
                                          password=form.password.data, reauthenticated=by_provider)
        except DomainError as err:
            show_error(form, err)
        else:
            if by_provider:
                reauth.consume()
            session.pop(ENROL_SECRET, None)
            return render_template("auth/mfa_codes.html", codes=codes)
    uri = mfa.provisioning_uri(user, secret)
    return render_template("auth/mfa_setup.html", form=form, secret=secret, qr=mfa.qr_data_uri(uri),
                           enrolled=permissions.has_mfa(user), required=permissions.requires_mfa(user),
                           codes_left=mfa.recovery_codes_left(user), disable_form=SensitiveConfirmForm(formdata=None),
                           reauth=reauth.offer(user)), 422 if form.errors else 200


@bp.post("/settings/two-step/disable")
@login_required
def mfa_disable():  # type: ignore[no-untyped-def]
    form = SensitiveConfirmForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        try:
            by_provider = reauth.confirmed(user, form.password.data)
            mfa.disable(actor=user, password=form.password.data, reauthenticated=by_provider)
        except DomainError as err:
            flash(handled(err).message, "error")
        else:
            reauth.consume()
            flash("Two-step sign-in is off.", "success")
    return redirect(url_for("account.mfa_setup"))


@bp.get("/settings/devices")
@login_required
def devices():  # type: ignore[no-untyped-def]
    rows = sessions.active_sessions(current_user)
    return render_template("auth/devices.html", rows=rows, current_id=getattr(session, "row_id", None))


@bp.post("/settings/devices/<int:session_id>/revoke")
@login_required
def revoke_device(session_id: int):  # type: ignore[no-untyped-def]
    keys = sessions.end_sessions(current_user, session_ids=[session_id], actor=current_user)
    db.session.commit()
    sessions.announce_ended(current_user.id, keys)
    flash("That device is signed out.", "success")
    return redirect(url_for("account.devices"))


@bp.post("/settings/devices/others/revoke")
@login_required
def revoke_other_devices():  # type: ignore[no-untyped-def]
    keys = sessions.end_sessions(current_user, keep=getattr(session, "row_id", None), actor=current_user)
    db.session.commit()
    sessions.announce_ended(current_user.id, keys)
    flash("Every other device is signed out.", "success")
    return redirect(url_for("account.devices"))


@bp.route("/settings/api-tokens", methods=["GET", "POST"])
@login_required
def tokens_page():  # type: ignore[no-untyped-def]
    form = TokenCreateForm()
    created = None
    if form.validate_on_submit():
        try:
            created = tokens.create_token(actor=current_user, name=form.label.data, days=form.days.data)
        except DomainError as err:
            show_error(form, err)
        else:
            form = TokenCreateForm(formdata=None)
    return render_template("auth/tokens.html", form=form, items=tokens.list_tokens(actor=current_user),
                           created=created, max_days=current_app.config["API_TOKEN_DAYS"]), 422 if form.errors else 200


@bp.post("/settings/api-tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):  # type: ignore[no-untyped-def]
    tokens.revoke_token(actor=current_user, token_id=token_id)
    flash("Token revoked: it stops working at once.", "success")
    return redirect(url_for("account.tokens_page"))


@bp.get("/settings/sign-ins")
@login_required
def signins():  # type: ignore[no-untyped-def]
    return render_template("auth/signins.html", entries=signin.history(actor=current_user))


@bp.post("/admin/users/<int:user_id>/mfa-reset")
@login_required
def admin_reset_mfa(user_id: int):  # type: ignore[no-untyped-def]
    user = db.session.get(User, user_id) or abort(404)
    form = ReasonForm()
    if form.validate_on_submit():
        mfa.reset(actor=current_user, user=user, reason=form.reason.data or "")
        flash(f"Two-step sign-in of {user.username} is reset: they are signed out and must set it up again.", "success")
    return redirect(url_for("auth.admin_users", q=user.username))

