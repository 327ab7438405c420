"""Watched words and phrases (as in Discourse): whole words, any case, robust to simple
obfuscation — extra spaces or punctuation inside a word, accents, look-alike letters and
digits used as letters. Matching runs on a letters-only folding of the text with a map back
to the original, and a match must start and end on a word boundary of the original."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .findings import Finding
from .normalise import fold, is_word_char, letters_with_map

ACTIONS = ("block", "require_approval", "flag", "censor")
MASK = "■"


@dataclass(frozen=True)
class WatchedWord:
    word: str
    action: str


@dataclass(frozen=True)
class Watchlist:
    pattern: re.Pattern[str] | None
    actions: dict[str, tuple[str, str]]   # folded word -> (action, word as written)

    def __bool__(self) -> bool:
        return self.pattern is not None


_SEVERITY = {a: i for i, a in enumerate(reversed(ACTIONS))}   # block is the strongest


def compile_watchlist(words: Iterable[WatchedWord]) -> Watchlist:
    actions: dict[str, tuple[str, str]] = {}
    for w in words:
        key = fold(w.word)
        if not key or w.action not in ACTIONS:
            continue
        if key not in actions or _SEVERITY[w.action] > _SEVERITY[actions[key][0]]:
            actions[key] = (w.action, w.word)
    if not actions:
        return Watchlist(None, {})
    alternatives = "|".join(re.escape(k) for k in sorted(actions, key=len, reverse=True))
    return Watchlist(re.compile(f"(?=({alternatives}))"), actions)


_MESSAGES = {
    "block": "“{w}” is not allowed in this community.",
    "require_approval": "“{w}” needs a moderator's look before this can go live.",
    "flag": "“{w}” is on the moderators' watch list: they will take a look.",
    "censor": "“{w}” is masked in this community.",
}


def find_watched(text: str, watchlist: Watchlist | None) -> list[Finding]:
    if not watchlist:
        return []
    letters, index = letters_with_map(text)
    found: list[Finding] = []
    taken_until = -1
    for m in watchlist.pattern.finditer(letters):  # type: ignore[union-attr]
        key = m.group(1)
        i, j = m.start(1), m.start(1) + len(key)
        if i < taken_until:
            continue
        start, end = index[i], index[j - 1] + 1
        if start > 0 and is_word_char(text[start - 1]):
            continue
        if end < len(text) and is_word_char(text[end]):
            continue
        action, word = watchlist.actions[key]
        found.append(Finding("watched_word", start, end, _MESSAGES[action].format(w=word), action=action, detail=word))
        taken_until = j
    return found


def censor(text: str, findings: Iterable[Finding]) -> str:
    """Mask the letters of censor-action matches, keeping the text's length and spacing."""
    chars = list(text)
    for f in findings:
        if f.action == "censor":
            for k in range(f.start, f.end):
                if not chars[k].isspace():
                    chars[k] = MASK
    return "".join(chars)


STARTER_WATCHLIST: tuple[WatchedWord, ...] = (
    # Health misinformation: held for a moderator (a correction in place usually follows).
    *(WatchedWord(w, "require_approval") for w in (
        "miracle cure", "cures cancer", "cure for cancer they don't want", "stop taking your insulin",
        "stop taking your meds", "stop your chemo", "vaccines cause autism", "drink bleach", "mms protocol",
        "chlorine dioxide", "black salve", "detox cures", "reverse diabetes in days", "big pharma is hiding",
        "cancer is a fungus", "ivermectin cures", "cinnamon cures diabetes", "throw away your inhaler",
    )),
    *(WatchedWord(w, "flag") for w in ("natural cure", "cure guaranteed", "doctors hate", "one weird trick", "alkaline water cures")),
    # Promotion and spam: blocked or flagged.
    *(WatchedWord(w, "block") for w in (
        "buy now", "discount code", "promo code", "limited time offer", "work from home opportunity",
        "guaranteed weight loss", "earn money fast", "crypto investment", "forex signals", "onlyfans",
        "viagra", "payday loan", "casino bonus",
    )),
    *(WatchedWord(w, "flag") for w in ("click here", "dm me for", "whatsapp me", "telegram me", "affiliate link")),
)
