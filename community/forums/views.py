"""Forum pages: conditions, threads, posting (identifiers stop the first try: the service's
NeedsConfirmation is shown as a check with the text highlighted, "post anyway" confirms), search."""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import permissions, site_search
from ..auth import services as accounts
from ..errors import DomainError, NeedsConfirmation, NotFound, handled
from ..forms import show_error
from ..ignoring.services import ignored_ids
from ..moderation.highlight import highlight
from ..moderation.notice import author_notice
from ..notifications import following
from . import cards, reading
from . import services
from .forms import ConditionForm, EditForm, ReplyForm, ThreadForm

bp = Blueprint("forums", __name__)


@bp.get("/")
def index():  # type: ignore[no-untyped-def]
    return render_template("forums/index.html", conditions=services.list_conditions(viewer=current_user))


@bp.get("/c/<slug>")
def condition(slug: str):  # type: ignore[no-untyped-def]
    shown = reading.condition_page(viewer=current_user, slug=slug, cursor=request.args.get("cursor"))
    mine = following.condition_viewer(current_user, shown.condition.id, [t.id for t in shown.page.items])
    return render_template("forums/condition.html", condition=shown.condition, page=shown.page, joined=shown.joined,
                           mine=mine)


@bp.post("/c/<slug>/join")
@login_required
def join(slug: str):  # type: ignore[no-untyped-def]
    cond = services.get_condition(slug)
    if request.form.get("leave"):
        services.leave_condition(actor=current_user, condition=cond)
        flash(f"You left {cond.name}.", "info")
    else:
        services.join_condition(actor=current_user, condition=cond)
        flash(f"You joined {cond.name}.", "success")
    return redirect(url_for("forums.condition", slug=slug))


def _confirmed(form: Any) -> bool:
    """The web form's check before posting: the first try asks the service to stop at
    identifiers (and held watched words); "Post anyway" sends `acknowledged=1`."""
    return form.acknowledged.data == "1"


def _check(err: NeedsConfirmation) -> tuple[list[dict[str, Any]], Any]:
    """What to show of a NeedsConfirmation: the findings' messages and the body highlighted."""
    return err.extra["warnings"], highlight(err.text, err.findings)


def _after_write(result: services.PostResult, kind: str) -> None:
    """The help box for crisis language (with the community's own text), then the author's
    notice (moderation/notice.py: held or visible, who was alerted)."""
    for w in result.warnings:
        if w["code"] in ("crisis", "possible_crisis"):
            flash(result.thread.condition.slug, w["code"])
    told = author_notice(kind=kind, status=result.status, warnings=result.warnings)
    flash(told.text, f"notice-{told.level}")


@bp.route("/c/<slug>/new", methods=["GET", "POST"])
@login_required
def new_thread(slug: str):  # type: ignore[no-untyped-def]
    cond = services.get_condition(slug)
    form = ThreadForm()
    check = marked = None
    if form.validate_on_submit():
        try:
            result = services.start_thread(actor=current_user, condition=cond, title=form.title.data, body=form.body.data,
                                           is_question=form.is_question.data, confirm_identifiers=_confirmed(form))
        except NeedsConfirmation as err:
            check, marked = _check(handled(err))
        except DomainError as err:
            show_error(form, err)
        else:
            _after_write(result, "thread")
            return redirect(url_for("forums.thread", thread_id=result.thread.id))
    status = 422 if (form.errors or check) else 200
    return render_template("forums/new_thread.html", form=form, condition=cond, check=check, marked=marked), status


@bp.get("/t/<int:thread_id>")
def thread(thread_id: int):  # type: ignore[no-untyped-def]
    shown = reading.thread_page(viewer=current_user, thread_id=thread_id, cursor=request.args.get("cursor"), with_viewer=True)
    # No form object: the page's blank reply form comes from cards.PageViewer.reply_box, for
    # those who may reply only (its CSRF token would give every visitor a session cookie).
    return _thread_template(shown, None)


def thread_page_with(thread_id: int, **context: Any) -> str:
    """The thread page (first page) with more for its template, e.g. a refused moderator form."""
    shown = reading.thread_page(viewer=current_user, thread_id=thread_id, cursor=None, with_viewer=True)
    form = ReplyForm(formdata=None) if permissions.can_reply(current_user._get_current_object(), shown.thread) else None
    return _thread_template(shown, form, **context)


def _thread_template(shown: reading.ThreadPage, form: Any, check: Any = None, marked: Any = None, **context: Any) -> str:
    user = current_user._get_current_object()
    mine = shown.viewer
    view = cards.PageViewer(user, shown.thread, mine)
    return render_template("forums/thread.html", thread=shown.thread, page=shown.page, form=form,
                           extras={"notes": shown.notes, "mine": mine, "view": view}, check=check, marked=marked, **context)


