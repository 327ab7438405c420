"""What quality staff and named responders read: one feedback item (de-identified as in the
export, with the words that put each theme on it) and the items of a branch of the service
tree with its figures. Reads only; the writes are in responses, alerts and corrections."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from .. import permissions
from ..auth.models import User
from ..errors import NotFound
from ..extensions import db
from . import care, tagging
from .deidentify import MemberNames
from .models import CareService, Feedback, FeedbackResponse
from .responses import ServiceFigures, figures_by_service, response_status, responses_for


def _members() -> MemberNames:
    names = db.session.execute(sa.select(User.username, User.display_name)).all()
    return MemberNames(n for pair in names for n in pair)


@dataclass
class Item:
    feedback: Feedback
    service: str
    text: str
    themes: list[str]
    theme_words: dict[str, list[str]]
    responses: list[FeedbackResponse] = field(default_factory=list)
    status: str = "none"


def feedback_item(*, actor: User, feedback_id: int) -> Item:
    """Quality staff, admins and the service's named responders. Reads only."""
    record = db.session.get(Feedback, feedback_id)
    if record is None:
        raise NotFound("No such feedback.")
    permissions.require(permissions.can_see_feedback_item(actor, care.is_responder_for(actor, record.service_id)),
                        "Only the care quality team and this service's responders read this feedback.")
    node = db.session.get(CareService, record.service_id) if record.service_id else None
    text = _members()(record.clean_text)
    answers = responses_for([record.id])[record.id]
    return Item(feedback=record, service=node.path if node else (record.service or ""), text=text,
                themes=record.themes.split(";") if record.themes else [],
                theme_words=tagging.current()._themes.spans(text), responses=answers,
                status=response_status([a.change for a in answers]))


@dataclass
class Branch:
    node: CareService
    items: list[Item]
    figures: ServiceFigures
    open_critical: int


def branch(*, actor: User, service_id: int, limit: int = 100) -> Branch:
    """The newest feedback about a node and everything below it, with the branch's figures.
    Quality staff, admins and the node's named responders. Reads only."""
    node = care.get_service(service_id)
    permissions.require(permissions.can_see_feedback_item(actor, care.is_responder_for(actor, node.id)),
                        "Only the care quality team and this service's responders read its feedback.")
    ids = care.branch_ids(node.id)
    paths = dict(db.session.execute(sa.select(CareService.id, CareService.path).where(CareService.id.in_(ids))).tuples().all())
    records = list(db.session.scalars(sa.select(Feedback).where(Feedback.service_id.in_(ids))
                                      .order_by(Feedback.created_at.desc(), Feedback.id.desc()).limit(limit)))
    answers = responses_for([r.id for r in records])
    members = _members()
    items = [Item(feedback=r, service=paths.get(r.service_id or 0, ""), text=members(r.clean_text),
                  themes=r.themes.split(";") if r.themes else [], theme_words={}, responses=answers[r.id],
                  status=response_status([a.change for a in answers[r.id]])) for r in records]
    figures = ServiceFigures()
    for sid, f in figures_by_service().items():
        if sid in ids:
            figures.records += f.records
            figures.responded += f.responded
            figures.changes_made += f.changes_made
            figures.changes_planned += f.changes_planned
            figures.hours_to_response += f.hours_to_response
    open_critical = sum(1 for r in db.session.scalars(sa.select(Feedback.id).where(
        Feedback.service_id.in_(ids), Feedback.critical.is_(True), Feedback.critical_ack_at.is_(None))))
    return Branch(node=node, items=items, figures=figures, open_critical=open_critical)


def tree(*, actor: Any) -> list[tuple[CareService, bool, bool]]:
    """The service tree as the actor may use it: (node, may read its feedback, subscribed)."""
    nodes = care.all_services()
    mine = set(care.responder_service_ids(actor)) if getattr(actor, "is_authenticated", False) else set()
    quality = permissions.can_export_feedback(actor)
    subs = care.subscriptions_of(actor) if getattr(actor, "is_authenticated", False) else {}
    return [(n, quality or n.id in mine, n.id in subs) for n in nodes]
