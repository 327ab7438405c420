"""Care feedback use cases: giving feedback, tagging posts as they are saved, re-tagging,
the quality team's theme lexicon, export tokens, and the export itself.

The export (`export_feedback`) checks the role, catches up untagged posts, counts authors per
condition, then streams. Its audit entry (`feedback.export`: who, format, filters, rows, and
whether the stream completed) is written when the stream ends, in a fresh transaction: the
row count is only known then. A download that stops half way is recorded too, with
`complete: false`."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import events, permissions
from ..auth import services as accounts
from ..auth.models import ApiToken, User
from ..errors import Invalid, NotFound
from ..extensions import db
from ..forums.models import Condition, Post, Thread
from ..moderation import audit, gate
from . import care, tagging
from . import export as writers
from .models import CareService, Feedback, PostTag, ThemeTerm
from .rows import Context, Filters, catch_up_post_tags, iter_rows
from .themes import THEMES

TEXT_MAX = 5000
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def on_user_exporting(*, user_id: int, data: dict[str, object]) -> None:
    """The member's own care feedback, as they wrote it, for their data download."""
    rows = db.session.scalars(sa.select(Feedback).where(Feedback.author_id == user_id).order_by(Feedback.id)).all()
    paths = dict(db.session.execute(sa.select(CareService.id, CareService.path)).tuples().all())
    from .responses import responses_for

    answers = responses_for([f.id for f in rows])
    data["care_feedback"] = [{"id": f.id, "text": f.text, "rating": f.rating, "service": paths.get(f.service_id or 0, f.service),
                              "visit_month": f.visit_month, "created_at": f.created_at.isoformat(), "publish_consent": f.publish_consent,
                              "responses": [{"body": a.body, "change": a.change, "what_changed": a.what_changed,
                                             "created_at": a.created_at.isoformat()} for a in answers[f.id]]} for f in rows]


def on_user_deleting(*, user_id: int, delete_content: bool) -> None:
    """Account deletion: feedback goes with the posts when the member asks for that; otherwise
    it stays without an author (the foreign key would null it too; done here so both databases
    behave the same inside the one transaction)."""
    if delete_content:
        db.session.execute(sa.delete(Feedback).where(Feedback.author_id == user_id))
    else:
        db.session.execute(sa.update(Feedback).where(Feedback.author_id == user_id).values(author_id=None))


# --- giving feedback -----------------------------------------------------------------------

def give_feedback(*, actor: User, text: str, rating: int | None = None, condition: str | None = None,
                  service: str | None = None, visit_month: str | None = None, publish_consent: bool = False) -> Feedback:
    """A member (any role, not suspended) shares feedback about their care; `service` is a path
    of the service tree ("Cardiology/Ward 3"). The text is tagged (sentiment, themes,
    criticality) and its identifiers scrubbed for the export. Commits; emits `feedback.given`
    (which routes it to the branch's subscribers)."""
    permissions.require(permissions.can_give_feedback(actor), "Suspended accounts cannot share feedback.")
    text = (text or "").strip()
    if not text:
        raise Invalid("text", "Tell us about your care first.")
    if len(text) > TEXT_MAX:
        raise Invalid("text", f"Feedback can be at most {TEXT_MAX:,} characters.")
    if rating is not None and (isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5):
        raise Invalid("rating", "The rating is a whole number from 1 to 5.")
    cond_id = None
    if condition:
        cond_id = db.session.scalar(sa.select(Condition.id).where(Condition.slug == condition))
        if cond_id is None:
            raise Invalid("condition", "Choose a condition from the list.")
    node = care.find_service(service) if service else None
    if service and node is None:
        raise Invalid("service", "Choose a service from the list, for example Cardiology/Ward 3.")
    if visit_month and not _MONTH.match(visit_month):
        raise Invalid("visit_month", "Give the month as YYYY-MM, for example 2024-03.")
    record = Feedback(author_id=actor.id, condition_id=cond_id, service_id=node.id if node else None, rating=rating,
                      visit_month=visit_month or None, text=text, publish_consent=bool(publish_consent))
    tagging.apply(record, tagging.current().tag(text))
    db.session.add(record)
    verdict = gate.crisis_only(text=text, condition=cond_id)
    if verdict.reasons:
        db.session.flush()
        gate.enqueue(verdict=verdict, actor=actor, target_type="feedback", target_id=record.id, condition_id=cond_id)
    record.warnings = verdict.warnings
    events.emit("feedback.given", feedback=record)
    db.session.commit()
    return record


def theme_list(record: Feedback | PostTag) -> list[str]:
    return record.themes.split(";") if record.themes else []


# --- tags for posts and re-tagging -----------------------------------------------------------

