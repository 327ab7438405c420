"""Clinician verification use cases and professional boundaries.

Applicants apply with licence details and an optional document; verifiers approve (setting
the badge's specialty and an expiry), reject, ask for more information, or later revoke.
The badge comes only from an approved, unexpired verification (models.is_current, read
through badges.py; `is_verified_clinician` is re-exported here). Every
decision is audited and the applicant is notified."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import permissions
from ..auth.models import Role, User
from ..content import Status
from ..db import utcnow
from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from ..forums.models import ConditionMember, Thread
from ..moderation.audit import record
from ..notifications.services import notify
from . import documents
from .badges import current_verification, is_verified_clinician  # noqa: F401  (re-exported)
from .models import Profession, Verification, VerificationStatus

OPEN = (VerificationStatus.PENDING, VerificationStatus.MORE_INFO)
EXPIRY_NOTICE_DAYS = 30


@dataclass
class Application:
    full_name: str
    profession: str
    specialty: str
    licence_number: str
    issuing_body: str
    jurisdiction: str
    licence_expiry: dt.date | None
    agreed_conduct: bool
    document: bytes | None = None


def _doc_folder() -> Path:
    return Path(current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads") / "verifications"


def apply(*, actor: User, application: Application, today: dt.date | None = None) -> Verification:
    """A member applies for verification. One open application at a time. Commits."""
    permissions.require(permissions.is_member(actor))
    a = application
    today = today or utcnow().date()
    checks = [("full_name", a.full_name, 120), ("specialty", a.specialty, 80), ("licence_number", a.licence_number, 64),
              ("issuing_body", a.issuing_body, 120), ("jurisdiction", a.jurisdiction, 80)]
    for field, value, limit in checks:
        if not (value or "").strip():
            raise Invalid(field, "This field is required.")
        if len(value.strip()) > limit:
            raise Invalid(field, f"At most {limit} characters.")
    try:
        profession = Profession(a.profession)
    except ValueError:
        raise Invalid("profession", "Choose a profession from the list.") from None
    if a.licence_expiry is None:
        raise Invalid("licence_expiry", "Give the date your licence or registration expires.")
    if a.licence_expiry <= today:
        raise Invalid("licence_expiry", "This licence has expired: the expiry date must be in the future.")
    if not a.agreed_conduct:
        raise Invalid("agreed_conduct", "You need to agree to the professional conduct guidelines.")
    if db.session.scalar(sa.select(Verification.id).where(Verification.user_id == actor.id, Verification.status.in_(OPEN))):
        raise Conflict("You already have an application waiting for a verifier.", code="application_open")
    stored, mime = (None, None)
    if a.document:
        stored, mime = documents.store(folder=_doc_folder(), data=a.document)
    v = Verification(user_id=actor.id, full_name=a.full_name.strip(), profession=profession, specialty=a.specialty.strip(),
                     licence_number=a.licence_number.strip(), issuing_body=a.issuing_body.strip(),
                     jurisdiction=a.jurisdiction.strip(), licence_expiry=a.licence_expiry, agreed_conduct=True,
                     document_path=stored, document_type=mime)
    db.session.add(v)
    db.session.flush()
    record(actor=actor, action="verification.apply", target=v)
    db.session.commit()
    return v


def my_applications(*, actor: User) -> list[Verification]:
    return list(db.session.scalars(sa.select(Verification).where(Verification.user_id == actor.id).order_by(Verification.id.desc())))


def queue(*, actor: User) -> list[Verification]:
    permissions.require(permissions.can_verify_clinicians(actor))
    notify_expiring()
    return list(db.session.scalars(sa.select(Verification).where(Verification.status.in_(OPEN)).order_by(Verification.created_at)))


def get(*, actor: User, verification_id: int) -> Verification:
    v = db.session.get(Verification, verification_id)
    if v is None or not (permissions.can_verify_clinicians(actor) or v.user_id == actor.id):
        raise NotFound("No such application.")
    return v


def document_path(*, actor: User, verification: Verification) -> Path:
    """Only verifiers may open a supporting document."""
    permissions.require(permissions.can_verify_clinicians(actor))
    if not verification.document_path:
        raise NotFound("No document.")
    return _doc_folder() / verification.document_path


def _decide(actor: User | None, v: Verification, status: VerificationStatus, action: str, reason: str = "") -> None:
    v.status, v.decided_at, v.decided_by_id = status, utcnow(), getattr(actor, "id", None)
    v.decision_reason = reason or None
    record(actor=actor, action=f"verification.{action}", target=v, detail={"user_id": v.user_id}, reason=reason)


def approve(*, actor: User | None, verification: Verification, specialty: str | None = None,
            expires_at: dt.datetime | None = None) -> Verification:
    """Approve: the badge shows `specialty` until a year from now or the licence expiry,
    whichever is sooner. The CLI (actor None) uses the same path. Commits."""
    if actor is not None:
        permissions.require(permissions.can_verify_clinicians(actor))
        if actor.id == verification.user_id:
            permissions.require(False, "You can't verify yourself.")
    v = verification
    if v.status not in OPEN:
        raise Conflict("This application has already been decided.", code="already_decided")
    specialty = (specialty or v.specialty or "").strip()
    if not specialty or len(specialty) > 80:
        raise Invalid("specialty", "A specialty of 1 to 80 characters is required.")
    now = utcnow()
    limit = now + dt.timedelta(days=365)
    if v.licence_expiry is not None:
        limit = min(limit, dt.datetime.combine(v.licence_expiry, dt.time(23, 59), tzinfo=dt.UTC))
    expires_at = min(expires_at, limit) if expires_at else limit
    if expires_at <= now:
        raise Invalid("expires_at", "The expiry must be in the future.")
    v.specialty, v.expires_at, v.expiry_notice_sent = specialty, expires_at, False
    _decide(actor, v, VerificationStatus.APPROVED, "approve")
    user = db.session.get(User, v.user_id)
    if user.role == Role.PATIENT:
        user.role = Role.CLINICIAN
    notify(user_id=v.user_id, kind="verification.approved",
           text=f"You are verified: your posts now show “Verified clinician · {specialty}” until {expires_at:%d %b %Y}.")
    db.session.commit()
    db.session.refresh(user, ["verifications"])
    return v


def verify_directly(*, user: Any, specialty: str, licence: str = "", actor: Any = None) -> Verification:
    """What an approval does, for the CLI: creates the application and approves it."""
    v = Verification(user_id=user.id, specialty=specialty.strip(), licence_number=licence.strip()[:64], agreed_conduct=True)
    db.session.add(v)
    db.session.flush()
    return approve(actor=actor, verification=v, specialty=specialty)


def reject(*, actor: User, verification: Verification, reason: str) -> Verification:
    permissions.require(permissions.can_verify_clinicians(actor))
    if verification.status not in OPEN:
        raise Conflict("This application has already been decided.", code="already_decided")
    if not reason.strip():
        raise Invalid("reason", "Give a reason: the applicant will see it.")
    _decide(actor, verification, VerificationStatus.REJECTED, "reject", reason.strip())
    notify(user_id=verification.user_id, kind="verification.rejected", text=f"Your verification was not approved: {reason.strip()}",
           link="/clinicians/apply")
    db.session.commit()
    return verification


def request_info(*, actor: User, verification: Verification, message: str) -> Verification:
    permissions.require(permissions.can_verify_clinicians(actor))
    if verification.status not in OPEN:
        raise Conflict("This application has already been decided.", code="already_decided")
    if not message.strip():
        raise Invalid("reason", "Say what information you need.")
    verification.status, verification.info_request = VerificationStatus.MORE_INFO, message.strip()
    record(actor=actor, action="verification.more_info", target=verification, reason=message.strip())
    notify(user_id=verification.user_id, kind="verification.more_info",
           text=f"A verifier asked for more information: {message.strip()}", link="/clinicians/apply")
    db.session.commit()
    return verification


def answer_info(*, actor: User, verification: Verification, reply: str) -> Verification:
    if verification.user_id != actor.id or verification.status != VerificationStatus.MORE_INFO:
        raise NotFound("No such request.")
    if not reply.strip():
        raise Invalid("reply", "Write your answer first.")
    verification.applicant_reply = reply.strip()[:4000]
    verification.status = VerificationStatus.PENDING
    record(actor=actor, action="verification.answer", target=verification)
    db.session.commit()
    return verification


def revoke(*, actor: User, verification: Verification, reason: str) -> Verification:
    """A verifier revokes an approval at any time; the badge goes at once. Commits."""
    permissions.require(permissions.can_verify_clinicians(actor))
    if verification.status != VerificationStatus.APPROVED:
        raise Conflict("Only an approved verification can be revoked.", code="not_approved")
    if not reason.strip():
        raise Invalid("reason", "Give a reason: the clinician will see it.")
    _decide(actor, verification, VerificationStatus.REVOKED, "revoke", reason.strip())
    notify(user_id=verification.user_id, kind="verification.revoked", text=f"Your verified badge was revoked: {reason.strip()}")
    db.session.commit()
    return verification


def notify_expiring(now: dt.datetime | None = None) -> int:
    """Tell clinicians whose verification ends within 30 days (once). Returns how many.
    Run by `flask --app wsgi clinicians notify-expiring` and whenever the verifier queue opens."""
    now = now or utcnow()
    rows = db.session.scalars(sa.select(Verification).where(
        Verification.status == VerificationStatus.APPROVED, Verification.expiry_notice_sent.is_(False),
        Verification.expires_at > now, Verification.expires_at <= now + dt.timedelta(days=EXPIRY_NOTICE_DAYS))).all()
    for v in rows:
        v.expiry_notice_sent = True
        notify(user_id=v.user_id, kind="verification.expiring",
               text=f"Your verified clinician badge expires on {v.expires_at:%d %b %Y}. Apply again with your current licence to keep it.",
               link="/clinicians/apply")
    db.session.commit()
    return len(rows)


# --- answers -------------------------------------------------------------------------------

def mark_helpful(*, actor: User, post: Any) -> None:
    """The question's author marks a verified clinician's answer as helpful (toggles). Commits."""
    thread = post.thread
    if not (thread.is_question and thread.author_id == actor.id):
        permissions.require(False, "Only the person who asked can mark an answer as helpful.")
    if post.is_opening or not is_verified_clinician(post.author):
        raise Invalid("post", "Only a verified clinician's answer can be marked helpful.")
    post.marked_helpful = not post.marked_helpful
    db.session.commit()


def waiting_questions(*, actor: User, limit: int = 50) -> list[Any]:
    """Open questions without a clinician answer in the conditions the clinician joined."""
    permissions.require(is_verified_clinician(actor), "Only verified clinicians have this list.")
    joined = sa.select(ConditionMember.condition_id).where(ConditionMember.user_id == actor.id)
    return list(db.session.scalars(sa.select(Thread).where(
        Thread.is_question.is_(True), Thread.clinician_answered.is_(False), Thread.status == Status.PUBLISHED,
        Thread.condition_id.in_(joined)).order_by(Thread.created_at).limit(limit)))


def set_question_alerts(*, actor: User, on: bool) -> None:
    actor.notify_new_questions = on
    db.session.commit()


def on_post_saved(*, post: Any, thread: Any, verdict: Any) -> None:
    """Hook of `post.saved` (inside the post's transaction): a new published question notifies
    the opted-in verified clinicians of its condition. Does not commit."""
    if not (post.is_opening and thread.is_question and post.status == Status.PUBLISHED):
        return
    users = db.session.scalars(sa.select(User).join(ConditionMember, ConditionMember.user_id == User.id).where(
        ConditionMember.condition_id == thread.condition_id, User.notify_new_questions.is_(True), User.id != thread.author_id))
    for u in users:
        if is_verified_clinician(u):
            notify(user_id=u.id, kind="question.new", text=f"New question waiting for a clinician: {thread.title}",
                   link=f"/t/{thread.id}")
