"""The member's one email preference, read by everything that emails the community: the
notification digest and "immediately when away" emails (community/notifications/digest.py),
urgent announcements, feedback alerts, and written by the settings page and the one-click
unsubscribe.

- off: no community email at all (only email about the account itself: password resets,
  address confirmation).
- immediate: notification emails right away when the member is away from the site (not seen
  for 10 minutes), at most one per NOTIFY_BATCH_MINUTES.
- daily / weekly: a digest.

The default (no row) is the daily digest, opt-in: no notification email is sent until the
member saves a choice (`opted_in`); urgent announcements and the alerts staff asked for reach
any member with a confirmed address who has not turned email off."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..db import utcnow
from ..errors import Invalid
from ..extensions import db
from .models import EmailMode, MailPreference

MODE_LABELS = {
    EmailMode.OFF: "No email from the community",
    EmailMode.IMMEDIATE: "Right away, when I'm not on Harbor (away for 10 minutes)",
    EmailMode.DAILY: "A daily digest",
    EmailMode.WEEKLY: "A weekly digest",
}
DEFAULT = EmailMode.DAILY
P = MailPreference.__table__


@dataclass(frozen=True)
class Preference:
    mode: str
    opted_in: bool
    last_digest_at: dt.datetime | None = None
    chosen: bool = False          # the member saved a choice (a row exists)

    @property
    def off(self) -> bool:
        return self.mode == EmailMode.OFF

    @property
    def sends_notifications(self) -> bool:
        """Notification emails (digest or immediate) go out only once the member opted in."""
        return self.opted_in and not self.off


def default_mode(user: Any = None) -> str:
    return str(DEFAULT)


def _user_id(user: Any) -> int:
    return int(user if isinstance(user, int) else user.id)


def preference_of(user: Any) -> Preference:
    """The member's preference (the default when they never chose). `user` is a User or an id."""
    row = db.session.get(MailPreference, _user_id(user))
    if row is None:
        return Preference(default_mode(user), False)
    return Preference(row.mode, row.opted_in, row.last_digest_at, True)


def set_mode(*, user_id: int, mode: str, opted_in: bool = True) -> Preference:
    """Store the member's choice, in the caller's transaction. Raises Invalid for an unknown mode."""
    if mode not in {m.value for m in EmailMode}:
        raise Invalid("mode", "Choose one of the email options.")
    row = db.session.get(MailPreference, user_id)
    if row is None:
        row = MailPreference(user_id=user_id, last_digest_at=None)
        db.session.add(row)
    row.mode, row.opted_in, row.updated_at = mode, bool(opted_in), utcnow()
    return Preference(row.mode, row.opted_in, row.last_digest_at, True)


def choose(*, actor: Any, mode: str) -> Preference:
    """The member chooses on the settings page: choosing is opting in. Commits."""
    from .. import permissions

    permissions.require(permissions.is_member(actor))
    pref = set_mode(user_id=actor.id, mode=mode, opted_in=True)
    db.session.commit()
    return pref


def turn_off(user_id: int) -> None:
    """Unsubscribe: no more community email. In the caller's transaction."""
    set_mode(user_id=user_id, mode=EmailMode.OFF, opted_in=False)


def is_off(user: Any) -> bool:
    return preference_of(user).off


def not_off(user_id_col: Any) -> Any:
    """SQL: the member (a users.id column) has not turned email off (for bulk sends)."""
    return ~sa.exists().where(P.c.user_id == user_id_col, P.c.mode == EmailMode.OFF)


def mark_sent(user_id: int, *, now: dt.datetime, previous: dt.datetime | None) -> bool:
    """Record a notification email sent now, only if nobody else did since `previous` (two
    runs at once, e.g. cron and a worker, send it once). In the caller's transaction."""
    if db.session.get(MailPreference, user_id) is None:
        return False
    cond = P.c.last_digest_at.is_(None) if previous is None else P.c.last_digest_at == previous
    done = db.session.execute(sa.update(P).where(P.c.user_id == user_id, cond).values(last_digest_at=now)
                              .execution_options(synchronize_session="fetch")).rowcount
    return bool(done)


def export(user_id: int) -> dict[str, Any] | None:
    row = db.session.get(MailPreference, user_id)
    return {"mode": row.mode, "opted_in": row.opted_in} if row else None


def forget(user_id: int) -> None:
    db.session.execute(sa.delete(MailPreference).where(MailPreference.user_id == user_id))
