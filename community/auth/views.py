"""Account pages: register, log in and out, profile, password, deletion, admin roles."""
from __future__ import annotations

import secrets
import time

from itsdangerous import BadSignature, URLSafeTimedSerializer
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from wtforms.validators import DataRequired

from .. import events, permissions
from ..errors import DomainError
from ..extensions import db, limiter, login_manager
from ..forms import show_error
from ..forums.models import ConditionMember
from . import oidc, reauth, services, signin
from .devices import device_label
from .mfa_policy import IDP_MFA_SESSION_KEY, enrolment_needed_in_session
from .profile_policy import can_view_profile
from .throttle import Throttled
from .forms import DeleteAccountForm, LoginForm, PasswordForm, ProfileForm, RegisterForm, RoleForm
from .models import Role, User

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(raw: str) -> User | None:
    try:
        uid, version = (int(x) for x in raw.split(":", 1))
    except ValueError:
        return None
    # Only the account the server-side session row signs in (auth/sessions.py): a Flask-Login
    # remember cookie, or a cookie of an ended session, signs in no one.
    if getattr(session, "user_id", None) != uid:
        return None
    # The account loaded with the session's row is the one the identity map would give back;
    # only when it is not in this database session (or not this account) is it looked up.
    account = getattr(session, "account", None)
    user = account if account is not None and account.id == uid and account in db.session else db.session.get(User, uid)
    if user is None or user.session_version != version or user.banned_at is not None:
        return None
    return user


PENDING = "signin_pending"
PENDING_SECONDS = 300


KNOWN_DEVICE = "harbor_device"
KNOWN_DEVICE_DAYS = 180


def _device_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key or "", salt="harbor-known-device")


def _known_account() -> int | None:
    raw = request.cookies.get(KNOWN_DEVICE)
    if not raw:
        return None
    try:
        return int(_device_serializer().loads(raw, max_age=KNOWN_DEVICE_DAYS * 86400))
    except (BadSignature, ValueError, TypeError):
        return None


def attempt(username: str, via: str = "web") -> signin.Attempt:
    return signin.Attempt(username=username, address=request.remote_addr, via=via,
                          device=device_label(request.headers.get("User-Agent")), known_account_id=_known_account())


def complete_login(user: User, *, remember: bool, second_factor: str | None, next_url: str | None,  # type: ignore[no-untyped-def]
                   via: str = "web", provider_mfa: bool = False):
    """Sign the browser in (a fresh session key) and go on: to enrolment for staff without a
    second factor, else where they were going. `provider_mfa`: hospital sign-in whose provider
    asserted a multi-factor sign-in (auth/oidc_views.py), which stands in for Harbor's TOTP in
    this session."""
    signin.finish(attempt(user.username, via), user, second_factor=second_factor)
    session.pop(PENDING, None)
    login_user(user)
    session.permanent = remember
    # The ID token of a hospital sign-in stays with the session, for the provider's logout.
    id_token = session.pop(oidc.ID_TOKEN_PENDING, None)
    if via == "oidc" and id_token:
        session[oidc.ID_TOKEN] = id_token
    else:
        session.pop(oidc.ID_TOKEN, None)
    if provider_mfa:
        session[IDP_MFA_SESSION_KEY] = True
    else:
        session.pop(IDP_MFA_SESSION_KEY, None)
    if enrolment_needed_in_session(user, provider_mfa=provider_mfa):
        flash("Staff accounts need two-step sign-in. Set it up now to continue.", "info")
        resp = redirect(url_for("account.mfa_setup"))
    else:
        resp = redirect(_safe_next(next_url))
    # This browser is now known to the account: others' wrong guesses never make it wait.
    resp.set_cookie(KNOWN_DEVICE, _device_serializer().dumps(user.id), max_age=KNOWN_DEVICE_DAYS * 86400, httponly=True,
                    secure=bool(current_app.config["SESSION_COOKIE_SECURE"]) or request.is_secure, samesite="Lax")
    return resp



