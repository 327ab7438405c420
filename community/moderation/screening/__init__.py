"""Pure screening of member text (no Flask): personal identifiers, crisis language and
watched words. Used before anything is stored (forums, chat, profiles, feedback) and to
de-identify the quality export. `screen` runs everything at once."""
from __future__ import annotations

from dataclasses import dataclass, field

from .crisis import find_crisis, tier
from .findings import Finding
from .pace import give_way, start as start_pace
from .phi import find_phi, nhs_check_digit_ok, redact
from .watched import STARTER_WATCHLIST, WatchedWord, Watchlist, censor, compile_watchlist, find_watched

__all__ = [
    "Finding", "ScreeningResult", "STARTER_WATCHLIST", "WatchedWord", "Watchlist", "censor", "compile_watchlist",
    "find_crisis", "tier", "find_phi", "find_watched", "nhs_check_digit_ok", "redact", "screen",
]


@dataclass
class ScreeningResult:
    findings: list[Finding] = field(default_factory=list)
    phi: list[Finding] = field(default_factory=list)
    crisis: bool = False              # a clear crisis
    possible_crisis: bool = False     # hopelessness, passive ideation, ambiguous
    watched: list[Finding] = field(default_factory=list)
    censored_text: str = ""

    @property
    def blocked(self) -> bool:
        return any(f.action == "block" for f in self.watched)

    @property
    def flag(self) -> bool:
        return any(f.action == "flag" for f in self.watched)

    @property
    def hold_reasons(self) -> list[str]:
        reasons = ["phi"] if self.phi else []
        if any(f.action == "require_approval" for f in self.watched):
            reasons.append("watched_word")
        return reasons


def screen(text: str, *, watchlist: Watchlist | None = None) -> ScreeningResult:
    start_pace()
    phi = find_phi(text)
    give_way()   # each part of a long text's screening lets the worker's other requests in (pace.py)
    crisis = find_crisis(text)
    give_way()
    watched = find_watched(text, watchlist)
    findings = sorted([*phi, *crisis, *watched], key=lambda f: (f.start, f.end))
    tier = crisis[0].code if crisis else None
    return ScreeningResult(findings=findings, phi=phi, crisis=tier == "crisis", possible_crisis=tier == "possible_crisis",
                           watched=watched,
                           censored_text=censor(text, watched) if watched else text)
