"""Themes of care feedback (multi-label) from a lexicon a quality team can extend.
Terms match whole words; a trailing * matches any ending ("wait*"). Pure code."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

THEMES: dict[str, str] = {
    "staff_attitude": "Staff attitude",
    "communication": "Communication",
    "waiting_access": "Waiting and access",
    "appointments_referrals": "Appointments and referrals",
    "medication": "Medication and side effects",
    "treatment_outcome": "Treatment outcome",
    "cost_billing": "Cost and billing",
    "facilities": "Facilities and cleanliness",
    "privacy_dignity": "Privacy and dignity",
    "discharge_followup": "Discharge and follow-up",
    "mental_health_support": "Mental health support",
}

DEFAULT_LEXICON: dict[str, list[str]] = {
    "staff_attitude": ["rude", "kind*", "friendly", "caring", "compassion*", "patronis*", "condescending", "dismissive", "dismissed",
                       "attitude", "polite", "impolite", "respectful", "judg*", "gentle", "nice", "lovely", "unprofessional", "professional",
                       "helpful", "unhelpful", "put me at ease", "treated me like"],
    "communication": ["explain*", "listen*", "told", "inform*", "letter*", "call back", "callback", "rang", "phone*", "answer*",
                      "communicat*", "understood", "confus*", "questions", "heard", "talked over", "update*", "nobody told"],
    "waiting_access": ["wait*", "queue*", "delay*", "late", "hours", "weeks", "months", "walk-in", "get through", "access",
                       "booking line", "on hold", "still waiting", "trolley", "corridor"],
    "appointments_referrals": ["appointment*", "referr*", "refer", "booking", "book", "rebook*", "cancel*", "reschedul*", "consultation",
                               "review", "specialist", "clinic", "slot*"],
    "medication": ["medic*", "tablet*", "pill*", "prescri*", "dose*", "insulin", "inhaler*", "side effect*", "pharmac*", "drug*",
                   "antibiotic*", "painkiller*", "penicillin", "statin*", "metformin", "injection*", "allerg*"],
    "treatment_outcome": ["better", "worse", "recover*", "helped", "improv*", "outcome", "diagnos*", "misdiagnos*", "cured",
                          "walking again", "operation", "surgery", "treatment", "saved my life"],
    "cost_billing": ["cost*", "bill*", "charg*", "pay*", "price*", "expensive", "insurance", "fee*", "£*", "$*", "exempt"],
    "facilities": ["clean*", "dirty", "filthy", "toilet*", "ward", "parking", "car park", "bed", "beds", "bedding", "bedsheets", "food", "noisy", "spotless",
                   "building", "waiting room", "bins", "hygiene"],
    "privacy_dignity": ["privacy", "dignity", "private", "confidential*", "curtain*", "overheard", "in front of", "humiliat*",
                        "embarrass*", "discussed my", "wet bed", "respect*"],
    "discharge_followup": ["discharg*", "follow-up", "follow up", "followup", "sent home", "went home", "home too", "aftercare",
                           "check on me", "rang me after", "back in within", "no follow"],
    "mental_health_support": ["mental health", "therap*", "counsel*", "psycholog*", "psychiatr*", "crisis", "anxiety", "depression",
                              "panic", "talking therap*", "cbt", "low mood", "lifeline"],
}


def _term_pattern(term: str) -> str:
    term = term.strip().casefold()
    wildcard = term.endswith("*")
    core = re.escape(term.rstrip("*")).replace(r"\ ", r"\s+")
    lead = r"(?<!\w)" if term[:1].isalnum() else ""
    return lead + core + (r"\w*" if wildcard else r"(?!\w)")


class ThemeTagger:
    """Compiles the lexicon (plus a quality team's extra terms) once; `tag` is then cheap."""

    def __init__(self, extra: Mapping[str, Iterable[str]] | None = None):
        self.patterns: list[tuple[str, re.Pattern[str]]] = []
        for slug in THEMES:
            terms = list(DEFAULT_LEXICON.get(slug, [])) + [t for t in (extra or {}).get(slug, []) if t.strip()]
            body = "|".join(_term_pattern(t) for t in terms)
            if all(t.strip()[:1].isalnum() or t.strip()[:1] in "£$€" for t in terms):
                # Every term opens at a word start (or a currency sign): let the engine skip the
                # other positions instead of trying every term at each character (about 3x faster).
                body = rf"(?<!\w)(?=[\w£$€])(?:{body})"
            self.patterns.append((slug, re.compile(body, re.I)))

    def tag(self, text: str) -> list[str]:
        return [slug for slug, rx in self.patterns if rx.search(text)]


_default = ThemeTagger()


def tag_themes(text: str, extra: Mapping[str, Iterable[str]] | None = None) -> list[str]:
    return (ThemeTagger(extra) if extra else _default).tag(text)
