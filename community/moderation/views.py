"""Moderation pages: notifications (every member), and for moderators the queue, reports,
watched words, sanctions and the audit log."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from . import notifications as notes

bp = Blueprint("moderation", __name__)


@bp.get("/notifications")
@login_required
def notifications():  # type: ignore[no-untyped-def]
    return render_template("moderation/notifications.html", items=notes.list_for(current_user))


@bp.post("/notifications/read")
@login_required
def notifications_read():  # type: ignore[no-untyped-def]
    notes.mark_all_read(actor=current_user)
    return redirect(url_for("moderation.notifications"))
