"""Notification pages: the list (open, mark read, mark all read), a post's permalink, the
thread's follow level and read position, "watch new threads" per condition, bookmarks, the
notification settings and the members' names for @mention autocomplete. Thin adapters."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import permissions
from ..errors import DomainError
from ..extensions import db, read_only
from ..forums import services as forums
from ..forums.models import ConditionMember
from ..pagination import encode
from ..mail import preferences
from . import following, services

bp = Blueprint("notifications", __name__)


def _writing() -> None:
    """A GET that writes (opening a notification): end the read transaction the login opened,
    so SQLite takes the write lock up front."""
    db.session.commit()
    read_only.set(False)


@bp.get("/notifications")
@login_required
def index():  # type: ignore[no-untyped-def]
    from ..moderation import services as moderation

    page = services.list_page(actor=current_user, cursor=request.args.get("cursor"))
    return render_template("notifications/list.html", page=page, reports=moderation.my_reports(actor=current_user))


@bp.post("/notifications/read")
@login_required
def read():  # type: ignore[no-untyped-def]
    ids = [int(x) for x in request.form.getlist("id") if x.isdigit()]
    try:
        services.mark_read(actor=current_user, ids=ids, all=not ids)
    except DomainError as err:
        flash(err.message, "error")
    return redirect(url_for("notifications.index"))


@bp.get("/notifications/<int:notification_id>")
@login_required
def open_one(notification_id: int):  # type: ignore[no-untyped-def]
    _writing()
    link = services.open_notification(actor=current_user, notification_id=notification_id)
    return redirect(link if link.startswith("/") and not link.startswith("//") else url_for("notifications.index"))


@bp.get("/p/<int:post_id>")
def permalink(post_id: int):  # type: ignore[no-untyped-def]
    """A post's page of its thread (the page that starts at it when it is not on the first)."""
    post = forums.get_post(viewer=current_user, post_id=post_id)
    before = following.posts_before(viewer=current_user, post=post)
    cursor = encode(post.id - 1) if before >= current_app.config["PAGE_SIZE"] else None
    return redirect(url_for("forums.thread", thread_id=post.thread_id, cursor=cursor) + f"#post-{post.id}")


@bp.post("/t/<int:thread_id>/subscription")
@login_required
def subscription(thread_id: int):  # type: ignore[no-untyped-def]
    thread = forums.get_thread(viewer=current_user, thread_id=thread_id)
    try:
        level = following.set_level(actor=current_user, thread=thread, level=request.form.get("level"))
    except DomainError as err:
        flash(err.message, "error")
    else:
        flash({"watching": "You are watching this thread: every reply notifies you.",
               "muted": "This thread is muted: nothing from it notifies you.",
               "normal": "You are notified only when someone mentions you here."}[level], "success")
    return redirect(url_for("forums.thread", thread_id=thread_id))


@bp.post("/t/<int:thread_id>/read")
@login_required
def mark_thread_read(thread_id: int):  # type: ignore[no-untyped-def]
    data = request.get_json(silent=True) or {}
    post_id = data.get("post_id", request.form.get("post_id", type=int))
    if not isinstance(post_id, int):
        abort(400)
    following.mark_read(actor=current_user, thread_id=thread_id, post_id=post_id)
    return jsonify({"unread": services.unread_count(current_user)})


@bp.post("/c/<slug>/watch")
@login_required
def watch_condition(slug: str):  # type: ignore[no-untyped-def]
    cond = forums.get_condition(slug)
    on = request.form.get("on") == "1"
    try:
        following.set_condition_watch(actor=current_user, condition=cond, on=on)
    except DomainError as err:
        flash(err.message, "error")
    else:
        flash(f"You will hear of every new thread in {cond.name}." if on else f"No more alerts of new threads in {cond.name}.",
              "success")
    return redirect(request.form.get("next") if (request.form.get("next") or "").startswith("/settings/") else
                    url_for("forums.condition", slug=slug))


@bp.post("/posts/<int:post_id>/bookmark")
@login_required
def bookmark(post_id: int):  # type: ignore[no-untyped-def]
    post = forums.get_post(viewer=current_user, post_id=post_id)
    on = request.form.get("on") == "1"
    following.set_bookmark(actor=current_user, post=post, on=on)
    flash("Saved to your list." if on else "Removed from your saved list.", "success")
    if request.form.get("next") == "bookmarks":
        return redirect(url_for("notifications.bookmarks"))
    return redirect(url_for("notifications.permalink", post_id=post_id))


@bp.get("/saved")
@login_required
def bookmarks():  # type: ignore[no-untyped-def]
    return render_template("notifications/bookmarks.html", items=following.bookmarks(actor=current_user))


@bp.route("/settings/notifications", methods=["GET", "POST"])
@login_required
def settings():  # type: ignore[no-untyped-def]
    if request.method == "POST":
        # The choice lives on the email settings page; a form posted here (an older page) sets the same one preference.
        try:
            preferences.choose(actor=current_user, mode=request.form.get("mode", ""))
        except DomainError as err:
            flash(err.message, "error")
        else:
            flash("Your notification settings are saved.", "success")
            return redirect(url_for("notifications.settings"))
    joined = db.session.execute(sa.select(ConditionMember).where(ConditionMember.user_id == current_user.id)).scalars().all()
    watched = {c.condition_id for c in joined if following.watches_condition(current_user, c.condition_id)}
    return render_template("notifications/settings.html", pref=preferences.preference_of(current_user),
                           modes=preferences.MODE_LABELS, joined=joined, watched=watched)


@bp.get("/c/<slug>/members.json")
@login_required
def member_names(slug: str) -> Any:
    """Up to 8 members of the community whose username starts with `q` (for @mention autocomplete)."""
    cond = forums.get_condition(slug)
    if not permissions.is_member(current_user):
        abort(403)
    return jsonify({"items": following.member_names(condition=cond, prefix=request.args.get("q", ""))})
