"""Email pages: one-click unsubscribe (no login), address confirmation (no login), the
member's email settings, and the admins' outbox page. Thin adapters over the services."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import events, permissions
from ..errors import DomainError
from ..extensions import csrf, db, limiter
from . import admin, delivery, preferences, services, verification
from .models import OutboxMail

bp = Blueprint("mail", __name__)


@bp.route("/email/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt      # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a session; the signed token is the proof
@limiter.limit("60 per minute", methods=["POST"])
def unsubscribe(token: str):  # type: ignore[no-untyped-def]
    if request.method == "POST":
        done = services.unsubscribe(token=token)
        if done is None:
            return render_template("mail/unsubscribe.html", invalid=True), 404
        return render_template("mail/unsubscribe.html", done=done)
    found = services.read_unsubscribe_token(token)
    if found is None:
        return render_template("mail/unsubscribe.html", invalid=True), 404
    return render_template("mail/unsubscribe.html", pending=found, token=token)


@bp.get("/email/verify/<token>")
def verify_email(token: str):  # type: ignore[no-untyped-def]
    try:
        user = verification.verify_email(token=token)
    except DomainError as err:
        return render_template("mail/verified.html", message=err.message), 400
    return render_template("mail/verified.html", user=user)


@bp.route("/settings/email", methods=["GET", "POST"])
@login_required
@limiter.limit("10 per hour", methods=["POST"], key_func=lambda: f"email-settings:{current_user.id}")
def settings():  # type: ignore[no-untyped-def]
    user = current_user._get_current_object()
    if request.method == "POST":
        if request.form.get("action") == "resend":
            if verification.resend_verification(actor=user):
                flash(f"We sent a confirmation link to {user.email}.", "success")
        else:
            try:
                preferences.choose(actor=user, mode=request.form.get("mode", ""))
            except DomainError as err:
                return render_template("mail/settings.html", modes=preferences.MODE_LABELS,
                                       pref=preferences.preference_of(user), error=err.message,
                                       verified=services.verified_email(user) is not None), 422
            flash("Your email settings are saved.", "success")
        return redirect(url_for("mail.settings"))
    return render_template("mail/settings.html", modes=preferences.MODE_LABELS, pref=preferences.preference_of(user),
                           verified=services.verified_email(user) is not None)


@bp.get("/admin/mail")
@login_required
def outbox():  # type: ignore[no-untyped-def]
    if not permissions.is_admin(current_user):
        abort(403)
    return render_template("mail/outbox.html", summary=admin.outbox_summary(actor=current_user))


@bp.post("/admin/mail/retry")
@bp.post("/admin/mail/<int:mail_id>/retry")
@login_required
def retry(mail_id: int | None = None):  # type: ignore[no-untyped-def]
    n = admin.retry_failed(actor=current_user, mail_id=mail_id)
    flash(f"{n} email{'s' if n != 1 else ''} queued again.", "success")
    return redirect(url_for("mail.outbox"))


@bp.post("/admin/mail/<int:mail_id>/discard")
@login_required
def discard(mail_id: int):  # type: ignore[no-untyped-def]
    admin.discard_failed(actor=current_user, mail_id=mail_id)
    flash("The email is discarded.", "info")
    return redirect(url_for("mail.outbox"))


# --- wiring --------------------------------------------------------------------------------

def _on_user_exporting(*, user_id: int, data: dict[str, object]) -> None:
    """The member's email choices for their data download (never a token or a link)."""
    user = db.session.get(services.User, user_id)
    data["email_verified_at"] = user.email_verified_at.isoformat() if user and user.email_verified_at else None
    data["email_preference"] = preferences.export(user_id)


def _on_user_deleting(*, user_id: int, delete_content: bool) -> None:
    """A deleted account's unsent email goes with it (its address must not outlive it)."""
    db.session.execute(sa.delete(OutboxMail).where(OutboxMail.user_id == user_id))
    preferences.forget(user_id)


def init_app(app: Any) -> None:
    delivery.init_app(app)
    events.hook("user.email_changed", verification.on_email_changed)
    events.hook("user.exporting", _on_user_exporting)
    events.hook("user.deleting", _on_user_deleting)
    from .cli import mail_cli

    app.cli.add_command(mail_cli)
