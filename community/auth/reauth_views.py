""""Confirm with <OIDC_BUTTON_LABEL>" (auth/reauth.py): `POST /settings/confirm-identity`
sends a signed-in member whose account is linked to a hospital identity to the provider with
`prompt=login` and `max_age=0` (a fresh sign-in there, whatever session the provider has), and
the provider's answer comes back to the usual `/login/oidc/callback`, which hands it here when
its `state` is this confirmation's (`is_confirmation`). `next` (where to go back to) must be a
path on this site. Every confirmation, given or refused, is audited (the reason, never a token)."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ..errors import handled
from ..extensions import db, limiter
from ..moderation.audit import record
from . import oidc, reauth
from .forms import ConfirmIdentityForm

bp = Blueprint("reauth", __name__)


def _local(target: str | None) -> str | None:
    """`target` when it is a path on this site (no scheme, no host, no backslash tricks)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(ch) < 32 for ch in target):
        return None
    return target


def _audit(action: str, **detail: object) -> None:
    record(actor=current_user, action=action, target=current_user, target_type="user",
           detail={"via": "oidc", **detail})
    db.session.commit()


@bp.post("/settings/confirm-identity")
@login_required
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT"])
def confirm_identity():  # type: ignore[no-untyped-def]
    if not oidc.configured():
        abort(404)
    form = ConfirmIdentityForm()
    next_url = _local(form.next.data) if form.validate_on_submit() else None
    if next_url is None:
        abort(400, description="That confirmation request is not valid (where to go back to must be a page of this "
                               "site). Please start again from the page you were on.")
    if not reauth.available(current_user):
        flash(f"Your account is not linked to a {reauth.label()} account, so it can't be confirmed there. "
              "Use your Harbor password.", "error")
        return redirect(next_url)
    try:
        resp = oidc.begin(url_for("oidc.callback", _external=True), prompt="login", max_age=0)
    except oidc.OidcFailed as err:
        _audit("auth.reauth_failed", reason=err.reason[:80])
        flash(err.message, "error")
        return redirect(next_url)
    state = (parse_qs(urlsplit(resp.location or "").query).get("state") or [""])[0]
    reauth.wait_for(current_user, state=state, next_url=next_url)
    return resp


def is_confirmation() -> bool:
    """Whether this callback answers a confirmation (rather than a sign-in)."""
    return reauth.pending(request.args.get("state")) is not None


def callback() -> Response:
    """The provider's answer to a confirmation: the mark, or a message saying why not."""
    pending = reauth.pending(request.args.get("state")) or {}
    session.pop(reauth.PENDING, None)
    next_url = _local(str(pending.get("next") or "")) or url_for("auth.profile_settings")
    if not current_user.is_authenticated or current_user.id != pending.get("uid"):
        flash("Please log in again.", "info")
        return redirect(url_for("auth.login"))
    try:
        identity = oidc.complete()
        reauth.accept(current_user, identity)
    except (oidc.OidcFailed, reauth.Refused) as err:
        handled(err)
        _audit("auth.reauth_failed", reason=err.reason[:80])
        flash(err.message, "error")
        return redirect(next_url)
    if identity.id_token:
        session[oidc.ID_TOKEN] = identity.id_token    # the provider's newest session, for logout
    _audit("auth.reauth", issuer=identity.issuer)
    minutes = max(1, int(current_app.config["OIDC_REAUTH_SECONDS"]) // 60)
    flash(f"Confirmed with {reauth.label()}: you can go ahead without your password in the next "
          f"{minutes} minute{'' if minutes == 1 else 's'}.", "success")
    return redirect(next_url)
