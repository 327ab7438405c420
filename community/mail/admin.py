"""What admins see of the outbox: how much is waiting, what failed for good (with the last
error), and the two things they can do about a failure: send it again, or discard it."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from .. import permissions
from ..auth.models import User
from ..db import utcnow
from ..errors import NotFound
from ..extensions import db
from ..moderation.audit import record
from .models import MailStatus, OutboxMail


@dataclass(frozen=True)
class Summary:
    queued: int
    retrying: int
    sent: int
    failed: list[OutboxMail]


def outbox_summary(*, actor: User, limit: int = 200) -> Summary:
    """Admins only. Failed emails newest first."""
    permissions.require(permissions.is_admin(actor))
    counts = dict(db.session.execute(sa.select(OutboxMail.status, sa.func.count()).group_by(OutboxMail.status)).tuples().all())
    retrying = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail).where(
        OutboxMail.status == MailStatus.QUEUED, OutboxMail.attempts > 0)) or 0
    failed = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.status == MailStatus.FAILED)
                                .order_by(OutboxMail.id.desc()).limit(limit)).all()
    return Summary(queued=counts.get(MailStatus.QUEUED, 0), retrying=retrying, sent=counts.get(MailStatus.SENT, 0),
                   failed=list(failed))


def retry_failed(*, actor: User, mail_id: int | None = None) -> int:
    """Admins put one failed email (or all of them) back in the queue, with a fresh set of
    attempts. Audited. Commits. Returns how many."""
    permissions.require(permissions.is_admin(actor))
    stmt = sa.update(OutboxMail).where(OutboxMail.status == MailStatus.FAILED)
    if mail_id is not None:
        stmt = stmt.where(OutboxMail.id == mail_id)
    n = db.session.execute(stmt.values(status=MailStatus.QUEUED, attempts=0, next_attempt_at=utcnow(), locked_until=None,
                                       lock_id=None).execution_options(synchronize_session=False)).rowcount
    if mail_id is not None and n == 0:
        db.session.rollback()
        raise NotFound("No such failed email.")
    record(actor=actor, action="mail.retry", target_type="mail", target_id=mail_id, detail={"count": n})
    from . import worker

    worker.wake_after_commit(db.session())
    db.session.commit()
    return n


def discard_failed(*, actor: User, mail_id: int) -> None:
    """Admins delete a failed email they have dealt with otherwise. Audited. Commits."""
    permissions.require(permissions.is_admin(actor))
    row = db.session.get(OutboxMail, mail_id)
    if row is None or row.status != MailStatus.FAILED:
        raise NotFound("No such failed email.")
    record(actor=actor, action="mail.discard", target_type="mail", target_id=mail_id, detail={"kind": row.kind})
    db.session.delete(row)
    db.session.commit()
