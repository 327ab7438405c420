"""Responses to feedback, "My feedback", and the public "What patients said" pages.

A named responder (or quality staff) answers one feedback record and says whether a change
is planned or made; "made" needs a sentence on what changed. The author is told
(`feedback_response`, after commit) and reads the answer under "My feedback". If the author
allows it (`publish_consent`, given with the feedback or later on "My feedback"), the feedback
and its responses appear on the service's public page, de-identified exactly as in the
export (identifiers scrubbed, member names replaced, month only). Withdrawing consent takes
them off at once: the page reads the consent on every request."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import events, permissions
from ..auth.models import User
from ..db import utcnow
from ..errors import Invalid, NotFound
from ..extensions import db
from ..moderation import audit
from ..notifications.services import notify
from . import care
from .deidentify import MemberNames, date_bucket, scrub_identifiers
from .models import CareService, Feedback, FeedbackResponse

CHANGES = ("none", "planned", "made")
STATUS = {"none": "responded", "planned": "change_planned", "made": "change_made"}
BODY_MAX = 5000
_WORD = re.compile(r"[^\W\d_]{2,}")


def init_app(app: Any) -> None:
    events.subscribe("feedback.responded", _tell_author)


def get_feedback(feedback_id: int) -> Feedback:
    record = db.session.get(Feedback, feedback_id)
    if record is None:
        raise NotFound("No such feedback.")
    return record


def response_status(changes: list[str]) -> str:
    """The export's `response_status`: the strongest answer given so far."""
    if not changes:
        return "none"
    if "made" in changes:
        return STATUS["made"]
    if "planned" in changes:
        return STATUS["planned"]
    return STATUS["none"]


def respond(*, actor: User, feedback_id: int, body: str, change: str = "none", what_changed: str | None = None) -> FeedbackResponse:
    """Quality staff, admins and the service's named responders answer a feedback record.
    Answering a critical item acknowledges it. Commits; audited; emits `feedback.responded`."""
    record = get_feedback(feedback_id)
    permissions.require(permissions.can_respond_to_feedback(actor, care.is_responder_for(actor, record.service_id)),
                        "Only the care quality team and this service's named responders answer feedback.")
    body = (body or "").strip()
    if not body:
        raise Invalid("body", "Write your response first.")
    if len(body) > BODY_MAX:
        raise Invalid("body", f"A response can be at most {BODY_MAX:,} characters.")
    if change not in CHANGES:
        raise Invalid("change", "Say whether a change is none, planned or made.")
    what = " ".join((what_changed or "").split()) or None
    if change == "made":
        if what is None or len(_WORD.findall(what)) < 4:
            raise Invalid("what_changed", "Say in a sentence what changed, for example “We now phone every patient the day after discharge.”")
        if len(what) > 1000:
            raise Invalid("what_changed", "Keep what changed to 1,000 characters.")
    row = FeedbackResponse(feedback_id=record.id, responder_id=actor.id, body=body, change=change,
                           what_changed=what if change != "none" else None)
    db.session.add(row)
    if record.critical and record.critical_ack_at is None:
        record.critical_ack_at, record.critical_ack_by_id = utcnow(), actor.id
    db.session.flush()
    audit.record(actor=actor, action="feedback.responded", target=record, detail={"change": change, "response_id": row.id})
    events.emit("feedback.responded", feedback=record, response=row)
    db.session.commit()
    return row


def _tell_author(*, feedback: Feedback, response: FeedbackResponse) -> None:
    if feedback.author_id is None or feedback.author_id == response.responder_id:
        return
    notify(user_id=feedback.author_id, kind="feedback_response",
           text="The care team responded to your feedback.", link="/feedback/mine")
    db.session.commit()


def responses_for(ids: list[int]) -> dict[int, list[FeedbackResponse]]:
    out: dict[int, list[FeedbackResponse]] = {i: [] for i in ids}
    if ids:
        for r in db.session.scalars(sa.select(FeedbackResponse).where(FeedbackResponse.feedback_id.in_(ids))
                                    .order_by(FeedbackResponse.created_at, FeedbackResponse.id)):
            out[r.feedback_id].append(r)
    return out


@dataclass
class MyItem:
    feedback: Feedback
    service: str
    responses: list[FeedbackResponse] = field(default_factory=list)


def my_feedback(*, actor: User) -> list[MyItem]:
    """The member's own feedback, newest first, with every response. Reads only."""
    permissions.require(permissions.is_member(actor))
    rows = list(db.session.execute(sa.select(Feedback, CareService.path).outerjoin(CareService, CareService.id == Feedback.service_id)
                                   .where(Feedback.author_id == actor.id).order_by(Feedback.created_at.desc(), Feedback.id.desc())).tuples())
    answers = responses_for([f.id for f, _ in rows])
    return [MyItem(feedback=f, service=path or f.service or "", responses=answers[f.id]) for f, path in rows]


