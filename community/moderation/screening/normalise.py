"""Folding text for matching: case, accents, look-alike letters and digits used as letters,
with a map back to positions in the original text."""
from __future__ import annotations

import unicodedata

# Look-alikes (Cyrillic, Greek, fullwidth handled by NFKD) and leetspeak, folded to latin.
# i, l, 1, | and ! all fold to "i" so that "m1racle", "mlracle" and "miracle" meet.
_FOLD = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "һ": "h", "ԁ": "d", "ɡ": "g", "к": "k", "м": "m", "т": "t", "в": "b", "н": "h", "п": "n", "г": "r",
    "α": "a", "ο": "o", "ρ": "p", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "τ": "t", "υ": "u", "χ": "x",
    "β": "b", "μ": "u", "ı": "i", "ℓ": "i", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe",
    "0": "o", "1": "i", "l": "i", "|": "i", "!": "i", "3": "e", "4": "a", "@": "a", "5": "s", "$": "s",
    "7": "t", "8": "b", "9": "g", "€": "e", "+": "t",
}


def fold_char(ch: str) -> str:
    """The folded letters of one character ('' for separators and marks)."""
    out = []
    for c in unicodedata.normalize("NFKD", ch):
        if unicodedata.combining(c):
            continue
        c = c.casefold()
        c = _FOLD.get(c, c)
        for d in c:
            if d.isalnum():
                out.append(_FOLD.get(d, d))
    return "".join(out)


def fold(text: str) -> str:
    return "".join(fold_char(ch) for ch in text)


_ASCII = str.maketrans({**{chr(c): chr(c + 32) for c in range(65, 91)}, "L": "i", "l": "i",
                        **{k: v for k, v in _FOLD.items() if len(k) == 1 and k.isascii() and not k.isalpha()}})


def letters_with_map(text: str) -> tuple[str, list[int]]:
    """`text` folded to letters and digits only, and for each kept letter its index in `text`."""
    if text.isascii():   # the common case, without a Python-level loop per character
        folded = text.translate(_ASCII)
        index = [i for i, c in enumerate(folded) if c.isalnum()]
        return "".join([folded[i] for i in index]), index
    letters: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii() and ch.isalpha():   # fast path for plain letters
            c = ch.lower()
            c = "i" if c == "l" else c
            letters.append(c)
            index.append(i)
            continue
        if ch.isspace():
            continue
        folded = fold_char(ch)
        for c in folded:
            letters.append(c)
            index.append(i)
    return "".join(letters), index


def is_word_char(ch: str) -> bool:
    return bool(fold_char(ch)) and ch not in "!|@$+"
