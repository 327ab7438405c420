"""Criticality: feedback that describes harm or a safety incident, so quality teams act on it
first. Ordinary complaints (a rude receptionist, a long wait, parking) stay quiet. Pure code."""
from __future__ import annotations

import re

_RULES: list[tuple[str, str]] = [
    ("medication_error", r"\b(?:wrong|incorrect|double|someone else's|another patient's)\s+(?:\w+\s+){0,2}(?:dose|medic\w*|tablets?|drugs?|insulin|injection)\b"
                         r"|\b(?:given|gave me)\s+(?:\w+\s+){0,3}(?:despite|even though)\b[^.]{0,40}\ballerg"
                         r"|\ballerg\w*\b[^.]{0,60}\b(?:still gave|still given|gave me|given)\b"
                         r"|\bmedication error\b|\boverdosed\b|\b(?:without|no)\s+(?:my\s+)?(?:insulin|medication|medicines)\s+for\s+(?:days|weeks)"),
    ("fall", r"\b(?:fell|fall|fallen|falls)\b[^.]{0,40}\b(?:ward|hospital|bed|bathroom|toilet|care home|unsupervised|nobody)\b"
             r"|\b(?:had|suffered) a fall\b"),
    ("pain_relief_withheld", r"\bpain relief\b[^.]{0,40}\b(?:withheld|refused|denied|delayed|not given)\b"
                             r"|\b(?:withheld|refused|denied)\b[^.]{0,20}\bpain\s?(?:relief|killers?)\b|\bbegged for pain relief\b"
                             r"|\b(?:ignored|left in)\s+(?:my\s+)?pain\b[^.]{0,30}\b(?:hours|screaming|all night)\b|\bignored my pain\b"),
    ("missed_diagnosis", r"\b(?:missed|wrong|delayed)\s+diagnos\w*\b|\bmisdiagnos\w*\b|\bturned out (?:i|he|she|it) (?:had|was)\b"
                         r"|\brefused to refer\b"),
    ("unsafe_discharge", r"\bdischarged\b[^.]{0,40}\b(?:too early|too soon|at midnight|with no way|unsafe|without (?:any )?(?:support|medication|painkillers))\b"
                         r"|\bsent (?:me |him |her )?home (?:without|too early|with no)\b|\bback in (?:hospital )?within (?:a|one|two|\d+) days?\b"),
    ("neglect", r"\b(?:nobody|no one) (?:came|checked|answered the buzzer)\b|\blay in a wet bed\b|\bleft (?:in pain|on a trolley) for\b"
                r"|\bwithout (?:food|water|fluids) for\b"),
    ("infection", r"\b(?:caught|picked up|got)\s+(?:an? )?(?:infection|c\.?\s?diff|mrsa|sepsis)\b"),
    ("safeguarding", r"\b(?:abuse[d]?|assault\w*|hit me|restrained|rough(?:ly)? handled)\b"),
]
_COMPILED = [(name, re.compile(p, re.I)) for name, p in _RULES]


def critical_reasons(text: str) -> list[str]:
    return [name for name, rx in _COMPILED if rx.search(text or "")]


def is_critical(text: str) -> bool:
    return bool(critical_reasons(text))
