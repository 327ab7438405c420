"""Article use cases: a verified clinician (or an admin) writes an article for a condition with
structured sources; a *different* verified clinician reviews it; once approved it is what
members read until the next approved revision, and falls due for review after
`ARTICLE_REVIEW_DAYS`. Members ask questions under it as forum threads."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import permissions
from ..auth.models import Role, User
from ..clinicians.badges import current_verification
from ..db import utcnow
from ..errors import Invalid, NotFound
from ..extensions import db
from ..forums import services as forums
from ..forums.markdown import render
from ..forums.models import Condition, Thread
from ..moderation.audit import record
from ..notifications.services import notify
from .models import Article, ArticleQuestion, ArticleRevision, ArticleStatus
from .search import sync_article
from .sourcelists import flagged_domains
from .sources import SourceError, check_sources, flagged_links

TITLE_MAX = 200
BODY_MAX = 50_000


def _checked(title: str, body: str, sources: Any, summary: str) -> tuple[str, str, list[dict[str, str]], str]:
    title = " ".join((title or "").split())
    if not 5 <= len(title) <= TITLE_MAX:
        raise Invalid("title", f"Give the article a title of 5 to {TITLE_MAX} characters.")
    body = (body or "").strip()
    if len(body) < 20:
        raise Invalid("body", "Write the article first (at least a few sentences).")
    if len(body) > BODY_MAX:
        raise Invalid("body", f"Articles can be at most {BODY_MAX:,} characters.")
    try:
        checked = check_sources(sources)
    except SourceError as err:
        raise Invalid("sources", str(err)) from None
    bad = flagged_links(body + "\n" + "\n".join(s.url for s in checked), flagged_domains())
    if bad:
        raise Invalid("sources", "These sites are known for health misinformation and can't be cited: " + ", ".join(bad) + ".")
    summary = " ".join((summary or "").split())[:300]
    return title, body, [s.as_dict() for s in checked], summary


def _verified_clinicians(exclude: set[int]) -> list[int]:
    from ..clinicians.models import Verification, VerificationStatus

    now = utcnow()
    ids = db.session.scalars(
        sa.select(Verification.user_id).join(User, User.id == Verification.user_id)
        .where(Verification.status == VerificationStatus.APPROVED, Verification.expires_at > now, User.role == Role.CLINICIAN)
        .distinct())
    return [i for i in ids if i not in exclude]


def _revision(article: Article, *, editor: Any, event: str, note: str = "") -> ArticleRevision:
    rev = ArticleRevision(article_id=article.id, editor_id=getattr(editor, "id", None), title=article.title, body=article.body,
                          body_html=article.body_html, sources=list(article.sources), event=event, note=note)
    db.session.add(rev)
    return rev


def create_article(*, actor: User, condition: Condition, title: str, body: str, sources: Any, summary: str = "") -> Article:
    """A verified clinician or an admin writes an article; it waits for review (in_review).
    Every other verified clinician is told it needs a reviewer. Audited. Commits."""
    permissions.require(permissions.can_write_article(actor, verified=current_verification(actor) is not None),
                        "Only verified clinicians and admins write articles.")
    title, body, checked, summary = _checked(title, body, sources, summary)
    article = Article(condition_id=condition.id, author_id=actor.id, title=title, body=body, body_html=render(body),
                      sources=checked, summary=summary, status=ArticleStatus.IN_REVIEW)
    db.session.add(article)
    db.session.flush()
    _revision(article, editor=actor, event="written")
    record(actor=actor, action="article.written", target=article, target_type="article")
    for uid in _verified_clinicians({actor.id}):
        notify(user_id=uid, kind="article_review", text=f"An article for {condition.name} needs a reviewer: “{title}”.",
               link=f"/articles/{article.id}")
    db.session.commit()
    return article


def edit_article(*, actor: User, article: Article, title: str, body: str, sources: Any, summary: str = "") -> Article:
    """The author (or an admin) edits; the edit goes back to review while the approved version
    stays what members read. Audited. Commits."""
    permissions.require(permissions.can_edit_article(actor, article, verified=current_verification(actor) is not None))
    article.title, article.body, article.sources, article.summary = _checked(title, body, sources, summary)
    article.body_html = render(article.body)
    article.status = ArticleStatus.IN_REVIEW
    article.updated_at = utcnow()
    _revision(article, editor=actor, event="edited")
    record(actor=actor, action="article.edited", target=article, target_type="article")
    db.session.commit()
    return article


def review_article(*, actor: User, article: Article, action: str, note: str = "", now: dt.datetime | None = None) -> Article:
    """Another verified clinician approves (published: members read this version; due for
    review in ARTICLE_REVIEW_DAYS) or asks for changes (a note is required). Never the
    author's own. The author is notified. Audited. Commits."""
    permissions.require(permissions.can_review_article(actor, article, verified=current_verification(actor) is not None),
                        "Articles are reviewed by a verified clinician other than their author.")
    now = now or utcnow()
    # Waiting for review: a new version, or the approved one once its review date has passed.
    if not (article.status == ArticleStatus.IN_REVIEW or (article.status == ArticleStatus.PUBLISHED and article.is_due(now))):
        raise Invalid("action", "This article is not waiting for review.")
    note = (note or "").strip()[:2000]
    if action == "approve":
        rev = _revision(article, editor=actor, event="approved", note=note)
        db.session.flush()
        article.live_revision_id = rev.id
        article.status = ArticleStatus.PUBLISHED
        article.reviewed_by_id, article.reviewed_at = actor.id, now
        article.published_at = article.published_at or now
        article.review_due = now + dt.timedelta(days=int(current_app.config["ARTICLE_REVIEW_DAYS"]))
        article.due_notified_at = None
        sync_article(article, rev)      # search finds what members read, never a draft
        text = f"Your article “{article.title}” was approved and is published."
    elif action == "request_changes":
        if not note:
            raise Invalid("note", "Say what should change.")
        article.status = ArticleStatus.CHANGES_REQUESTED
        article.review_note = note
        _revision(article, editor=actor, event="changes_requested", note=note)
        text = f"A reviewer asked for changes to your article “{article.title}”."
    else:
        raise Invalid("action", "The action is approve or request_changes.")
    record(actor=actor, action=f"article.{action}", target=article, target_type="article", reason=note)
    notify(user_id=article.author_id, kind="article_review", text=text, link=f"/articles/{article.id}")
    db.session.commit()
    return article


