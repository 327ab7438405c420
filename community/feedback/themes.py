"""Themes of care feedback (multi-label) from a lexicon a quality team can extend. Pure code.

Terms match whole words or phrases, never inside a word. A trailing * stands for the usual
English endings only (-s, -ed, -ing, -ment, -ation, -y, ...), not for any letters: "fee*" is
fee or fees, never "feel". A term written "re:..." is a regular expression (for patterns such
as "£12" or "paid for parking"). Each theme also lists phrases in which its words mean
something else ("charge nurse", "kind of", "paying for it" after a good day): a match inside
such a phrase does not count."""
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

_N = r"(?:\d+|a few|few|several|many|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty)"

DEFAULT_LEXICON: dict[str, list[str]] = {
    "staff_attitude": ["rude*", "kind", "kindly", "kindness", "unkind", "friendly", "unfriendly", "caring", "uncaring", "compassion*",
                       "patronis*", "condescending", "dismissive", "dismissed", "attitude", "polite", "impolite", "respectful",
                       "disrespectful", "laughed at", "feel stupid", "judgemental", "judgmental", "judged", "gentle", "nice", "lovely", "unprofessional",
                       "professional", "helpful", "unhelpful", "put me at ease", "treated me like", "curt", "manner",
                       r"re:short with (?:me|us|him|her|them)", r"re:(?:went|goes|go) out of (?:her|his|their|the) way", r"re:(?:so )?patient with (?:me|us|him|her|them|my \w+)",
                       r"re:(?:feel|felt|made me feel) like a (?:nuisance|burden|number)",
                       r"re:treated (?:\w+ ){0,2}with respect"],
    "communication": ["explain*", "explanation*", "listen*", "told", "inform*", "letter*", "call back", "callback", "answer*", "communicat*", "understood", "confus*", "questions", "talked over", "updated", "phoned", "reminder*", "nobody told", "no one told", "instructions",
                      r"re:(?:bothered|bother) to (?:tell|explain|ring|call|let)"],
    "waiting_access": ["wait*", "queue*", "delay*", "walk-in", "get through", "on hold", "same-day",
                       "waiting list", "on time", "seen on time"],
    "appointments_referrals": ["appointment*", "referr*", "refer", "booking", "book", "rebook*", "cancelled", "canceled",
                               "cancellation*", "cancelling", "canceling", "reschedul*", "consultation*", "specialist", "slot*", "postponed"],
    "medication": ["medication*", "medicine*", "tablet*", "pill*", "prescription*", "prescribed", "dose*", "insulin", "inhaler*",
                   "side effect*", "pharmac*", "drug*", "antibiotic*", "painkiller*", "penicillin", "statin*", "metformin",
                   "injection*", "allerg*", "repeat prescription*"],
    "treatment_outcome": [r"re:(?:feel|feeling|felt|getting|got|much|far|a lot|so much) (?:\w+ )?better",
                          r"re:(?:worse than|more pain than|got worse|getting worse|are worse|made (?:\w+ ){0,2}worse)", "recover*", "improv*", "outcome",
                          "diagnos*", "diagnosis", "diagnoses", "misdiagnos*", "misdiagnosis", "cured", "walking again", r"re:(?:after|since) (?:my |the |his |her |their |an? )?(?:knee |hip |heart )?(?:operation|surgery)",
                          r"re:(?:operation|surgery) (?:went|worked|was a success|has (?:helped|worked|fixed|changed|made|given)|helped)", r"re:(?:had|needed|needing) (?:an? |my )?(?:second )?(?:operation|surgery)",
                          "treatment", "saved my life",
                          r"re:(?:stopped|is not|isn[’']?t|wasn[’']?t|was not|not) working",
                          "under control",
                          ],
    "cost_billing": ["cost", "costs", "costly", "bill", "bills", "billed", "billing", "charge", "charges", "charged",
                     "expensive", "insurance", "fee", "fees", "price", "prices", "priced", "exempt*", "money",
                     "prepayment", r"re:[£$€]\s?\d", r"re:(?:had to|have to|asked to|made to) pay", r"re:paid for (?!it\b)",
                     r"re:pay for (?!it\b)", r"re:pay (?:privately|out of pocket)", "free of charge"],
    "facilities": ["clean", "cleaned", "cleaning", "cleanliness", "dirty", "filthy", "toilet*", "bathroom*", "parking",
                   "car park", "beds", "bedding", "bedsheets", "food", "noisy", "spotless", "building", "waiting room", "bins",
                   "hygiene", "rooms"],
    "privacy_dignity": ["privacy", "dignity", "private", "confidential*", "curtain*", "overheard", "in front of", "humiliat*",
                        "embarrass*", "closed the door", "discussed my", "wet bed", "respect", "respected", "notes were left",
                        ],
    "discharge_followup": ["discharg*", "follow-up", "follow up", "followup", "sent home", "sent him home", "sent her home",
                           "went home", "home too", "aftercare", "check on me", "rang me after",
                           "back in within", "no follow", "visited me at home",
                           "follow-up call"],
    "mental_health_support": ["mental health", "therap*", "counsel*", "counselling", "counsellor*", "psycholog*", "psychiatr*",
                              "crisis", "anxiety", "depression", "panic", "talking therap*", "cbt", "low mood", "lifeline"],
}

