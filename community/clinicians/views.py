"""Clinician pages: apply and follow the application; the verifiers' queue and decisions;
the "waiting for a clinician" list; marking an answer helpful."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from .. import permissions
from ..errors import DomainError
from ..forms import show_error
from ..forums import services as forums
from . import services
from .forms import ApplyForm, DecisionForm, ReplyForm

bp = Blueprint("clinicians", __name__)

CONDUCT = [
    "Share general health information, not personal medical advice: you are not the member's clinician here.",
    "Never ask for or use a member's identity, records or contact details; never move a conversation off Harbor.",
    "Do not start private conversations with patients; answer in public threads so peers and moderators can see.",
    "Say when something is outside your specialty, and point members to their own care team or emergency services.",
    "Correct misinformation with a Clinician note and a reliable source, kindly and without shaming.",
    "Declare any conflict of interest; never promote products, services or your own practice.",
    "Keep your licence current: your badge ends when your verification expires or is revoked.",
]


@bp.route("/clinicians/apply", methods=["GET", "POST"])
@login_required
def apply():  # type: ignore[no-untyped-def]
    form = ApplyForm()
    reply = ReplyForm(prefix="info")
    if form.validate_on_submit():
        upload = request.files.get("document")
        data = upload.read(services.documents.MAX_BYTES + 1) if upload and upload.filename else None
        app_data = services.Application(
            full_name=form.full_name.data, profession=form.profession.data, specialty=form.specialty.data,
            licence_number=form.licence_number.data, issuing_body=form.issuing_body.data, jurisdiction=form.jurisdiction.data,
            licence_expiry=form.licence_expiry.data, agreed_conduct=form.agreed_conduct.data, document=data)
        try:
            services.apply(actor=current_user, application=app_data)
        except DomainError as err:
            show_error(form, err)
        else:
            flash("Thanks: your application is with Harbor's verifiers.", "success")
            return redirect(url_for("clinicians.apply"))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("clinicians/apply.html", form=form, reply=reply, conduct=CONDUCT,
                           applications=services.my_applications(actor=current_user)), status


@bp.post("/clinicians/applications/<int:vid>/answer")
@login_required
def answer(vid: int):  # type: ignore[no-untyped-def]
    reply = ReplyForm(prefix="info")
    try:
        services.answer_info(actor=current_user, verification=services.get(actor=current_user, verification_id=vid),
                             reply=reply.reply.data or "")
    except DomainError as err:
        flash(err.message, "error")
    else:
        flash("Your answer was sent to the verifiers.", "success")
    return redirect(url_for("clinicians.apply"))


@bp.get("/clinicians/queue")
@login_required
def queue():  # type: ignore[no-untyped-def]
    if not permissions.can_verify_clinicians(current_user):
        abort(403)
    return render_template("clinicians/queue.html", items=services.queue(actor=current_user))


@bp.route("/clinicians/applications/<int:vid>", methods=["GET", "POST"])
@login_required
def application(vid: int):  # type: ignore[no-untyped-def]
    if not permissions.can_verify_clinicians(current_user):
        abort(403)
    v = services.get(actor=current_user, verification_id=vid)
    form = DecisionForm(data={"specialty": v.specialty} if request.method == "GET" else None)
    if form.validate_on_submit():
        action, reason = request.form.get("action"), form.reason.data or ""
        try:
            if action == "approve":
                services.approve(actor=current_user, verification=v, specialty=form.specialty.data)
            elif action == "reject":
                services.reject(actor=current_user, verification=v, reason=reason)
            elif action == "more_info":
                services.request_info(actor=current_user, verification=v, message=reason)
            elif action == "revoke":
                services.revoke(actor=current_user, verification=v, reason=reason)
            else:
                abort(400)
        except DomainError as err:
            show_error(form, err)
        else:
            flash(f"Decision saved: {action.replace('_', ' ')}.", "success")
            return redirect(url_for("clinicians.queue"))
    return render_template("clinicians/application.html", v=v, form=form), 422 if form.errors or form.form_errors else 200


@bp.get("/clinicians/applications/<int:vid>/document")
@login_required
def document(vid: int):  # type: ignore[no-untyped-def]
    v = services.get(actor=current_user, verification_id=vid)
    path = services.document_path(actor=current_user, verification=v)
    resp = send_file(path, mimetype=v.document_type, as_attachment=True, download_name=f"verification-{v.id}{path.suffix}")
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.route("/clinicians/waiting", methods=["GET", "POST"])
@login_required
def waiting():  # type: ignore[no-untyped-def]
    if request.method == "POST":
        services.set_question_alerts(actor=current_user, on=request.form.get("alerts") == "1")
        flash("Saved.", "success")
        return redirect(url_for("clinicians.waiting"))
    try:
        threads = services.waiting_questions(actor=current_user)
    except DomainError:
        abort(403)
    return render_template("clinicians/waiting.html", threads=threads)


@bp.post("/posts/<int:post_id>/helpful")
@login_required
def helpful(post_id: int):  # type: ignore[no-untyped-def]
    post = forums.get_post(viewer=current_user, post_id=post_id)
    try:
        services.mark_helpful(actor=current_user, post=post)
    except DomainError as err:
        flash(err.message, "error")
    return redirect(url_for("forums.thread", thread_id=post.thread_id) + f"#post-{post.id}")
