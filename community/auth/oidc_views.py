"""Hospital sign-in pages: /login/oidc (off to the provider), /login/oidc/callback (back),
/login/oidc/join (a first sign-in: the registration form's consent, then the new account) and
/login/oidc/link (the local password, once, before a hospital account is linked to a Harbor
account with the same verified email). 404 while OIDC is not configured.

The browser is signed in by the same `complete_login` as a password sign-in (server-side
session, audit entry with via "oidc"). When the ID token's `amr` names a multi-factor sign-in
(`OIDC_MFA_AMR`), that session needs no Harbor TOTP; otherwise an account with TOTP is asked
for its code (/login/code) and staff without it are sent to enrol, as after a password.

Any failure (the provider's error, a wrong or spent state, an expired code, the provider away)
shows the login page with a message and is audited as a failed sign-in (the reason, never a
token or a code)."""
from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from .. import permissions
from ..errors import handled
from ..extensions import db, limiter
from ..moderation.audit import record
from . import oidc, oidc_accounts, reauth_views, signin
from .devices import network_of
from .forms import JoinForm, LoginForm, PasswordConfirmForm
from .mfa_policy import amr_is_multi_factor
from .models import Role, User
from .throttle import Throttled
from .views import PENDING, _safe_next, attempt, complete_login

bp = Blueprint("oidc", __name__)
NEXT = "oidc_next"
LINK = "oidc_link"
JOIN = "oidc_join"
LINK_SECONDS = 600


def _configured() -> None:
    if not oidc.configured():
        abort(404)


def _login_page(message: str, status: int) -> tuple[str, int]:
    return render_template("auth/login.html", form=LoginForm(formdata=None), oidc_error=message), status


def _failed(err: oidc.OidcFailed, user: User | None = None) -> tuple[str, int]:
    detail = {"via": "oidc", "network": network_of(request.remote_addr), "reason": err.reason[:80]}
    handled(err)
    if user is None:
        record(actor=None, action="auth.login_failed", target_type="user", detail={**detail, "account": "unknown"})
    else:
        record(actor=None, action="auth.login_failed", target=user, target_type="user", detail=detail)
    db.session.commit()
    current_app.logger.info("hospital sign-in failed: %s", err.reason)
    return _login_page(err.message, err.status)


@bp.get("/login/oidc")
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT"])
def start():  # type: ignore[no-untyped-def]
    _configured()
    session[NEXT] = _safe_next(request.args.get("next"))
    try:
        return oidc.begin(url_for("oidc.callback", _external=True))
    except oidc.OidcFailed as err:
        return _failed(err)


def _mfa_by_provider(identity: oidc.Identity) -> bool:
    return amr_is_multi_factor(identity.amr, list(current_app.config["OIDC_MFA_AMR"]))


def _sign_in(user: User, *, provider_mfa: bool) -> Response:
    """As after a password: the provider's multi-factor sign-in, or Harbor's TOTP step for an
    account that has it, or (staff without it) enrolment."""
    next_url = session.pop(NEXT, None)
    if provider_mfa:
        return complete_login(user, remember=False, second_factor="provider", next_url=next_url, via="oidc",
                              provider_mfa=True)
    if permissions.has_mfa(user):
        session[PENDING] = {"uid": user.id, "at": int(time.time()), "remember": False, "next": next_url, "via": "oidc"}
        return redirect(url_for("account.login_code"))
    return complete_login(user, remember=False, second_factor=None, next_url=next_url, via="oidc")


