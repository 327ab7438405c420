"""Safety pages: the member's check-in conversation with the moderation team, outreach from a
queue item, the outreach templates, appeals, and the thread heat controls."""
from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import permissions
from ..auth import services as accounts
from ..errors import DomainError, NotAllowed, handled
from ..forums import services as forums
from ..forums.views import thread_page_with
from . import queue, safety, sanctions
from .forms import DecisionForm
from .views import bp, item_page, member_page


@bp.route("/outreach/<int:outreach_id>", methods=["GET", "POST"])
@login_required
def outreach(outreach_id: int):  # type: ignore[no-untyped-def]
    o = safety.get_outreach(viewer=current_user, outreach_id=outreach_id)
    error, status = None, 200
    if request.method == "POST":
        try:
            safety.reply_to_outreach(actor=current_user, outreach=o, message=request.form.get("message", ""))
        except DomainError as err:
            error, status = err.message, 422
        else:
            flash("Sent. A moderator will read it." if o.user_id == current_user.id else "Sent as the moderation team.", "success")
            return redirect(url_for("moderation.outreach", outreach_id=o.id))
    return render_template("moderation/outreach.html", o=o, messages=safety.messages(o), error=error,
                           draft=request.form.get("message", "") if error else ""), status


@bp.post("/moderation/queue/<int:item_id>/outreach")
@login_required
def send_outreach(item_id: int):  # type: ignore[no-untyped-def]
    item = queue.get_item(actor=current_user, item_id=item_id)
    try:
        o = safety.reach_out(actor=current_user, item=item, message=request.form.get("message", ""))
    except NotAllowed:
        raise
    except DomainError as err:
        # Refused: the item page again, the message kept and the reason beside it.
        return item_page(item, DecisionForm(formdata=None), outreach_draft=request.form.get("message", ""),
                         outreach_error=handled(err).message), 422
    flash("Check-in sent from the moderation team.", "success")
    return redirect(url_for("moderation.outreach", outreach_id=o.id))


@bp.post("/moderation/members/<username>/outreach")
@login_required
def send_member_outreach(username: str):  # type: ignore[no-untyped-def]
    """A check-in from the moderation team to any member, from their moderation page."""
    if not permissions.can_moderate(current_user):
        abort(403)
    member = accounts.get_user(username)
    try:
        o = safety.reach_out(actor=current_user, member=member, message=request.form.get("message", ""))
    except NotAllowed:
        raise
    except DomainError as err:
        return member_page(member, outreach_draft=request.form.get("message", ""), outreach_error=handled(err).message), 422
    flash("Check-in sent from the moderation team.", "success")
    return redirect(url_for("moderation.outreach", outreach_id=o.id))


@bp.route("/moderation/outreach-templates", methods=["GET", "POST"])
@login_required
def outreach_templates():  # type: ignore[no-untyped-def]
    if not permissions.can_moderate(current_user):
        abort(403)
    error, status = None, 200
    if request.method == "POST":
        try:
            safety.save_template(actor=current_user, name=request.form.get("name", ""), body=request.form.get("body", ""))
        except DomainError as err:
            error, status = err.message, 422
        else:
            flash("Template saved.", "success")
            return redirect(url_for("moderation.outreach_templates"))
    return render_template("moderation/outreach_templates.html", templates=safety.templates(), error=error,
                           form=request.form), status


@bp.route("/appeals", methods=["GET", "POST"])
@login_required
def appeals():  # type: ignore[no-untyped-def]
    error, status = None, 200
    if request.method == "POST":
        try:
            safety.appeal(actor=current_user, text=request.form.get("text", ""),
                          item_id=request.form.get("item_id", type=int), sanction_id=request.form.get("sanction_id", type=int))
        except DomainError as err:
            error, status = err.message, (422 if err.status in (400, 422) else err.status)
        else:
            flash("Your appeal is with the moderators. A different moderator from the one who decided will review it.", "success")
            return redirect(url_for("moderation.appeals"))
    return render_template("moderation/appeals.html", appeals=safety.appeals_of(current_user),
                           decisions=safety.appealable(current_user), sanctions=sanctions.for_user(current_user),
                           error=error, form=request.form), status


@bp.post("/t/<int:thread_id>/controls")
@login_required
def thread_controls(thread_id: int):  # type: ignore[no-untyped-def]
    thread = forums.get_thread(viewer=current_user, thread_id=thread_id)
    raw_slow = request.form.get("slow_mode_seconds", "")
    try:
        safety.set_thread_controls(actor=current_user, thread=thread, locked=request.form.get("locked") == "1",
                                   reason=request.form.get("reason", ""),
                                   slow_mode_seconds=int(raw_slow) if raw_slow.strip().isdigit() else _bad_slow(raw_slow))
    except NotAllowed:
        raise
    except DomainError as err:
        # Refused: the thread page again with the moderator's settings and the reason beside the field.
        handled(err)
        controls = {"locked": request.form.get("locked") == "1", "reason": request.form.get("reason", ""), "slow": raw_slow,
                    "field": getattr(err, "field", None), "error": err.message}
        return thread_page_with(thread_id, controls=controls), 422
    flash("Thread settings saved.", "success")
    return redirect(url_for("forums.thread", thread_id=thread_id))


def _bad_slow(raw: str) -> Any:
    from ..errors import Invalid

    if not raw.strip():
        return None
    raise Invalid("slow_mode_seconds", "Slow mode is a number of seconds (0 turns it off).")
