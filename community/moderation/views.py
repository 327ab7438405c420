"""Moderation pages: reporting (every member), notifications, and for moderators the queue,
item decisions, watched words, sanctions, the audit log and its CSV download."""
from __future__ import annotations

import csv
import datetime as dt
import io

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user, login_required

from .. import permissions
from ..auth import services as accounts
from ..auth.models import User
from ..education.sources import format_source_lines, parse_source_lines
from ..errors import DomainError, NotAllowed, handled
from ..extensions import db
from ..forms import show_error
from ..forums import services as forums
from ..forums.models import Condition
from ..inputs import form_text
from . import audit_log, queue, safety, sanctions, services, targets, trust
from .forms import DecisionForm, NoteForm, ReportForm, SanctionForm, WatchForm
from .highlight import highlight

bp = Blueprint("moderation", __name__)


def init_app(app) -> None:  # type: ignore[no-untyped-def]
    """The moderation pages' own setup (the capability's events and targets: wiring.py)."""
    targets.register("appeal", safety.AppealTarget())
    app.jinja_env.globals["trust_level"] = trust.level
    # The user object itself, not Flask-Login's proxy (every attribute read through the proxy
    # looks the user up again; these read several on every page).
    app.jinja_env.globals["silence_notice"] = lambda: sanctions.silence_notice(current_user._get_current_object())

    @app.context_processor
    def _sanction_notice():  # type: ignore[no-untyped-def]
        user = current_user._get_current_object()
        return {"sanction_notice": sanctions.active_notice(user) if permissions.is_member(user) else None}


def _moderator() -> None:
    if not permissions.can_moderate(current_user):
        abort(403)


# --- every member ------------------------------------------------------------------------

@bp.route("/report/<target_type>/<int:target_id>", methods=["GET", "POST"])
@login_required
def report(target_type: str, target_id: int):  # type: ignore[no-untyped-def]
    form = ReportForm()
    if target_type not in targets.registered():
        abort(404)
    if form.validate_on_submit():
        try:
            services.report(actor=current_user, target_type=target_type, target_id=target_id,
                            reason=form.reason.data, note=form.note.data or "")
        except DomainError as err:
            if err.status == 404:
                abort(404)
            show_error(form, err)
        else:
            flash("Thanks: your report was received. We'll let you know when a moderator has handled it.", "success")
            return redirect(request.args.get("next") if (request.args.get("next") or "").startswith("/") else url_for("forums.index"))
    return render_template("moderation/report.html", form=form, target_type=target_type, target_id=target_id), 422 if form.errors else 200


@bp.get("/members/<username>/report")
@login_required
def report_user(username: str):  # type: ignore[no-untyped-def]
    user = accounts.get_user(username)
    return redirect(url_for("moderation.report", target_type="user", target_id=user.id, next=url_for("auth.member", username=username)))


@bp.post("/posts/<int:post_id>/note")
@login_required
def add_note(post_id: int):  # type: ignore[no-untyped-def]
    post = forums.get_post(viewer=current_user, post_id=post_id)
    if not permissions.can_add_note(current_user, post):
        abort(403)
    form = NoteForm()
    if form.validate_on_submit():
        try:
            services.add_context_note(actor=current_user, post=post, body=form.body.data,
                                      sources=parse_source_lines(form.sources.data))
        except NotAllowed:
            raise
        except DomainError as err:
            show_error(form, err)
        else:
            flash("Your note is shown above the post.", "success")
            return redirect(url_for("forums.thread", thread_id=post.thread_id) + f"#post-{post.id}")
    # Refused: the writer's text stays, with the reason beside its field.
    return render_template("moderation/add_note.html", post=post, form=form), 422


@bp.route("/posts/<int:post_id>/notes", methods=["GET", "POST"])
@login_required
def post_notes(post_id: int):  # type: ignore[no-untyped-def]
    """A post's context notes with their history; their authors (and moderators) edit them here."""
    post = forums.get_post(viewer=current_user, post_id=post_id)
    notes = services.notes_on(post_id=post.id)
    status, form = 200, NoteForm()
    if request.method == "POST":
        note = next((n for n in notes if str(n.id) == request.form.get("note_id")), None)
        if note is None:
            abort(404)
        if form.validate_on_submit():
            try:
                services.edit_context_note(actor=current_user, note=note, body=form.body.data,
                                           sources=parse_source_lines(form.sources.data))
            except NotAllowed:
                raise
            except DomainError as err:
                show_error(form, err)
                status = 422
            else:
                flash("Note updated; the earlier wording is kept below it.", "success")
                return redirect(url_for("forums.thread", thread_id=post.thread_id) + f"#post-{post.id}")
        else:
            status = 422
    return render_template("moderation/post_notes.html", post=post, notes=notes, form=form,
                           editing=request.form.get("note_id"), format_sources=format_source_lines), status


