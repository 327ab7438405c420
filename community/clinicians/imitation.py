"""Pure rules that stop members imitating clinicians: a name may not claim a title or
credential (Dr, Doctor, MD, RN, nurse, verified, ...) in any case, spacing, punctuation or
look-alike letters."""
from __future__ import annotations

import re
import unicodedata

from ..auth.usernames import _CONFUSABLES

TITLES = (
    "dr", "doctor", "doc", "md", "do", "rn", "np", "pa", "nurse", "pharmacist", "pharmd",
    "clinician", "verified", "official", "physician", "surgeon", "consultant", "gp", "mbbs",
    "phd", "prof", "professor", "dietitian", "psychologist", "physio", "physiotherapist",
)
# Words that claim to speak for Harbor: allowed only in staff accounts' names.
STAFF_WORDS = ("moderator", "admin", "administrator", "staff", "harborteam")
# Short titles only count as a whole token; longer ones also inside a joined-up name.
_SHORT = {t for t in TITLES if len(t) <= 3}
_LONG = [t for t in TITLES if len(t) > 3]


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.casefold().translate(_CONFUSABLES).replace("l", "i")


def claims_credential(name: str, *, staff: bool = False) -> bool:
    """Whether `name` claims a clinical title or credential (or, unless `staff`, a staff role)."""
    folded = _fold(name)
    # Tokens split on anything that is not a letter, and with camel-case boundaries.
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    tokens = [t for t in re.split(r"[^a-z]+", _fold(spaced)) if t]
    short = {_fold(t) for t in _SHORT}
    if any(t in short for t in tokens):
        return True
    # "D.r. Smith", "d r smith": single letters joined up again.
    joined_singles = "".join(t if len(t) == 1 else " " for t in tokens).split()
    if any(j in short for j in joined_singles):
        return True
    squashed = re.sub(r"[^a-z]", "", folded)
    words = _LONG if staff else [*_LONG, *STAFF_WORDS]
    return any(_fold(t) in squashed for t in words)