def get_article(*, viewer: Any, article_id: int) -> Article:
    article = db.session.get(Article, article_id)
    if article is None or not permissions.can_view_article(viewer, article,
                                                           verified=current_verification(viewer) is not None):
        raise NotFound("No such article.")
    return article


def list_articles(*, viewer: Any, condition: Condition) -> list[Article]:
    """Published articles for everyone, and the unpublished ones the viewer may read
    (permissions.can_read_article_draft: their authors, admins, reviewers while in review)."""
    verified = current_verification(viewer) is not None if permissions.is_member(viewer) else False
    q = sa.select(Article).where(Article.condition_id == condition.id).order_by(Article.title)
    return [a for a in db.session.scalars(q)
            if a.live_revision_id is not None or permissions.can_read_article_draft(viewer, a, verified=verified)]


def revisions(*, viewer: Any, article: Article) -> Sequence[ArticleRevision]:
    """Every version of the article, drafts included: for those who may read its drafts."""
    permissions.require(permissions.can_read_article_draft(viewer, article, verified=current_verification(viewer) is not None))
    return db.session.scalars(sa.select(ArticleRevision).where(ArticleRevision.article_id == article.id)
                              .order_by(ArticleRevision.id)).all()


def waiting_for_review(*, viewer: Any) -> list[Article]:
    """Articles waiting for review (new versions, and approved ones past due) that the viewer
    may read: a verified clinician's to review, an author's own, all of them for admins."""
    if not permissions.is_member(viewer):
        return []
    verified = current_verification(viewer) is not None
    items = db.session.scalars(sa.select(Article).where(Article.status.in_([ArticleStatus.IN_REVIEW, ArticleStatus.PUBLISHED]))
                               .order_by(Article.updated_at))
    return [a for a in items if (a.status == ArticleStatus.IN_REVIEW or a.is_due())
            and permissions.can_read_article_draft(viewer, a, verified=verified)]


def notify_due(*, now: dt.datetime | None = None) -> int:
    """Articles past their review date: their author and last reviewer are told once per due
    date (cron: `flask --app wsgi articles due`). Returns how many fell due. Commits."""
    now = now or utcnow()
    due = db.session.scalars(sa.select(Article).where(Article.review_due <= now, Article.due_notified_at.is_(None))).all()
    for a in due:
        for uid in {a.author_id, a.reviewed_by_id} - {None}:
            notify(user_id=uid, kind="article_due", text=f"“{a.title}” is due for review.", link=f"/articles/{a.id}")
        a.due_notified_at = now
    db.session.commit()
    return len(due)


def ask_question(*, actor: User, article: Article, title: str, body: str) -> forums.PostResult:
    """A member asks about a published article: a question thread in its condition, linked
    under the article. Screening and holds as for any thread."""
    if article.live_revision_id is None:
        raise NotFound("No such article.")
    condition = db.session.get(Condition, article.condition_id)
    result = forums.start_thread(actor=actor, condition=condition, title=title, body=body, is_question=True)
    db.session.add(ArticleQuestion(article_id=article.id, thread_id=result.thread.id))
    db.session.commit()
    return result


def questions(*, viewer: Any, article: Article) -> list[Thread]:
    threads = db.session.scalars(sa.select(Thread).join(ArticleQuestion, ArticleQuestion.thread_id == Thread.id)
                                 .where(ArticleQuestion.article_id == article.id).order_by(Thread.id.desc()))
    return [t for t in threads if permissions.can_view_thread(viewer, t)]


def article_json(a: Article, *, viewer: Any) -> dict[str, Any]:
    """What the API shows: members get the approved version; drafts' readers the working copy."""
    drafts = permissions.is_member(viewer) and permissions.can_read_article_draft(
        viewer, a, verified=current_verification(viewer) is not None)
    shown = a if drafts or a.live is None else a.live
    return {
        "id": a.id, "title": shown.title, "status": str(a.status) if drafts else "published",
        "author": a.author.name if a.author else "former member",
        "reviewed_by": a.reviewed_by.name if a.reviewed_by else None,
        "review_due": a.review_due.isoformat() if a.review_due else None,
        "due_for_review": a.is_due(),
        "sources": list(shown.sources), "body_html": shown.body_html,
    }