# --- moderators --------------------------------------------------------------------------

@bp.get("/moderation/queue", endpoint="queue")
@login_required
def queue_page():  # type: ignore[no-untyped-def]
    _moderator()
    return _queue_page()


def _queue_page(bulk: dict | None = None):  # type: ignore[no-untyped-def]
    """The queue; `bulk` (after a refused bulk action): the selected ids, the reason typed, the error."""
    f = queue.Filters(condition_id=request.args.get("condition", type=int), reason=request.args.get("reason") or None,
                      urgent_only=request.args.get("urgent") == "1", state=request.args.get("state") or "open")
    items = queue.list_items(actor=current_user, filters=f)
    held = targets.preload(items)   # the page's statements don't grow with its items
    shown = {i.id: _show(i) for i in items}
    del held
    conditions = db.session.scalars(sa.select(Condition).order_by(Condition.name)).all()
    return render_template("moderation/queue.html", items=items, shown=shown, filters=f, conditions=conditions,
                           stats=queue.dashboard(actor=current_user), bulk=bulk or {"ids": [], "reason": "", "error": None})


def _show(item):  # type: ignore[no-untyped-def]
    handler = targets.handler(item.target_type)
    obj = handler.load(item.target_id)
    return handler.show(obj) if obj is not None else None


@bp.get("/moderation/queue/<int:item_id>")
@login_required
def item(item_id: int):  # type: ignore[no-untyped-def]
    _moderator()
    return item_page(queue.get_item(actor=current_user, item_id=item_id), DecisionForm())


def item_page(it, form, *, outreach_draft: str | None = None, outreach_error: str | None = None):  # type: ignore[no-untyped-def]
    """The item page; after a refused decision or check-in, with the moderator's text and the reason."""
    shown = _show(it)
    marked = highlight(shown.raw, [f for f in it.findings if f.get("end", 0) <= len(shown.raw)]) if shown else None
    return render_template("moderation/item.html", item=it, shown=shown, marked=marked, history=queue.author_history(it),
                           reports=queue.reports_for(it), form=form, outreach=safety.outreach_for_item(it),
                           outreach_templates=safety.templates(), outreach_draft=outreach_draft, outreach_error=outreach_error)


@bp.post("/moderation/queue/<int:item_id>/claim")
@login_required
def claim(item_id: int):  # type: ignore[no-untyped-def]
    _moderator()
    try:
        queue.claim(actor=current_user, item=queue.get_item(actor=current_user, item_id=item_id))
    except DomainError as err:
        flash(err.message, "error")
    return redirect(url_for("moderation.item", item_id=item_id))


@bp.post("/moderation/queue/<int:item_id>/decide")
@login_required
def decide(item_id: int):  # type: ignore[no-untyped-def]
    _moderator()
    form = DecisionForm()
    it = queue.get_item(actor=current_user, item_id=item_id)
    try:
        queue.decide(actor=current_user, item=it, action=form.action.data or "", reason=form.reason.data or "",
                     body=form.body.data if form.action.data == "edit_approve" else None)
    except DomainError as err:
        show_error(form, err)
        return item_page(it, form), 422
    flash(f"Decision saved: {form.action.data.replace('_', ' ')}.", "success")
    return redirect(url_for("moderation.queue"))


@bp.post("/moderation/queue/bulk")
@login_required
def bulk():  # type: ignore[no-untyped-def]
    _moderator()
    ids = [int(i) for i in request.form.getlist("item") if i.isdigit()]
    try:
        n = queue.decide_many(actor=current_user, item_ids=ids, action=request.form.get("action", ""),
                              reason=form_text("reason"))
    except DomainError as err:
        # Refused: the queue again with the selection and the reason kept, the error beside it.
        return _queue_page({"ids": ids, "reason": request.form.get("reason", ""), "error": handled(err).message}), 422
    flash(f"{n} item{'s' if n != 1 else ''} decided.", "success")
    return redirect(url_for("moderation.queue"))