def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("forums.index")


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def register():  # type: ignore[no-untyped-def]
    from ..pages import terms_version

    form = RegisterForm()
    min_age = int(current_app.config["MIN_AGE"])
    form.confirm_age.label.text = f"I am {min_age} or older"
    form.confirm_age.validators = [DataRequired(f"Harbor is for people aged {min_age} or older.")]
    if form.is_submitted():
        # Every field's error at once: the form's own checks and the account rules together.
        form.validate()
        for err in services.registration_problems(username=form.username.data or "", password=form.password.data or "",
                                                  email=form.email.data):
            if not getattr(form, getattr(err, "field", "username"), form.username).errors:     # one reason per field
                show_error(form, err)
    if form.is_submitted() and not form.errors:
        try:
            user = services.register(username=form.username.data, password=form.password.data, email=form.email.data,
                                     terms_version=terms_version())
        except DomainError as err:
            show_error(form, err)
        else:
            login_user(user)
            flash("Welcome to Harbor. Join a condition community to get started.", "success")
            return redirect(url_for("forums.index"))
    return render_template("auth/register.html", form=form), 422 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT"], methods=["POST"])
def login():  # type: ignore[no-untyped-def]
    """Step one: the password. Accounts with a second factor go on to /login/code."""
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = signin.check_password(attempt(form.username.data), form.password.data)
        except Throttled as err:
            form.password.errors = [err.message]
            resp = current_app.make_response((render_template("auth/login.html", form=form), 429))
            resp.headers["Retry-After"] = str(err.retry_after)
            return resp
        except signin.BadCredentials:
            form.password.errors = ["Wrong username or password."]
            status = 401
        else:
            if permissions.has_mfa(user):
                session[PENDING] = {"uid": user.id, "at": int(time.time()), "remember": bool(form.remember.data),
                                    "next": request.args.get("next")}
                return redirect(url_for("account.login_code"))
            return complete_login(user, remember=bool(form.remember.data), second_factor=None,
                                  next_url=request.args.get("next"))
    elif form.errors:
        status = 401
    # Back from the provider's logout (see `logout`): its state is the one this browser was given.
    state = request.args.get("state") if request.method == "GET" else None
    provider_out = bool(state) and session.get(LOGOUT_STATE) == state
    if provider_out:
        session.pop(LOGOUT_STATE, None)
    return render_template("auth/login.html", form=form, provider_logged_out=provider_out), status


LOGOUT_STATE = "oidc_logout_state"


def post_logout_redirect_uri() -> str:
    return str(current_app.config.get("OIDC_POST_LOGOUT_REDIRECT_URI")
               or str(current_app.config["BASE_URL"]).rstrip("/") + url_for("auth.login"))


@bp.post("/logout")
@login_required
def logout():  # type: ignore[no-untyped-def]
    """End Harbor's session; after a hospital sign-in, then send the browser to the provider's
    end_session_endpoint (RP-initiated logout) when it has one."""
    uid = current_user.id
    id_token = session.get(oidc.ID_TOKEN)
    logout_user()    # the session's row goes with the signed-in state (auth/sessions.py)
    events.announce("user.logged_out", user_id=uid)
    flash("You are logged out.", "info")
    if isinstance(id_token, str) and oidc.configured():
        state = secrets.token_urlsafe(16)
        url = oidc.logout_url(id_token=id_token, post_logout_redirect_uri=post_logout_redirect_uri(), state=state)
        if url:
            session[LOGOUT_STATE] = state
            return redirect(url)
    return redirect(url_for("forums.index"))


@bp.route("/settings/profile", methods=["GET", "POST"])
@login_required
def profile_settings():  # type: ignore[no-untyped-def]
    memberships = db.session.scalars(db.select(ConditionMember).where(ConditionMember.user_id == current_user.id)).all()
    form = ProfileForm(obj=current_user if request.method == "GET" else None)
    form.public_conditions.choices = [(m.condition_id, m.condition.name) for m in memberships]
    if request.method == "GET":
        form.public_conditions.data = [m.condition_id for m in memberships if m.on_profile]
    if form.validate_on_submit():
        change = services.ProfileChange(
            display_name=form.display_name.data, bio=form.bio.data, email=form.email.data,
            public_condition_ids=set(form.public_conditions.data or []),
            feedback_consent=form.feedback_consent.data, hide_presence=form.hide_presence.data,
            hide_from_directory=form.hide_from_directory.data,
        )
        try:
            services.update_profile(actor=current_user, change=change)
        except DomainError as err:
            show_error(form, err)
        else:
            flash("Your profile is saved.", "success")
            return redirect(url_for("auth.profile_settings"))
    return render_template("auth/profile_settings.html", form=form), 422 if form.errors else 200