# Phrases in which a theme's words mean something else; a match inside one is ignored.
NOT_IN: dict[str, list[str]] = {
    "staff_attitude": [r"kind of", r"(?:this|that|any|some|what|the same|which) kinds?", r"health ?care professionals?",
                       r"medical professionals?", r"professional (?:advice|opinion|help)", r"nice to (?:know|have)",
                       r"(?:a |made a |makes a |was a )?(?:nice|lovely|welcome) change",
                       r"(?:would|it'd|it would|will|might|could) (?:be|have been) (?:\w+ )?(?:helpful|nice|lovely)",
                       r"(?:helpful|nice|lovely) (?:idea|touch)", r"[a-z]+-friendly"],
    "cost_billing": [r"charge nurse", r"nurse in charge", r"in charge", r"charger", r"paying for it", r"pay(?:ing)? attention",
                     r"billion", r"bill of health"],
    "communication": [r"told (?:me|us) to wait", r"(?:got|gets|get|getting|became|becomes) (?:a bit |very |easily |so )?confused",
                      r"answer(?:ed|ing|s)? (?:the |my |our |call |his |her )*bells?",
                      r"(?:big |red |bold |capital |large )+letters", r"letters? from (?:my|an?|the|our) (?:mp|solicitor|lawyer|employer|school)"],
    "waiting_access": [r"weight\w*", r"wait(?:ing)? room", r"waiting area", r"wait(?:ing)? (?:to see|and see) (?:if|whether|how|what)",
                       r"(?:two|2)[- ]week[- ]wait", r"wait (?:outside|here|there|in the car)"],
    "appointments_referrals": [r"book(?:s)? (?:about|on|by)", r"facebook",
                               r"(?:play|nurse|clinical nurse) specialists?", r"specialist (?:nurse|midwife|physio\w*)s?"],
    "medication": [r"prescriptions? (?:charges?|prepayment|costs?|fees?|exemptions?)", r"(?:free|paid for|pay for) (?:my |our |the )?prescriptions?",
                   r"prescriptions? (?:are|is|were|was) free"],
    "privacy_dignity": [r"private(?:ly)? (?:\w+ )?(?:clinic|hospital|patient|physio\w*|consultation|ultrasound|scan|healthcare|care|insurance|sector|practice|dentist|treatment|provider|gp)s?",
                        r"curtain rails?", r"treated (?:\w+ ){0,2}with respect"],
    "discharge_followup": [r"discharged (?:back )?to (?:my |the |their |his |her )?gp", r"discharged for not attending"],
    "treatment_outcome": [r"better communication", r"could (?:have been|be|[’']?ve been) (?:a lot |much |far |so much |a bit |a little )?better",
                          r"better (?:organi[sz]ed|staffed)", r"(?:urgent )?treatment (?:cent(?:re|er)|room)s?",
                          r"(?:a lot|much|far|so much) better than (?:the|my|our|any|last|other|previous|a|an) (?:last |other |previous |old )?(?:place|one|hospital|practice|surgery|clinic|gp|ward|time|visit)",
                          r"(?:surgery|service|practice|clinic|hospital|ward|system|reception|booking|communication|care|food|menu|parking|signage|things) (?:has |have |had )?(?:really |much |greatly |a lot |vastly )?improved"],
    "mental_health_support": [r"crisis (?:in|of) (?:the )?nhs",
                              r"(?:occupational|speech and language|speech|language|physical|respiratory|radiation|sports|hand) therap(?:ist|ists|y|ies)"],
    "facilities": [r"floor (?:level|\d)", r"on the \w+ floor", r"(?:with|without|after|before) food", r"no beds?", r"moved beds",
                   r"(?:shortage|lack) of beds", r"(?:kept|keep|keeps|keeping) (?:her|him|them|me|us) clean", r"clean clothes",
                   r"(?:need|needed|needing|go to|get to|take (?:her|him|me|them) to|help (?:her|him|me|them) to) the toilet",
                   r"toilet seats?", r"around (?:the )?toilets"],
}