def own_feedback(*, actor: User, feedback_id: int) -> MyItem | None:
    """One record of the member's own feedback (None for anyone else's or none). Reads only."""
    row = db.session.execute(sa.select(Feedback, CareService.path).outerjoin(CareService, CareService.id == Feedback.service_id)
                             .where(Feedback.id == feedback_id, Feedback.author_id == getattr(actor, "id", None))).tuples().first()
    if row is None:
        return None
    f, path = row
    return MyItem(feedback=f, service=path or "", responses=responses_for([f.id])[f.id])


def set_publish_consent(*, actor: User, feedback_id: int, consent: bool) -> Feedback:
    """The author allows (or withdraws) publication of their feedback and its responses.
    Withdrawing unpublishes at once. Commits; audited."""
    record = get_feedback(feedback_id)
    if record.author_id != getattr(actor, "id", None):
        raise NotFound("No such feedback.")
    record.publish_consent = bool(consent)
    audit.record(actor=actor, action="feedback.publish_consent", target=record, detail={"consent": bool(consent)})
    db.session.commit()
    return record


@dataclass
class Published:
    created_on: str
    service: str
    text: str
    responses: list[dict[str, str]]


def published(*, service_id: int | None = None) -> list[Published]:
    """Consented, answered feedback about a branch of the tree (or all of it), de-identified
    as the export is. Public: no permission needed. Reads only."""
    q = (sa.select(Feedback.id, Feedback.created_at, Feedback.clean_text, CareService.path)
         .join(CareService, CareService.id == Feedback.service_id)
         .where(Feedback.publish_consent.is_(True), Feedback.author_id.is_not(None),
                sa.exists().where(FeedbackResponse.feedback_id == Feedback.id))
         .order_by(Feedback.created_at.desc(), Feedback.id.desc()))
    if service_id is not None:
        q = q.where(Feedback.service_id.in_(care.branch_ids(service_id)))
    rows = db.session.execute(q).all()
    if not rows:
        return []
    names = db.session.execute(sa.select(User.username, User.display_name)).all()
    members = MemberNames(n for pair in names for n in pair)
    bucket = date_bucket(str(current_app.config["EXPORT_DATE_PRECISION"]))
    answers = responses_for([r.id for r in rows])

    def clean(text: str | None) -> str:
        return members(scrub_identifiers(text or "")) if text else ""

    return [Published(created_on=bucket(created), service=path, text=members(text),
                      responses=[{"body": clean(a.body), "change": a.change, "what_changed": clean(a.what_changed),
                                  "created_on": bucket(a.created_at)} for a in answers[fid]])
            for fid, created, text, path in rows]


def published_services() -> list[tuple[CareService, int]]:
    """Services with at least one published item (counting their branch), for the public index."""
    nodes = care.all_services()
    counts: dict[int, int] = {}
    for sid, in db.session.execute(sa.select(Feedback.service_id).where(
            Feedback.publish_consent.is_(True), Feedback.author_id.is_not(None), Feedback.service_id.is_not(None),
            sa.exists().where(FeedbackResponse.feedback_id == Feedback.id))):
        for anc in care.lineage_ids(sid):
            counts[anc] = counts.get(anc, 0) + 1
    return [(n, counts[n.id]) for n in nodes if counts.get(n.id)]


@dataclass
class ServiceFigures:
    records: int = 0
    responded: int = 0
    changes_planned: int = 0
    changes_made: int = 0
    hours_to_response: list[float] = field(default_factory=list)

    @property
    def response_rate(self) -> float | None:
        return self.responded / self.records if self.records else None

    @property
    def median_hours(self) -> float | None:
        xs = sorted(self.hours_to_response)
        if not xs:
            return None
        mid = len(xs) // 2
        return xs[mid] if len(xs) % 2 else (xs[mid - 1] + xs[mid]) / 2


def figures_by_service(since: dt.datetime | None = None) -> dict[int | None, ServiceFigures]:
    """Response rate, time to first response and changes per service (feedback records only)."""
    first = (sa.select(FeedbackResponse.feedback_id, sa.func.min(FeedbackResponse.created_at).label("first"))
             .group_by(FeedbackResponse.feedback_id).subquery())
    q = (sa.select(Feedback.id, Feedback.service_id, Feedback.created_at, first.c.first)
         .outerjoin(first, first.c.feedback_id == Feedback.id))
    if since is not None:
        q = q.where(Feedback.created_at >= since)
    out: dict[int | None, ServiceFigures] = {}
    rows = db.session.execute(q).all()
    changes = responses_for([r.id for r in rows])
    for fid, sid, created, first_at in rows:
        f = out.setdefault(sid, ServiceFigures())
        f.records += 1
        if first_at is not None:
            f.responded += 1
            f.hours_to_response.append(max(0.0, (_aware(first_at) - _aware(created)).total_seconds() / 3600))
        kinds = {a.change for a in changes[fid]}
        f.changes_made += "made" in kinds
        f.changes_planned += "planned" in kinds and "made" not in kinds
    return out


def _aware(t: dt.datetime) -> dt.datetime:
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)