@bp.get("/login/oidc/callback")
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT"])
def callback():  # type: ignore[no-untyped-def]
    _configured()
    if reauth_views.is_confirmation():       # "Confirm with <label>" coming back (auth/reauth_views.py)
        return reauth_views.callback()
    user = None
    try:
        identity = oidc.complete()
        # Kept for the provider's logout once the sign-in is complete (views.complete_login).
        session[oidc.ID_TOKEN_PENDING] = identity.id_token
        found = oidc_accounts.resolve(identity)
        if found.link_to is not None:
            session[LINK] = {"issuer": identity.issuer, "subject": identity.subject, "uid": found.link_to.id,
                             "role": str(found.role) if found.role else None, "mfa": _mfa_by_provider(identity),
                             "at": int(time.time())}
            return redirect(url_for("oidc.link"))
        if found.user is None:
            claims = {k: identity.claims.get(k) for k in ("email", "email_verified", "preferred_username")}
            session[JOIN] = {"issuer": identity.issuer, "subject": identity.subject, "claims": claims,
                             "role": str(found.role) if found.role else None, "mfa": _mfa_by_provider(identity),
                             "at": int(time.time())}
            return redirect(url_for("oidc.join"))
        user = found.user
        oidc_accounts.signed_in(identity, user, found.role)
    except oidc.OidcFailed as err:
        return _failed(err, user)
    return _sign_in(user, provider_mfa=_mfa_by_provider(identity))


@bp.route("/login/oidc/join", methods=["GET", "POST"])
def join():  # type: ignore[no-untyped-def]
    """The first hospital sign-in of someone without an account: the Terms, Privacy notice and
    guidelines, and the minimum age, as at registration; then the account is made."""
    from ..pages import terms_version
    from wtforms.validators import DataRequired

    _configured()
    pending = session.get(JOIN)
    if not isinstance(pending, dict) or time.time() - int(pending.get("at", 0)) > LINK_SECONDS:
        session.pop(JOIN, None)
        return _login_page("That hospital sign-in has expired. Please start again.", 400)
    form = JoinForm()
    min_age = int(current_app.config["MIN_AGE"])
    form.confirm_age.label.text = f"I am {min_age} or older"
    form.confirm_age.validators = [DataRequired(f"Harbor is for people aged {min_age} or older.")]
    if form.validate_on_submit():
        session.pop(JOIN, None)
        identity = oidc.Identity(issuer=str(pending["issuer"]), subject=str(pending["subject"]),
                                 claims=dict(pending.get("claims") or {}))
        role = Role(pending["role"]) if pending.get("role") else None
        try:
            user = oidc_accounts.create(identity, role, terms_version=terms_version())
        except oidc.OidcFailed as err:
            return _failed(err)
        return _sign_in(user, provider_mfa=bool(pending.get("mfa")))
    return render_template("auth/oidc_join.html", form=form), 422 if form.errors else 200


def _pending_link() -> tuple[dict[str, Any], User] | None:
    pending = session.get(LINK)
    if not isinstance(pending, dict) or time.time() - int(pending.get("at", 0)) > LINK_SECONDS:
        session.pop(LINK, None)
        return None
    user = db.session.get(User, int(pending.get("uid", 0)))
    return (pending, user) if user is not None else None


@bp.route("/login/oidc/link", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT"], methods=["POST"])
def link():  # type: ignore[no-untyped-def]
    """The Harbor account with the same verified email: its password, once, links the two."""
    _configured()
    found = _pending_link()
    if found is None:
        return _login_page("That hospital sign-in has expired. Please start again.", 400)
    pending, user = found
    form = PasswordConfirmForm()
    status = 200
    if form.validate_on_submit():
        try:
            signin.check_password(attempt(user.username, "oidc"), form.password.data)
        except Throttled as err:
            form.password.errors = [err.message]
            resp = current_app.make_response((render_template("auth/oidc_link.html", form=form, member=user), 429))
            resp.headers["Retry-After"] = str(err.retry_after)
            return resp
        except signin.BadCredentials:
            form.password.errors = ["That is not the password of this Harbor account."]
            status = 401
        else:
            session.pop(LINK, None)
            identity = oidc.Identity(issuer=str(pending["issuer"]), subject=str(pending["subject"]))
            role = Role(pending["role"]) if pending.get("role") else None
            try:
                oidc_accounts.link(identity, user, role)
            except oidc.OidcFailed as err:
                return _failed(err, user)
            return _sign_in(user, provider_mfa=bool(pending.get("mfa")))
    elif form.errors:
        status = 422
    return render_template("auth/oidc_link.html", form=form, member=user), status
