"""Education pages: a condition's Learn tab, articles with their review and questions,
announcements (banners), the admins' source lists and the misinformation monitoring page."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from .. import permissions
from ..errors import DomainError
from ..extensions import db
from ..forms import show_error
from ..forums import services as forums
from ..forums.models import Condition
from . import announcements, articles, domains, misinformation, monitoring
from .forms import AnnouncementForm, ArticleForm, DomainForm, QuestionForm, ReviewForm
from .models import DomainKind
from .sources import format_source_lines, parse_source_lines

bp = Blueprint("education", __name__)


@bp.get("/c/<slug>/learn")
def learn(slug: str):  # type: ignore[no-untyped-def]
    condition = forums.get_condition(slug)
    return render_template("education/learn.html", condition=condition,
                           articles=articles.list_articles(viewer=current_user, condition=condition))


@bp.route("/c/<slug>/learn/new", methods=["GET", "POST"])
@login_required
def new_article(slug: str):  # type: ignore[no-untyped-def]
    condition = forums.get_condition(slug)
    form = ArticleForm()
    if form.validate_on_submit():
        try:
            a = articles.create_article(actor=current_user, condition=condition, title=form.title.data, body=form.body.data,
                                        sources=parse_source_lines(form.sources.data), summary=form.summary.data or "")
        except DomainError as err:
            show_error(form, err)
        else:
            flash("Saved. Another verified clinician reviews it before members see it.", "success")
            return redirect(url_for("education.article", article_id=a.id))
    return render_template("education/edit.html", form=form, condition=condition, article=None), 422 if form.errors else 200


@bp.get("/articles/<int:article_id>")
def article(article_id: int):  # type: ignore[no-untyped-def]
    a = articles.get_article(viewer=current_user, article_id=article_id)
    return _article_page(a, QuestionForm(), ReviewForm())


def _article_page(a: Any, question: QuestionForm, review: ReviewForm, status: int = 200) -> Any:
    shown = articles.article_json(a, viewer=current_user)
    return render_template("education/article.html", article=a, shown=shown, question_form=question, review_form=review,
                           questions=articles.questions(viewer=current_user, article=a),
                           condition=db.session.get(Condition, a.condition_id)), status


@bp.route("/articles/<int:article_id>/edit", methods=["GET", "POST"])
@login_required
def edit_article(article_id: int):  # type: ignore[no-untyped-def]
    a = articles.get_article(viewer=current_user, article_id=article_id)
    if not permissions.can_edit_this_article(current_user, a):
        abort(403)      # the working copy is not shown in a form to those who can't save it
    form = ArticleForm(obj=a if request.method == "GET" else None)
    if request.method == "GET":
        form.sources.data = format_source_lines(a.sources)
    if form.validate_on_submit():
        try:
            articles.edit_article(actor=current_user, article=a, title=form.title.data, body=form.body.data,
                                  sources=parse_source_lines(form.sources.data), summary=form.summary.data or "")
        except DomainError as err:
            show_error(form, err)
        else:
            flash("Saved. The edit waits for review; members keep reading the approved version.", "success")
            return redirect(url_for("education.article", article_id=a.id))
    return render_template("education/edit.html", form=form, condition=None, article=a), 422 if form.errors else 200


@bp.post("/articles/<int:article_id>/review")
@login_required
def review(article_id: int):  # type: ignore[no-untyped-def]
    a = articles.get_article(viewer=current_user, article_id=article_id)
    form = ReviewForm()
    if form.validate_on_submit():
        try:
            articles.review_article(actor=current_user, article=a, action=form.action.data, note=form.note.data or "")
        except DomainError as err:
            show_error(form, err)
            return _article_page(a, QuestionForm(formdata=None), form, 422)
        flash("Published." if form.action.data == "approve" else "The author has been asked for changes.", "success")
        return redirect(url_for("education.article", article_id=a.id))
    return _article_page(a, QuestionForm(formdata=None), form, 422)


@bp.get("/articles/<int:article_id>/revisions")
@login_required
def revisions(article_id: int):  # type: ignore[no-untyped-def]
    a = articles.get_article(viewer=current_user, article_id=article_id)
    return render_template("education/revisions.html", article=a, revisions=articles.revisions(viewer=current_user, article=a))


@bp.post("/articles/<int:article_id>/ask")
@login_required
def ask(article_id: int):  # type: ignore[no-untyped-def]
    a = articles.get_article(viewer=current_user, article_id=article_id)
    form = QuestionForm()
    if form.validate_on_submit():
        try:
            result = articles.ask_question(actor=current_user, article=a, title=form.title.data, body=form.body.data)
        except DomainError as err:
            show_error(form, err)
        else:
            return redirect(url_for("forums.thread", thread_id=result.thread.id))
    return _article_page(a, form, ReviewForm(formdata=None), 422)


@bp.get("/articles/review")
@login_required
def review_queue():  # type: ignore[no-untyped-def]
    return render_template("education/review_queue.html", items=articles.waiting_for_review(viewer=current_user))


@bp.get("/announcements/<int:announcement_id>")
def announcement(announcement_id: int):  # type: ignore[no-untyped-def]
    return render_template("education/announcement.html", a=announcements.get(announcement_id))


@bp.post("/announcements/<int:announcement_id>/dismiss")
def dismiss(announcement_id: int):  # type: ignore[no-untyped-def]
    if permissions.is_member(current_user):
        announcements.dismiss(actor=current_user, announcement_id=announcement_id)
    else:   # visitors dismiss for this browser session
        session["dismissed"] = sorted({*session.get("dismissed", []), announcement_id})[-50:]
    return redirect(_back())


def _back() -> str:
    ref = request.referrer or ""
    return ref if ref.startswith(request.host_url) else url_for("forums.index")


@bp.route("/admin/announcements", methods=["GET", "POST"])
@login_required
def manage_announcements():  # type: ignore[no-untyped-def]
    if not permissions.can_announce(current_user):
        abort(403)
    form = AnnouncementForm()
    form.condition.choices = [("", "Everyone"), *[(c.slug, c.name) for c, _ in forums.list_conditions(viewer=current_user)]]
    if form.validate_on_submit():
        try:
            cond = forums.get_condition(form.condition.data) if form.condition.data else None
            announcements.create_announcement(actor=current_user, title=form.title.data, body=form.body.data,
                                              level=form.level.data, condition=cond, expires_at=form.expires_at.data)
        except DomainError as err:
            show_error(form, err)
        else:
            flash("Announced. Members have been notified.", "success")
            return redirect(url_for("education.manage_announcements"))
    return render_template("education/announcements.html", form=form,
                           items=announcements.recent()), 422 if form.errors else 200


@bp.post("/admin/announcements/<int:announcement_id>/withdraw")
@login_required
def withdraw(announcement_id: int):  # type: ignore[no-untyped-def]
    announcements.withdraw(actor=current_user, announcement_id=announcement_id)
    flash("Withdrawn.", "success")
    return redirect(url_for("education.manage_announcements"))


@bp.route("/admin/sources", methods=["GET", "POST"])
@login_required
def sources():  # type: ignore[no-untyped-def]
    if not permissions.can_manage_sources(current_user):
        abort(403)
    form = DomainForm()
    if form.validate_on_submit():
        try:
            domains.set_domain(actor=current_user, domain=form.domain.data, kind=DomainKind(form.kind.data), note=form.note.data or "")
        except DomainError as err:
            show_error(form, err)
        else:
            flash("Saved.", "success")
            return redirect(url_for("education.sources"))
    return render_template("education/sources.html", form=form, items=domains.all_domains()), 422 if form.errors else 200


@bp.post("/admin/sources/<int:domain_id>/delete")
@login_required
def remove_source(domain_id: int):  # type: ignore[no-untyped-def]
    domains.remove_domain(actor=current_user, domain_id=domain_id)
    flash("Removed from the lists.", "success")
    return redirect(url_for("education.sources"))


@bp.get("/misinformation")
@login_required
def misinformation_queue():  # type: ignore[no-untyped-def]
    if not permissions.can_answer_misinformation(current_user):
        abort(403)
    return render_template("education/misinformation.html", items=misinformation.reported_posts(viewer=current_user))


@bp.get("/monitoring")
@login_required
def monitoring_page():  # type: ignore[no-untyped-def]
    if not permissions.can_see_monitoring(current_user):
        abort(403)
    return render_template("education/monitoring.html", report=monitoring.report())


def init_app(app: Any) -> None:
    from .. import events
    from .cli import articles_cli, sources as sources_cli

    events.subscribe("announcement.created", announcements.email_urgent)

    app.cli.add_command(sources_cli)
    app.cli.add_command(articles_cli)

    def _banners() -> list[Any]:
        return announcements.banners(viewer=current_user, dismissed_in_session=set(session.get("dismissed", [])))

    app.jinja_env.globals.update(announcement_banners=_banners)