@bp.route("/settings/password", methods=["GET", "POST"])
@login_required
def password():  # type: ignore[no-untyped-def]
    """Change the password, or (an account made by hospital sign-in, `password_set` false)
    set a first one: with the current password or the provider's confirmation (auth/reauth.py)."""
    form = PasswordForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        was_set = user.password_set
        try:
            by_provider = reauth.confirmed(user, form.current_password.data, field="current_password")
            services.change_password(actor=user, current=form.current_password.data, new=form.password.data,
                                     reauthenticated=by_provider)
        except DomainError as err:
            show_error(form, err)
        else:
            reauth.consume()
            login_user(user)  # every session ended: this browser gets a new one
            flash("Your password is changed. Other devices have been logged out." if was_set else
                  "Your password is set: you can now also log in with your username and password.", "success")
            return redirect(url_for("auth.profile_settings"))
    return render_template("auth/password.html", form=form, reauth=reauth.offer(user)), 422 if form.errors else 200


@bp.route("/settings/delete", methods=["GET", "POST"])
@login_required
def delete_account():  # type: ignore[no-untyped-def]
    form = DeleteAccountForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        try:
            by_provider = reauth.confirmed(user, form.password.data)
            services.delete_account(actor=user, password=form.password.data, delete_posts=form.delete_posts.data,
                                    reauthenticated=by_provider)
        except DomainError as err:
            show_error(form, err)
        else:
            logout_user()
            flash("Your account is deleted.", "info")
            return redirect(url_for("forums.index"))
    from ..forums.services import REMOVED_BY_AUTHOR, deletion_summary

    return render_template("auth/delete.html", form=form, summary=deletion_summary(user_id=current_user.id),
                           removed_text=REMOVED_BY_AUTHOR, reauth=reauth.offer(user)), 422 if form.errors else 200


@bp.get("/settings/data.json")
@login_required
def download_data():  # type: ignore[no-untyped-def]
    from flask import jsonify

    resp = jsonify(services.export_my_data(actor=current_user))
    resp.headers["Content-Disposition"] = "attachment; filename=harbor-my-data.json"
    return resp


@bp.get("/members/<username>")
def member(username: str):  # type: ignore[no-untyped-def]
    user = services.get_user(username)
    if not can_view_profile(current_user, user):
        return login_manager.unauthorized()
    public = db.session.scalars(db.select(ConditionMember).where(
        ConditionMember.user_id == user.id, ConditionMember.on_profile.is_(True))).all()
    return render_template("auth/member.html", member=user, conditions=[m.condition for m in public])


@bp.get("/members")
@login_required
def members():  # type: ignore[no-untyped-def]
    """The member directory: for signed-in members, without those who hide from it."""
    page = max(1, request.args.get("page", 1, type=int))
    rows = db.session.scalars(db.select(User).where(User.hide_from_directory.is_(False)).order_by(User.username)
                              .limit(51).offset((page - 1) * 50)).all()
    return render_template("auth/members.html", members=rows[:50], page=page, more=len(rows) > 50)


@bp.route("/admin/users", methods=["GET"])
@login_required
def admin_users():  # type: ignore[no-untyped-def]
    if not permissions.can_assign_roles(current_user):
        abort(403)
    q = (request.args.get("q") or "").strip()
    stmt = db.select(User).order_by(User.username).limit(100)
    if q:
        stmt = stmt.where(User.username.ilike(f"%{q}%"))
    return render_template("auth/admin_users.html", users=db.session.scalars(stmt).all(), q=q, form=RoleForm())


@bp.post("/admin/users/<int:user_id>/role")
@login_required
def admin_set_role(user_id: int):  # type: ignore[no-untyped-def]
    if not permissions.can_assign_roles(current_user):
        abort(403)
    user = db.session.get(User, user_id) or abort(404)
    form = RoleForm()
    if form.validate_on_submit():
        services.set_role(actor=current_user, user=user, role=Role(form.role.data), reason=form.reason.data or "",
                          is_verifier=form.is_verifier.data)
        flash(f"{user.username} is now {form.role.data}.", "success")
    else:
        flash("Choose a valid role.", "error")
    return redirect(url_for("auth.admin_users", q=user.username))