def on_post_saved(post: Post, thread: Thread, verdict: Any = None) -> None:
    """Hook of `post.saved`: store the post's tags in the post's own transaction, so exports
    never tag on the fly. Only posts whose authors consented are themed; the export's catch-up
    pass tags the others if their authors consent later."""
    author = db.session.get(User, post.author_id) if post.author_id else None
    if author is not None and author.feedback_consent:
        tag_post(post=post, thread=thread)


def tag_post(*, post: Post, thread: Thread) -> PostTag:
    """(Re)compute one post's stored tags. Does not commit (the writer's transaction does)."""
    tag = db.session.get(PostTag, post.id) or PostTag(post_id=post.id)
    tags = tagging.current().tag(tagging.post_text(thread.title, post.body, post.is_opening))
    if tag.clean_text and tag.clean_text == tags.clean_text:
        _apply_keeping_corrections(tag, tags)   # same text: quality staff's verdict stands
    else:
        tagging.apply(tag, tags)                # edited: the tagger reads the new text afresh
        tag.themes_corrected = tag.sentiment_corrected = False
    tag.tagged_at = dt.datetime.now(dt.UTC)
    db.session.add(tag)
    return tag


@dataclass
class RetagResult:
    feedback: int = 0
    posts: int = 0
    version: str = ""


def retag(*, only_stale: bool = False, batch: int = 1000) -> RetagResult:
    """Re-tag every feedback record and every post's stored tags with the current tagger and
    lexicon (command line: `flask feedback retag`). Commits per batch."""
    tagger = tagging.current()
    out = RetagResult(version=tagger.version)
    for model, key in ((Feedback, Feedback.id), (PostTag, PostTag.post_id)):
        last = 0
        while True:
            q = sa.select(model).where(key > last).order_by(key).limit(batch)
            if only_stale:
                q = q.where(model.tagger_version != tagger.version)
            items = list(db.session.scalars(q))
            if not items:
                break
            texts = _texts(model, [getattr(i, key.key) for i in items])
            for item in items:
                _apply_keeping_corrections(item, tagger.tag(texts[getattr(item, key.key)]))
            last = getattr(items[-1], key.key)
            db.session.commit()
            if model is Feedback:
                out.feedback += len(items)
            else:
                out.posts += len(items)
    out.posts += catch_up_post_tags()
    return out


def _apply_keeping_corrections(item: Feedback | PostTag, tags: tagging.Tags) -> None:
    """Store new tags; quality staff's corrected themes and sentiment outlive a re-tag."""
    themes, label = item.themes, item.sentiment_label
    tagging.apply(item, tags)
    if item.themes_corrected:
        item.themes = themes
    if item.sentiment_corrected:
        item.sentiment_label = label


def _texts(model: Any, ids: list[int]) -> dict[int, str]:
    if model is Feedback:
        return dict(db.session.execute(sa.select(Feedback.id, Feedback.text).where(Feedback.id.in_(ids))).tuples().all())
    rows = db.session.execute(sa.select(Post.id, Post.body, Post.is_opening, Thread.title).join(Thread, Thread.id == Post.thread_id)
                              .where(Post.id.in_(ids))).all()
    return {pid: tagging.post_text(title, body, opening) for pid, body, opening, title in rows}


# --- the theme lexicon -------------------------------------------------------------------

def list_theme_terms(*, actor: User) -> list[ThemeTerm]:
    permissions.require(permissions.can_edit_theme_lexicon(actor))
    return list(db.session.scalars(sa.select(ThemeTerm).order_by(ThemeTerm.theme, ThemeTerm.term)))


def add_theme_term(*, actor: User, theme: str, term: str) -> ThemeTerm:
    """Quality staff and admins add a word or phrase to a theme. New feedback uses it at once;
    `flask feedback retag` applies it to what is already stored. Commits; audited."""
    permissions.require(permissions.can_edit_theme_lexicon(actor))
    if theme not in THEMES:
        raise Invalid("theme", "Choose a theme from the list.")
    term = " ".join((term or "").lower().split())
    if len(term) < 3 or len(term) > 80:
        raise Invalid("term", "A term is 3 to 80 characters.")
    if db.session.scalar(sa.select(ThemeTerm.id).where(ThemeTerm.theme == theme, ThemeTerm.term == term)):
        raise Invalid("term", f"'{term}' is already in this theme.")
    row = ThemeTerm(theme=theme, term=term, added_by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    audit.record(actor=actor, action="feedback.theme_term_added", target=row, detail={"theme": theme, "term": term})
    db.session.commit()
    return row


def remove_theme_term(*, actor: User, term_id: int) -> None:
    """Quality staff and admins remove an added term. Commits; audited."""
    permissions.require(permissions.can_edit_theme_lexicon(actor))
    row = db.session.get(ThemeTerm, term_id)
    if row is None:
        raise NotFound("No such term.")
    audit.record(actor=actor, action="feedback.theme_term_removed", target=row, detail={"theme": row.theme, "term": row.term})
    db.session.delete(row)
    db.session.commit()


# --- export tokens -----------------------------------------------------------------------

def list_export_tokens(*, actor: User) -> list[ApiToken]:
    permissions.require(permissions.can_export_feedback(actor))
    return list(db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == actor.id, ApiToken.scope == "export")
                                   .order_by(ApiToken.revoked_at.is_not(None), ApiToken.id.desc())))


