"""Username rules: length, allowed characters, reserved names and look-alike collisions.

Pure functions (no Flask). `skeleton` folds letter case, accents and common look-alike
letters (Cyrillic/Greek homoglyphs, digits used as letters) so that `Admin`, `аdmin`
(Cyrillic a) and `adm1n` all share one key."""
from __future__ import annotations

import re
import unicodedata

MIN_LEN = 3
MAX_LEN = 24
ALLOWED = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?$")

RESERVED = {
    "admin", "administrator", "moderator", "mod", "support", "help", "harbor", "staff", "system",
    "root", "official", "security", "team", "clinician", "doctor", "nurse", "verified", "api",
    "about", "login", "logout", "register", "settings", "null", "undefined", "former-member",
    "formermember", "quality", "verifier", "anonymous",
}

# Letters that are routinely used to impersonate latin ones.
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
        "ѕ": "s", "һ": "h", "ԁ": "d", "ɡ": "g", "ո": "n", "к": "k", "м": "m", "т": "t", "в": "b",
        "н": "h", "α": "a", "ο": "o", "ρ": "p", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "τ": "t",
        "υ": "u", "χ": "x", "β": "b", "ı": "i", "ℓ": "l",
        "0": "o", "1": "l", "!": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a",
        "$": "s", "|": "l", "i": "l",
    }
)


def skeleton(name: str) -> str:
    """The look-alike key of a name: equal keys mean the names can be mistaken for each other."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.casefold().translate(_CONFUSABLES)
    s = s.replace("rn", "m").replace("vv", "w")
    return re.sub(r"[\s_.\-]+", "", s)


def username_problem(name: str) -> str | None:
    """Why a username cannot be used (reserved or malformed), or None when its shape is fine."""
    if not (MIN_LEN <= len(name) <= MAX_LEN):
        return f"Usernames are {MIN_LEN} to {MAX_LEN} characters long."
    if not ALLOWED.match(name):
        return "Use letters A–Z, digits and . _ - only, starting and ending with a letter or digit."
    key = skeleton(name)
    if key in {skeleton(r) for r in RESERVED}:
        return "That name is reserved. Please choose another."
    return None
