"""Quality staff check and correct the tags of forum posts (the sentiment and themes that
`services.tag_post` stored), as they do for care feedback on its item page: the newest posts
in the care quality data, one post's page, and the correction (audited, kept beside the
tagger's verdict, read by the export and the dashboard)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import permissions
from ..errors import DomainError, NotAllowed
from ..forms import show_error
from . import corrections, post_review
from .forms import PostTagsForm
from .rows import Filters
from .themes import THEMES
from .views import bp

SENTIMENTS = ("positive", "neutral", "negative")


def _require() -> None:
    if not permissions.can_correct_themes(current_user):
        abort(403)


@bp.get("/quality/posts")
@login_required
def posts():  # type: ignore[no-untyped-def]
    _require()
    sentiment = request.args.get("sentiment") if request.args.get("sentiment") in SENTIMENTS else None
    theme = request.args.get("theme") if request.args.get("theme") in THEMES else None
    items = post_review.recent_posts(actor=current_user, filters=Filters(sentiment=sentiment, theme=theme))
    return render_template("feedback/posts.html", items=items, themes=THEMES, sentiment=sentiment, theme=theme)


def _page(post_id: int, form: PostTagsForm, status: int = 200, chosen: list[str] | None = None):  # type: ignore[no-untyped-def]
    item = post_review.post_item(actor=current_user, post_id=post_id)
    if form.sentiment.data is None:
        form.sentiment.data = item.sentiment
    return render_template("feedback/post_item.html", item=item, form=form, themes=THEMES,
                           chosen=item.themes if chosen is None else chosen), status


@bp.get("/quality/posts/<int:post_id>")
@login_required
def post_item(post_id: int):  # type: ignore[no-untyped-def]
    _require()
    return _page(post_id, PostTagsForm(formdata=None))


@bp.post("/quality/posts/<int:post_id>/tags")
@login_required
def correct_post_tags(post_id: int):  # type: ignore[no-untyped-def]
    _require()
    post_review.post_item(actor=current_user, post_id=post_id)   # 404 before anything else for a post outside the data
    form = PostTagsForm()
    chosen = [t for t in request.form.getlist("themes") if t]
    if form.validate_on_submit():
        try:
            corrections.correct_tags(actor=current_user, source="post", record_id=post_id, themes=chosen,
                                     sentiment=form.sentiment.data)
        except NotAllowed:
            raise
        except DomainError as err:
            show_error(form, err)
        else:
            flash("Tags saved. The export and the dashboard use them from now on; your verdict counts towards the "
                  "tagger's agreement figures.", "success")
            return redirect(url_for("feedback.post_item", post_id=post_id))
    return _page(post_id, form, 422, chosen)
