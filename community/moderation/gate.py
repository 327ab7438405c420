"""The moderation gate every piece of member content passes before it is stored.

`review` screens the text (personal identifiers, crisis language, watched words) and applies
the trust rules (new members' first posts and links are held), and returns a `Verdict`: the
status to store, the warnings for the author, and the reasons to queue it. It raises
`Refused` for content that must never be posted. `enqueue` then files the queue item in the
caller's transaction once the content has an id."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask import current_app

from .. import events, permissions
from ..auth.models import Role
from ..cache import Cache
from ..content import Status
from ..errors import Refused
from ..extensions import db
from ..education.sourcelists import flagged_domains
from ..education.sources import flagged_links
from . import trust
from .notice import held_sentence
from .models import ItemState, QueueItem, WatchedWord
from .screening import WatchedWord as ScreenWord, compile_watchlist, find_watched, screen
from .screening import censor as mask

URGENT = 100
PRIORITY = {"crisis": URGENT, "report.self_harm": 90, "phi": 60, "hidden_by_reports": 55, "report": 50, "possible_crisis": 45,
            "misinformation_source": 45, "watched_word": 40, "appeal": 35, "flag": 30, "new_member_link": 20, "new_member": 10}
MISINFORMATION_REASON = "Source known for health misinformation"
_LINK = re.compile(r"https?://|www\.|\]\(", re.I)


@dataclass
class Verdict:
    status: Status
    warnings: list[dict[str, Any]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)   # why it goes to the queue
    findings: list[dict[str, Any]] = field(default_factory=list)
    crisis: bool = False
    possible_crisis: bool = False   # gentle help and a normal-priority queue item, no alert
    censor: bool = False

    @property
    def held(self) -> bool:
        return self.status == Status.PENDING

    @property
    def priority(self) -> int:
        return max((PRIORITY.get(r, 0) for r in self.reasons), default=0)


_cache = Cache("moderation.watchlist", max_items=8)


WATCHLIST_RECHECK_SECONDS = 1.0


def watchlist() -> Any:
    """The compiled watchlist, rebuilt only when the watched words change. A change made in
    this process shows at once (invalidate_watchlist); one made by another server process
    within WATCHLIST_RECHECK_SECONDS (the database is asked at most once a second)."""
    now = time.monotonic()
    generation = _cache.get("generation", 0)
    if _cache.get("checked_generation") == generation and now - _cache.get("checked_at", -1e9) < WATCHLIST_RECHECK_SECONDS \
            and _cache.get("watchlist") is not None:
        return _cache.get("watchlist")
    key = db.session.execute(sa.select(sa.func.count(WatchedWord.id), sa.func.max(WatchedWord.id))).one()
    _cache.put("checked_at", now)
    _cache.put("checked_generation", generation)
    stamp = (key[0], key[1], generation)
    if _cache.get("key") != stamp:
        rows = db.session.execute(sa.select(WatchedWord.word, WatchedWord.action)).all()
        _cache.put("watchlist", compile_watchlist([ScreenWord(w, str(a)) for w, a in rows]))
        _cache.put("key", stamp)
    return _cache.get("watchlist")


def invalidate_watchlist() -> None:
    _cache.put("generation", _cache.get("generation", 0) + 1)


def crisis_resources(*, locale: str | None = None) -> list[dict[str, Any]]:
    from .help import resources

    return resources(locale=locale)


def crisis_warning(code: str, finding: Any = None, *, locale: str | None = None, condition: Any = None) -> dict[str, Any]:
    """The `crisis` / `possible_crisis` warning: the message and the help to show at once."""
    from ..forums.models import Condition
    from .help import crisis_help

    if isinstance(condition, int):   # an id: loaded only when there is help to show
        condition = db.session.get(Condition, condition)
    found = crisis_help(code, locale=locale, condition=condition)
    warning: dict[str, Any] = {"code": code, "message": finding.message if finding is not None else found["body"],
                               "resources": found["resources"]}
    if finding is not None:
        warning["span"] = [finding.start, finding.end]
    if found["condition_help"]:
        warning["condition_help"] = found["condition_help"]
    return warning


def _finding_dict(f: Any) -> dict[str, Any]:
    return {"code": f.code, "start": f.start, "end": f.end, "message": f.message,
            **({"action": f.action} if f.action else {}), **({"detail": f.detail} if f.detail else {})}


def review(*, actor: Any, text: str, kind: str, condition: Any = None, locale: str | None = None) -> Verdict:
    """Decide what happens to `text` written by `actor`. Raises Refused for blocked words.
    `condition` and `locale` choose the crisis help shown (help.py)."""
    result = screen(text, watchlist=watchlist())
    if result.blocked:
        words = sorted({f.detail or text[f.start:f.end] for f in result.watched if f.action == "block"})
        raise Refused(
            "This can't be posted: it contains " + ", ".join(f"“{w}”" for w in words)
            + ", which this community does not allow.",
            code="watched_word_blocked",
            extra={"words": words},
        )
    verdict = Verdict(status=Status.PUBLISHED, findings=[_finding_dict(f) for f in result.findings])
    crisis_warned = False
    for f in result.findings:
        if f.code == "watched_word" and f.action == "block":
            continue
        if f.code in ("crisis", "possible_crisis"):
            if not crisis_warned:   # one help box, however many phrases were found
                verdict.warnings.append(crisis_warning(f.code, f, locale=locale, condition=condition))
                crisis_warned = True
            continue
        verdict.warnings.append({"code": f.code, "message": f.message, "span": [f.start, f.end]})

    hold = False
    if result.phi:
        verdict.reasons.append("phi")
        hold = True
    if result.crisis:
        verdict.crisis = True
        verdict.reasons.append("crisis")
        hold = hold or bool(current_app.config["CRISIS_HOLDS_POST"])
    elif result.possible_crisis:
        verdict.possible_crisis = True
        verdict.reasons.append("possible_crisis")
    for f in result.watched:
        if f.action == "require_approval":
            hold = True
            verdict.reasons.append("watched_word")
        elif f.action == "flag":
            verdict.reasons.append("flag")
        elif f.action == "censor":
            verdict.censor = True
    flagged = flagged_links(text, flagged_domains())
    if flagged:
        hold = True
        verdict.reasons.append("misinformation_source")
        verdict.findings.append({"code": "misinformation_source", "message": MISINFORMATION_REASON, "detail": ", ".join(flagged)})
        verdict.warnings.append({"code": "misinformation_source", "domains": flagged, "message": (
            f"{', '.join(flagged)}: {MISINFORMATION_REASON.lower()}. A moderator reviews the post before it is shown.")})
    if _is_new_member(actor):
        hold = True
        verdict.reasons.append("new_member")
    elif _links_held(actor) and _LINK.search(text):
        hold = True
        verdict.reasons.append("new_member_link")
    verdict.reasons = list(dict.fromkeys(verdict.reasons))
    if hold:
        verdict.status = Status.PENDING
        verdict.warnings.append({"code": "held", "message": held_sentence(kind)})
    return verdict


def crisis_only(*, text: str, condition: Any = None, locale: str | None = None) -> Verdict:
    """Crisis screening alone, for text that is not published (care feedback): the verdict's
    warnings carry the help, its reasons queue a crisis (urgent, alerted) or a possible crisis."""
    from .screening import find_crisis

    found = find_crisis(text)
    verdict = Verdict(status=Status.PUBLISHED)
    if found:
        code = found[0].code
        verdict.warnings.append(crisis_warning(code, found[0], locale=locale, condition=condition))
        verdict.findings = [_finding_dict(f) for f in found]
        verdict.reasons.append(code)
        verdict.crisis, verdict.possible_crisis = code == "crisis", code == "possible_crisis"
    return verdict


def _exempt(actor: Any) -> bool:
    return permissions.is_moderator(actor) or actor.role == Role.QUALITY


def _is_new_member(actor: Any) -> bool:
    n = int(current_app.config["NEW_MEMBER_HOLD_POSTS"])
    return n > 0 and not _exempt(actor) and actor.approved_posts < n


def _links_held(actor: Any) -> bool:
    if _exempt(actor):
        return False
    n = int(current_app.config["NEW_MEMBER_LINK_POSTS"])
    by_posts = n > 0 and int(current_app.config["NEW_MEMBER_HOLD_POSTS"]) > 0 and actor.approved_posts < n
    return by_posts or trust.level(actor) == trust.NEW


def censor(verdict: Verdict, text: str) -> str:
    """Mask censored watched words in one stored field (title or body)."""
    if not verdict.censor:
        return text
    return mask(text, find_watched(text, watchlist()))


def enqueue(*, verdict: Verdict, actor: Any, target_type: str, target_id: int, condition_id: int | None,
            context: list[dict[str, Any]] | None = None) -> QueueItem | None:
    """File (or update) the open queue item for content the verdict says needs a look.
    Adds to the caller's transaction; emits `moderation.crisis` for crisis content."""
    if not verdict.reasons:
        return None
    item = open_item(target_type, target_id)
    new = item is None
    if item is None:
        item = QueueItem(target_type=target_type, target_id=target_id, condition_id=condition_id,
                         author_id=getattr(actor, "id", None), reasons=[], findings=[], context=context or [])
        db.session.add(item)
    item.reasons = list(dict.fromkeys([*item.reasons, *verdict.reasons]))
    item.findings = verdict.findings
    item.priority = max(item.priority or 0, verdict.priority)
    item.held = verdict.held
    db.session.flush()
    if verdict.crisis:
        events.emit("moderation.crisis", item_id=item.id, target_type=target_type, target_id=target_id)
    elif new:
        events.emit("moderation.queued", item_id=item.id)
    return item


def open_item(target_type: str, target_id: int) -> QueueItem | None:
    return db.session.scalar(
        sa.select(QueueItem).where(
            QueueItem.target_type == target_type, QueueItem.target_id == target_id,
            QueueItem.state != ItemState.RESOLVED,
        )
    )