def create_export_token(*, actor: User, name: str) -> str:
    """Quality staff and admins make a token limited to the export, for their own tools. The
    token is returned once and only its digest is kept. Commits; audited."""
    permissions.require(permissions.can_export_feedback(actor))
    name = (name or "").strip()
    if not name:
        raise Invalid("name", "Give the token a name, such as the tool that will use it.")
    token = accounts.create_token(actor=actor, name=name, scope="export")
    audit.record(actor=actor, action="feedback.token_created", detail={"name": name[:80]})
    db.session.commit()
    return token


def revoke_export_token(*, actor: User, token_id: int) -> None:
    """The token's owner revokes it; it stops working at once. Commits; audited."""
    permissions.require(permissions.can_export_feedback(actor))
    row = db.session.get(ApiToken, token_id)
    if row is None or row.user_id != actor.id or row.scope != "export":
        raise NotFound("No such token.")
    accounts.revoke_token(actor=actor, token_id=token_id)
    audit.record(actor=actor, action="feedback.token_revoked", detail={"name": row.name})
    db.session.commit()


# --- the export --------------------------------------------------------------------------

@dataclass
class Export:
    """A prepared export: iterate `chunks()` to stream it; the audit entry follows the end."""

    actor: User | None
    fmt: str
    filters: Filters
    via: str
    context: Context
    rows: int = 0

    @property
    def mimetype(self) -> str:
        return writers.FORMATS[self.fmt]

    @property
    def filename(self) -> str:
        return f"harbor-feedback-{dt.date.today():%Y-%m-%d}.{self.fmt}"

    def _counted(self) -> Iterator[tuple[Any, ...]]:
        for row in iter_rows(self.filters, self.context):
            self.rows += 1
            yield row

    def chunks(self) -> Iterator[str]:
        complete = False
        try:
            yield from writers.chunks(self.fmt, self._counted())
            complete = True
        finally:
            self._audit(complete)

    def _audit(self, complete: bool) -> None:
        db.session.rollback()   # end the streaming read; the entry gets a transaction of its own
        audit.record(actor=self.actor, action="feedback.export", target_type="feedback_export",
                     detail={"format": self.fmt, "via": self.via, "filters": self.filters.as_dict(), "rows": self.rows,
                             "complete": complete, "small_conditions": len(self.context.small)})
        db.session.commit()


def export_feedback(*, actor: User | None, fmt: str, filters: Filters, via: str) -> Export:
    """Quality staff and admins (or the command line: actor None) export de-identified feedback
    and consented posts. Returns a prepared `Export`; nothing is read until its chunks are
    iterated. Commits the catch-up tags; audits when the stream ends."""
    if actor is not None or via != "cli":
        permissions.require(permissions.can_export_feedback(actor), "Only the care quality team can export feedback.")
    if fmt not in writers.FORMATS:
        raise Invalid("format", "The format is csv or jsonl.")
    catch_up_post_tags()
    return Export(actor=actor, fmt=fmt, filters=filters, via=via, context=export_context(filters))


def export_context(filters: Filters) -> Context:
    cfg = current_app.config
    return Context.build(filters, min_authors=int(cfg["EXPORT_MIN_AUTHORS"]), precision=str(cfg["EXPORT_DATE_PRECISION"]))


def dashboard_counts(filters: Filters, *, now: dt.datetime | None = None) -> dict[str, int]:
    """The summary row's exact-time counts for these filters (feedback records only): new in
    the last seven days, and critical items not yet acknowledged."""
    from .rows import feedback_select

    now = now or dt.datetime.now(dt.UTC)
    count = sa.func.count(Feedback.id)
    week = db.session.scalar(feedback_select(filters, count).where(Feedback.created_at >= now - dt.timedelta(days=7))) or 0
    open_ = db.session.scalar(feedback_select(filters, count).where(Feedback.critical.is_(True),
                                                                    Feedback.critical_ack_at.is_(None))) or 0
    return {"new_this_week": int(week), "critical_open": int(open_)}