# Terms that often appear in passing ("at my appointment the nurse was rude"): they put their
# theme on a text only when no other theme's term is found in it.
WEAK: dict[str, list[str]] = {
    "appointments_referrals": ["appointment*", "specialist"],
    "facilities": ["parking", "car park", "waiting room"],
    "communication": ["told", "call back", "callback", "explanation*", "letter*"],
    "discharge_followup": ["sent home", "went home"],
    "treatment_outcome": ["treatment", "diagnos*", "diagnosis", "diagnoses", r"re:(?:after|since) (?:my |the |his |her |their |an? )?(?:knee |hip |heart )?(?:operation|surgery)"],
}

_ENDINGS = (r"(?:s|es|ed|d|ing|ings|er|ers|ly|ness|ment|ments|ation|ations|ion|ions|ive|ively|al|ally|ic|ics|ical|ist|ists"
            r"|y|ies|ied|e|ity|ful|fully|ling|led|lor|lors|ance|ant|ants)?")


def _term_pattern(term: str) -> str:
    term = term.strip()
    if term.startswith("re:"):
        return rf"(?<!\w)(?:{term[3:]})"
    term = term.casefold()
    wildcard = term.endswith("*")
    core = re.escape(term.rstrip("*")).replace(r"\ ", r"\s+")
    lead = r"(?<!\w)" if term[:1].isalnum() else ""
    return lead + core + (_ENDINGS if wildcard else "") + r"(?!\w)"


def _alternation(terms: Iterable[str]) -> re.Pattern[str] | None:
    body = "|".join(_term_pattern(t) for t in terms if t.strip())
    return re.compile(body, re.I) if body else None


class ThemeTagger:
    """Compiles the lexicon (plus a quality team's extra terms) once; `tag` is then cheap."""

    def __init__(self, extra: Mapping[str, Iterable[str]] | None = None):
        self.patterns: list[tuple[str, re.Pattern[str]]] = []
        self.weak: list[tuple[str, re.Pattern[str]]] = []
        self.not_in: dict[str, re.Pattern[str]] = {}
        for slug in THEMES:
            weak = set(WEAK.get(slug, []))
            terms = [t for t in DEFAULT_LEXICON.get(slug, []) if t not in weak] + [t for t in (extra or {}).get(slug, []) if t.strip()]
            rx = _alternation(terms)
            if rx is not None:
                self.patterns.append((slug, rx))
            weak_rx = _alternation(weak)
            if weak_rx is not None:
                self.weak.append((slug, weak_rx))
            if slug in NOT_IN:
                self.not_in[slug] = re.compile("|".join(rf"(?<!\w)(?:{p})(?!\w)" for p in NOT_IN[slug]), re.I)

    def _found(self, slug: str, rx: re.Pattern[str], text: str) -> bool:
        excluded = self.not_in.get(slug)
        spans = [m.span() for m in excluded.finditer(text)] if excluded else []
        for m in rx.finditer(text):
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                return True
        return False

    def _matches(self, text: str) -> list[tuple[str, re.Pattern[str]]]:
        strong = [(slug, rx) for slug, rx in self.patterns if self._found(slug, rx, text)]
        if strong:
            return strong
        return [(slug, rx) for slug, rx in self.weak if self._found(slug, rx, text)]

    def tag(self, text: str) -> list[str]:
        found = {slug for slug, _ in self._matches(text or "")}
        return [slug for slug in THEMES if slug in found]

    def spans(self, text: str) -> dict[str, list[str]]:
        """The words that put each theme on a text, shown to quality staff next to the item."""
        out: dict[str, list[str]] = {}
        for slug, rx in self._matches(text or ""):
            out.setdefault(slug, [])
            out[slug] = sorted(set(out[slug]) | {m.group(0).lower() for m in rx.finditer(text)})
        return out


_default = ThemeTagger()


def tag_themes(text: str, extra: Mapping[str, Iterable[str]] | None = None) -> list[str]:
    return (ThemeTagger(extra) if extra else _default).tag(text)
