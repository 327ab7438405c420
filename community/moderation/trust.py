"""Trust levels, derived (never stored) from a member's approved posts and account age:

- `new`: fewer than NEW_MEMBER_HOLD_POSTS approved posts (their posts are held for review), or
  younger than TRUST_MEMBER_DAYS (their links are held);
- `member`: past both: no holds;
- `trusted`: TRUST_TRUSTED_POSTS approved posts and TRUST_TRUSTED_DAYS days: their reports
  weigh double toward hiding a post, and reports alone never hide their own posts.

Staff (moderators, admins, quality) count as trusted."""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import current_app

from ..auth.models import Role
from ..db import utcnow

NEW, MEMBER, TRUSTED = "new", "member", "trusted"


def level(user: Any, *, now: dt.datetime | None = None) -> str:
    if user is None:
        return NEW
    if user.role in {Role.MODERATOR, Role.ADMIN, Role.QUALITY}:
        return TRUSTED
    cfg = current_app.config
    age_days = ((now or utcnow()) - user.created_at).total_seconds() / 86400
    if user.approved_posts >= int(cfg["TRUST_TRUSTED_POSTS"]) and age_days >= int(cfg["TRUST_TRUSTED_DAYS"]):
        return TRUSTED
    hold = int(cfg["NEW_MEMBER_HOLD_POSTS"])
    if (hold > 0 and user.approved_posts < hold) or age_days < int(cfg["TRUST_MEMBER_DAYS"]):
        return NEW
    return MEMBER


def report_weight(reporter: Any) -> int:
    return 2 if level(reporter) == TRUSTED else 1
