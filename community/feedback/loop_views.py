"""Pages of the feedback loop, on the `feedback` blueprint: the service tree (admins build it
and name responders; quality staff and responders subscribe), one branch's feedback, one
item (respond, acknowledge, correct its sentiment and themes), theme agreement; for patients "My
feedback" (responses, publication consent) and the public "What patients said" pages."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import permissions
from ..errors import DomainError, NotAllowed, NotFound
from ..forms import show_error
from . import alerts, care, corrections, inbox, responses
from .forms import ResponderForm, ResponseForm, ServiceForm, TagsForm
from .themes import THEMES
from .views import bp


@bp.route("/quality/services", methods=["GET", "POST"])
@login_required
def services_page():  # type: ignore[no-untyped-def]
    if not (permissions.can_open_service_tree(current_user) or care.is_any_responder(current_user)):
        abort(403)
    form = ServiceForm()
    if request.method == "POST" and not permissions.can_manage_care_services(current_user):
        abort(403)
    if form.validate_on_submit():
        try:
            node = care.add_service(actor=current_user, path=form.path.data)
        except DomainError as err:
            show_error(form, err)
        else:
            flash(f"Added {node.path}.", "success")
            return redirect(url_for("feedback.services_page"))
    return _services_page(form, ResponderForm(formdata=None)), 422 if form.errors else 200


def _services_page(form: ServiceForm, responder_form: ResponderForm, responder_for: int | None = None) -> str:
    rows = inbox.tree(actor=current_user)
    responders = {n.id: care.responders_of(n.id) for n, *_ in rows} if permissions.can_manage_care_services(current_user) else {}
    return render_template("feedback/services.html", form=form, rows=rows, responders=responders,
                           responder_form=responder_form, responder_for=responder_for)


@bp.post("/quality/services/<int:service_id>/responders")
@login_required
def add_responder(service_id: int):  # type: ignore[no-untyped-def]
    form = ResponderForm()
    try:
        care.name_responder(actor=current_user, service_id=service_id, username=form.username.data or "")
    except (NotAllowed, NotFound):
        raise
    except DomainError as err:
        show_error(form, err)
        # Refused: the services page again, the username kept beside the reason.
        return _services_page(ServiceForm(formdata=None), form, responder_for=service_id), 422
    flash(f"{form.username.data} now responds for this service.", "success")
    return redirect(url_for("feedback.services_page"))


@bp.post("/quality/responders/<int:responder_id>/remove")
@login_required
def remove_responder(responder_id: int):  # type: ignore[no-untyped-def]
    care.remove_responder(actor=current_user, responder_id=responder_id)
    flash("Responder removed.", "success")
    return redirect(url_for("feedback.services_page"))


@bp.post("/quality/services/<int:service_id>/subscription")
@login_required
def subscription(service_id: int):  # type: ignore[no-untyped-def]
    if request.form.get("action") == "unsubscribe":
        care.unsubscribe(actor=current_user, service_id=service_id)
        flash("You no longer follow this service.", "success")
    else:
        care.subscribe(actor=current_user, service_id=service_id, email=request.form.get("email") == "1")
        flash("You now follow this service and everything below it.", "success")
    return redirect(request.form.get("next") or url_for("feedback.services_page"))


@bp.get("/quality/services/<int:service_id>")
@login_required
def branch(service_id: int):  # type: ignore[no-untyped-def]
    data = inbox.branch(actor=current_user, service_id=service_id)
    return render_template("feedback/branch.html", b=data, themes=THEMES,
                           subscribed=service_id in care.subscriptions_of(current_user))


def _item_page(feedback_id: int, form: ResponseForm, status: int = 200, tags: TagsForm | None = None,
               chosen: list[str] | None = None):  # type: ignore[no-untyped-def]
    item = inbox.feedback_item(actor=current_user, feedback_id=feedback_id)
    tags = tags or TagsForm(formdata=None)
    if tags.sentiment.data is None:
        tags.sentiment.data = item.feedback.sentiment_label
    return render_template("feedback/item.html", item=item, form=form, tags=tags, themes=THEMES,
                           chosen=item.themes if chosen is None else chosen), status


@bp.get("/quality/feedback/<int:feedback_id>")
@login_required
def item(feedback_id: int):  # type: ignore[no-untyped-def]
    return _item_page(feedback_id, ResponseForm(formdata=None))


@bp.post("/quality/feedback/<int:feedback_id>/respond")
@login_required
def respond(feedback_id: int):  # type: ignore[no-untyped-def]
    form = ResponseForm()
    if form.validate_on_submit():
        try:
            responses.respond(actor=current_user, feedback_id=feedback_id, body=form.body.data, change=form.change.data or "none",
                              what_changed=form.what_changed.data)
        except NotAllowed:
            raise
        except DomainError as err:
            show_error(form, err)
        else:
            flash("Response sent: the author has been told.", "success")
            return redirect(url_for("feedback.item", feedback_id=feedback_id))
    return _item_page(feedback_id, form, 422)


@bp.post("/quality/feedback/<int:feedback_id>/acknowledge")
@login_required
def acknowledge(feedback_id: int):  # type: ignore[no-untyped-def]
    alerts.acknowledge_critical(actor=current_user, feedback_id=feedback_id)
    flash("Acknowledged: it will not escalate.", "success")
    return redirect(url_for("feedback.item", feedback_id=feedback_id))


@bp.post("/quality/feedback/<int:feedback_id>/tags")
@bp.post("/quality/feedback/<int:feedback_id>/themes")
@login_required
def correct_tags(feedback_id: int):  # type: ignore[no-untyped-def]
    """Quality staff's verdict on the item's sentiment and themes (the page's form sends both;
    a request without `sentiment` sets the themes only)."""
    if not permissions.can_correct_themes(current_user):
        abort(403)
    chosen = [t for t in request.form.getlist("themes") if t]
    if "sentiment" not in request.form:
        corrections.correct_themes(actor=current_user, source="feedback", record_id=feedback_id, themes=chosen)
        flash("Themes saved. Your verdict counts towards the tagger's agreement figures.", "success")
        return redirect(url_for("feedback.item", feedback_id=feedback_id))
    tags = TagsForm()
    if tags.validate_on_submit():
        try:
            corrections.correct_tags(actor=current_user, source="feedback", record_id=feedback_id, themes=chosen,
                                     sentiment=tags.sentiment.data)
        except NotAllowed:
            raise
        except DomainError as err:
            show_error(tags, err)
        else:
            flash("Sentiment and themes saved. The export and the dashboard use them from now on; your verdict counts "
                  "towards the tagger's agreement figures.", "success")
            return redirect(url_for("feedback.item", feedback_id=feedback_id))
    return _item_page(feedback_id, ResponseForm(formdata=None), 422, tags, chosen)


@bp.get("/quality/agreement")
@login_required
def agreement():  # type: ignore[no-untyped-def]
    return render_template("feedback/agreement.html", a=corrections.agreement(actor=current_user), themes=THEMES)


# --- patients and the public --------------------------------------------------------------------

@bp.get("/feedback/mine")
@login_required
def mine():  # type: ignore[no-untyped-def]
    return render_template("feedback/mine.html", items=responses.my_feedback(actor=current_user))


@bp.post("/feedback/<int:feedback_id>/publication")
@login_required
def publication(feedback_id: int):  # type: ignore[no-untyped-def]
    consent = request.form.get("consent") == "1"
    responses.set_publish_consent(actor=current_user, feedback_id=feedback_id, consent=consent)
    flash("Thank you: it may be published with the reply, without your name." if consent
          else "Withdrawn: it is no longer published.", "success")
    return redirect(url_for("feedback.mine"))


@bp.get("/what-patients-said")
def public_index():  # type: ignore[no-untyped-def]
    return render_template("feedback/public_index.html", services=responses.published_services())


@bp.get("/what-patients-said/<int:service_id>")
def public_service(service_id: int):  # type: ignore[no-untyped-def]
    node = care.get_service(service_id)
    return render_template("feedback/public_service.html", node=node, items=responses.published(service_id=node.id))