@bp.post("/t/<int:thread_id>/reply")
@login_required
def reply(thread_id: int):  # type: ignore[no-untyped-def]
    t = services.get_thread(viewer=current_user, thread_id=thread_id)
    form = ReplyForm()
    check = marked = None
    if form.validate_on_submit():
        try:
            result = services.reply(actor=current_user, thread=t, body=form.body.data, confirm_identifiers=_confirmed(form))
        except NeedsConfirmation as err:
            check, marked = _check(handled(err))
        except DomainError as err:
            show_error(form, err)
        else:
            _after_write(result, "post")
            return redirect(url_for("forums.thread", thread_id=t.id, cursor=request.args.get("cursor")) + f"#post-{result.post.id}")
    shown = reading.thread_page(viewer=current_user, thread_id=t.id, cursor=request.args.get("cursor"), with_viewer=True)
    return _thread_template(shown, form, check, marked), 422


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit(post_id: int):  # type: ignore[no-untyped-def]
    post = services.get_post(viewer=current_user, post_id=post_id)
    if not permissions.can_edit_post(current_user, post):
        abort(403)
    form = EditForm(data={"body": post.body, "title": post.thread.title} if request.method == "GET" else None)
    check = None
    if form.validate_on_submit():
        try:
            result = services.edit_post(actor=current_user, post=post, body=form.body.data,
                                        title=form.title.data if post.is_opening else None, confirm_identifiers=_confirmed(form))
        except NeedsConfirmation as err:
            check, _marked = _check(handled(err))
        except DomainError as err:
            show_error(form, err)
        else:
            _after_write(result, "edit")
            return redirect(url_for("forums.thread", thread_id=post.thread_id) + f"#post-{post.id}")
    return render_template("forums/edit.html", form=form, post=post, check=check), 422 if (form.errors or check) else 200


@bp.post("/posts/<int:post_id>/delete")
@login_required
def delete(post_id: int):  # type: ignore[no-untyped-def]
    post = services.get_post(viewer=current_user, post_id=post_id)
    thread_id, opening, slug = post.thread_id, post.is_opening, post.thread.condition.slug
    services.delete_post(actor=current_user, post=post)
    flash("The post is deleted.", "info")
    return redirect(url_for("forums.condition", slug=slug) if opening else url_for("forums.thread", thread_id=thread_id))


@bp.get("/posts/<int:post_id>/revisions")
@login_required
def revisions(post_id: int):  # type: ignore[no-untyped-def]
    post = services.get_post(viewer=current_user, post_id=post_id)
    return render_template("forums/revisions.html", post=post, revisions=services.revisions(actor=current_user, post=post))


def _date_arg(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.args.get(name) or "")
    except ValueError:
        return None


def _member_named(username: str) -> Any:
    try:
        return accounts.get_user(username)
    except NotFound:
        return None


@bp.get("/search")
def search():  # type: ignore[no-untyped-def]
    q = (request.args.get("q") or "").strip()[:200]
    slug = request.args.get("c") or None
    cond = services.get_condition(slug) if slug else None
    who = (request.args.get("author") or "").strip()[:32]
    author = _member_named(who) if who else None
    filters = {"condition": cond, "author": author, "since": _date_arg("since"), "until": _date_arg("until")}
    results = None
    if q and not (who and author is None):
        results = site_search.search(q, viewer=current_user, page=request.args.get("page", 1, type=int), **filters)
    ignored = ignored_ids(current_user)   # their posts collapse; their chat messages are left out (chat/search.py)
    return render_template("forums/search.html", q=q, condition=cond, results=results,
                           author_name=who, unknown_author=bool(who and author is None), since=filters["since"],
                           until=filters["until"], conditions=services.list_conditions(viewer=current_user), ignored=ignored)


@bp.route("/admin/conditions/new", methods=["GET", "POST"])
@login_required
def new_condition():  # type: ignore[no-untyped-def]
    if not permissions.can_create_condition(current_user):
        abort(403)
    form = ConditionForm()
    if form.validate_on_submit():
        try:
            cond = services.create_condition(actor=current_user, slug=form.slug.data, name=form.name.data,
                                             description=form.description.data or "", guidelines=form.guidelines.data or "")
        except DomainError as err:
            show_error(form, err)
        else:
            flash(f"{cond.name} is open.", "success")
            return redirect(url_for("forums.condition", slug=cond.slug))
    return render_template("forums/new_condition.html", form=form), 422 if form.errors else 200