@bp.route("/moderation/watched", methods=["GET", "POST"])
@login_required
def watched():  # type: ignore[no-untyped-def]
    _moderator()
    form = WatchForm()
    if form.validate_on_submit():
        try:
            services.watch_word(actor=current_user, word=form.word.data, action=form.action.data)
        except DomainError as err:
            show_error(form, err)
        else:
            flash(f"Watching “{form.word.data}”.", "success")
            return redirect(url_for("moderation.watched"))
    return render_template("moderation/watched.html", form=form, words=services.watched_words()), 422 if form.errors else 200


@bp.post("/moderation/watched/<int:word_id>/remove")
@login_required
def unwatch(word_id: int):  # type: ignore[no-untyped-def]
    services.unwatch_word(actor=current_user, word_id=word_id)
    flash("Removed.", "info")
    return redirect(url_for("moderation.watched"))


@bp.post("/moderation/watched/starter")
@login_required
def starter():  # type: ignore[no-untyped-def]
    n = services.load_starter_lists(actor=current_user)
    flash(f"Added {n} words from the starter lists.", "success")
    return redirect(url_for("moderation.watched"))


@bp.route("/moderation/members/<username>", methods=["GET", "POST"])
@login_required
def member(username: str):  # type: ignore[no-untyped-def]
    _moderator()
    user = accounts.get_user(username)
    form = SanctionForm()
    kind, duration = sanctions.suggest(user)
    if request.method == "GET":
        form.kind.data = kind.value
        if duration:
            form.until.data = (dt.datetime.now(dt.UTC) + duration).replace(tzinfo=None, second=0, microsecond=0)
    if form.validate_on_submit():
        until = form.until.data.replace(tzinfo=dt.UTC) if form.until.data else None
        try:
            sanctions.sanction(actor=current_user, user=user, kind=form.kind.data, reason=form.reason.data, until=until)
        except DomainError as err:
            show_error(form, err)
        else:
            flash(f"{form.kind.data.title()} applied to {user.username}.", "success")
            return redirect(url_for("moderation.member", username=username))
    return member_page(user, form), 422 if form.errors else 200


def member_page(user, form=None, *, outreach_draft: str | None = None, outreach_error: str | None = None):  # type: ignore[no-untyped-def]
    """A member's moderation page; after a refused check-in, with the message and the reason."""
    if form is None:
        form = SanctionForm(formdata=None)
        form.kind.data = sanctions.suggest(user)[0].value
    return render_template("moderation/member.html", member=user, form=form, sanctions=sanctions.for_user(user),
                           suggestion=sanctions.suggest(user), outreach_templates=safety.templates(),
                           outreach_draft=outreach_draft, outreach_error=outreach_error)


@bp.post("/moderation/sanctions/<int:sanction_id>/lift")
@login_required
def lift(sanction_id: int):  # type: ignore[no-untyped-def]
    row = sanctions.lift(actor=current_user, sanction_id=sanction_id, reason=form_text("reason"))
    return redirect(url_for("moderation.member", username=db.session.get(User, row.user_id).username))


@bp.get("/moderation/audit")
@login_required
def audit():  # type: ignore[no-untyped-def]
    if not permissions.can_view_audit(current_user):
        abort(403)
    f = audit_log.Filters.from_args(request.args)
    return render_template("moderation/audit.html", entries=audit_log.entries(f, limit=200), filters=f)


@bp.get("/moderation/audit.csv")
@login_required
def audit_csv():  # type: ignore[no-untyped-def]
    if not permissions.can_download_audit(current_user):
        abort(403)
    f = audit_log.Filters.from_args(request.args)

    def rows():  # type: ignore[no-untyped-def]
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["id", "created_at", "actor", "action", "target_type", "target_id", "reason", "detail"])
        for e in audit_log.entries(f, limit=None):
            w.writerow([e.id, e.created_at.isoformat(), e.actor_name, e.action, e.target_type or "", e.target_id or "",
                        audit_log.neutralise(e.reason), audit_log.neutralise(str(e.detail))])
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
        yield buf.getvalue()

    # The generator runs after the view returns: keep the request (and app) context for it.
    return Response(stream_with_context(rows()), mimetype="text/csv", headers={"Content-Disposition": "attachment; filename=harbor-audit.csv"})
