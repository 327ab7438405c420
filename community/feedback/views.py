"""Feedback pages: the patients' "Share feedback about your care" form, and for the care
quality team the dashboard, the CSV / JSON Lines download, the theme lexicon and export tokens."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user, login_required

from .. import permissions
from ..errors import DomainError, Invalid
from ..extensions import db
from ..forms import show_error
from ..forums.models import Condition
from . import care, charts, responses, services
from . import dashboard as figures
from .forms import FeedbackForm, FilterForm, ThemeTermForm, TokenForm
from .rows import parse_filters
from .themes import THEMES

bp = Blueprint("feedback", __name__)


def _conditions() -> list[tuple[str, str]]:
    return [(slug, name) for slug, name in db.session.execute(sa.select(Condition.slug, Condition.name).order_by(Condition.name))]


def _quality() -> None:
    if not permissions.can_export_feedback(current_user):
        abort(403)


# --- patients ------------------------------------------------------------------------------

@bp.route("/feedback", methods=["GET", "POST"])
@login_required
def new():  # type: ignore[no-untyped-def]
    form = FeedbackForm()
    form.condition.choices = [("", "Choose one (optional)"), *_conditions()]
    if form.validate_on_submit():
        try:
            record = services.give_feedback(actor=current_user, text=form.text.data, rating=int(form.rating.data) if form.rating.data else None,
                                            condition=form.condition.data or None, service=(form.service.data or "").strip() or None,
                                            visit_month=(form.visit_month.data or "").strip() or None,
                                            publish_consent=bool(form.publish_consent.data))
        except DomainError as err:
            show_error(form, err)
        else:
            tier = next((w["code"] for w in record.warnings if w["code"] in ("crisis", "possible_crisis")), None)
            return redirect(url_for("feedback.thanks", id=record.id, help=tier, condition=form.condition.data or None))
    return render_template("feedback/new.html", form=form, service_paths=[n.path for n in care.all_services()]), \
        422 if form.errors else 200


@bp.get("/feedback/thanks")
@login_required
def thanks():  # type: ignore[no-untyped-def]
    tier = request.args.get("help")
    item = responses.own_feedback(actor=current_user, feedback_id=request.args.get("id", 0, type=int))
    return render_template("feedback/thanks.html", help_tier=tier if tier in ("crisis", "possible_crisis") else None,
                           help_condition=request.args.get("condition") or "", item=item)


# --- the care quality team --------------------------------------------------------------------

def _filter_form() -> FilterForm:
    form = FilterForm(formdata=request.args)
    form.condition.choices = [("", "All conditions"), *_conditions()]
    form.theme.choices = [("", "Any theme"), *THEMES.items()]
    return form


@bp.get("/quality")
@login_required
def dashboard():  # type: ignore[no-untyped-def]
    _quality()
    form = _filter_form()
    try:
        filters = parse_filters(request.args.get)
    except Invalid as err:
        show_error(form, err)
        return render_template("feedback/dashboard.html", form=form, summary=None), 422
    from .responses import figures_by_service

    summary = figures.summarise(actor=current_user, filters=filters, context=services.export_context(filters),
                                min_authors=int(current_app.config["EXPORT_MIN_AUTHORS"]), **services.dashboard_counts(filters))
    nodes = {n.path: n.id for n in care.all_services()}
    per_id = figures_by_service()
    response_figures = {path: per_id[sid] for path, sid in nodes.items() if sid in per_id}
    return render_template("feedback/dashboard.html", form=form, summary=summary, filters=filters, charts=charts,
                           themes=THEMES, no_condition=figures.NO_CONDITION, service_ids=nodes, response_figures=response_figures)


@bp.get("/quality/export.<fmt>")
@login_required
def download(fmt: str):  # type: ignore[no-untyped-def]
    _quality()
    job = services.export_feedback(actor=current_user, fmt=fmt, filters=parse_filters(request.args.get), via="web")
    return Response(stream_with_context(job.chunks()), content_type=job.mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{job.filename}"', "Cache-Control": "no-store"})


@bp.route("/quality/themes", methods=["GET", "POST"])
@login_required
def themes():  # type: ignore[no-untyped-def]
    _quality()
    form = ThemeTermForm()
    form.theme.choices = list(THEMES.items())
    if form.validate_on_submit():
        try:
            services.add_theme_term(actor=current_user, theme=form.theme.data, term=form.term.data)
        except DomainError as err:
            show_error(form, err)
        else:
            flash(f"Added “{form.term.data}”. New feedback uses it now; the re-tag command applies it to older records.", "success")
            return redirect(url_for("feedback.themes"))
    terms = services.list_theme_terms(actor=current_user)
    return render_template("feedback/themes.html", form=form, terms=terms, themes=THEMES), 422 if form.errors else 200


@bp.post("/quality/themes/<int:term_id>/remove")
@login_required
def remove_term(term_id: int):  # type: ignore[no-untyped-def]
    services.remove_theme_term(actor=current_user, term_id=term_id)
    flash("Term removed.", "success")
    return redirect(url_for("feedback.themes"))


@bp.route("/settings/tokens", methods=["GET", "POST"])
@login_required
def tokens():  # type: ignore[no-untyped-def]
    _quality()
    form = TokenForm()
    created = None
    if form.validate_on_submit():
        try:
            created = services.create_export_token(actor=current_user, name=form.name.data)
        except DomainError as err:
            show_error(form, err)
        else:
            form = TokenForm(formdata=None)
    items = services.list_export_tokens(actor=current_user)
    page = render_template("feedback/tokens.html", form=form, items=items, created=created)
    return page, 422 if form.errors else 200, {"Cache-Control": "no-store"}


@bp.post("/settings/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):  # type: ignore[no-untyped-def]
    services.revoke_export_token(actor=current_user, token_id=token_id)
    flash("Token revoked: it stops working at once.", "success")
    return redirect(url_for("feedback.tokens"))
