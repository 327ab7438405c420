"""De-identification for the quality export (pure: no Flask, no database).

- `scrub_identifiers(text)`: the screening's identifier findings (phones, emails, dates,
  addresses, names, record numbers, URLs) replaced by their tags. Run when a text is tagged
  and stored as `clean_text`, because it is the slow step (tens of microseconds a text).
- `MemberNames`: members' usernames and display names replaced by [MEMBER]. Built once per
  export from the member list (which changes, so this runs at export time): one trie-shaped
  regular expression, whole words, any letter case, with a set look-up in front so texts that
  mention no member cost one split. Names shorter than three letters and ordinary words
  ("Hope", "Nurse", "Walker") are left out: replacing every "hope" would damage the text far
  more than it protects anyone, and such names identify nobody on their own.
- `Pseudonyms`: `author_key` and `record_id` are HMAC-SHA256 under a random key made for
  one export and then forgotten: stable within the export, unlinkable across exports.
- `neutralise`: spreadsheet formula injection guard.
- `date_bucket`: created_on at month (default), day or year precision.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Iterable

from ..moderation.screening import redact

MEMBER_TAG = "[MEMBER]"
MIN_NAME_LENGTH = 3
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PRECISIONS = ("day", "month", "year")

# Ordinary words a member might use as a name: never replaced (see the module docstring).
COMMON_WORDS = frozenset("""
a about after again all also always am an and any anyone are as ask at away back bad be because been before being best
better big both but by call came can care clinic could day days did do doctor does doing done down each even every
feel felt few find first for from gave get give go going good got great had has have he health heart help her here him
his hope how i if in into is it its just keep kind know last left life like little long look lost love made make many
may me member mine more most much must my name need never new next nice night no none not now nurse of off often ok
okay old on once one only or other our out over own pain patient people phone please post quite rather really right
said same say see she should since so some soon still such sure take tell than thank thanks that the their them then
there these they thing think this those though time to today told too took try under up us use used very wait walk
walker want was way we well went were what when where which while who why will with without work would yes yet you
your admin moderator quality team harbor sunny grace faith joy happy calm steady brave rose lily ivy dawn summer
autumn winter spring star sky rain river stone hill wood field frank mark will bill pat sue rob jack
email url date address id tag
""".split())

_WORD = re.compile(r"\w+")


def scrub_identifiers(text: str) -> str:
    """The text with every identifier the screening finds replaced by its tag."""
    return redact(text)


def _usable(name: str) -> bool:
    words = _WORD.findall(name)
    if not words or len(name.replace(" ", "")) < MIN_NAME_LENGTH:
        return False
    return not (len(words) == 1 and words[0] in COMMON_WORDS)


def _escape(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


def _trie_pattern(words: Iterable[str]) -> str:
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        branches = [_escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{inner})?" if "" in node else inner

    return emit(root)


def _normalise(name: str) -> str:
    return " ".join(name.lower().split())


class MemberNames:
    """Replaces members' usernames and display names with [MEMBER] (whole words, any case)."""

    def __init__(self, names: Iterable[str | None]):
        keep: set[str] = set()
        for raw in names:
            if not raw:
                continue
            name = _normalise(raw)
            variants = {name, name.replace("_", " ")} if "_" in name else {name}
            keep.update(v for v in variants if _usable(v))
        self.names = frozenset(keep)
        # The first word of every name: a text sharing none of them cannot mention anyone.
        self._first = frozenset(_WORD.findall(n)[0] for n in keep)
        pattern = _trie_pattern(sorted(keep))
        self._rx = re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)", re.IGNORECASE) if keep else None

    def __call__(self, text: str) -> str:
        if self._rx is None or self._first.isdisjoint(_WORD.findall(text.lower())):
            return text
        return self._rx.sub(MEMBER_TAG, text)


class Pseudonyms:
    """Keyed pseudonyms for one export. The key is random and never stored, so nobody (not
    even Harbor) can link two exports' author keys or record ids afterwards."""

    def __init__(self, key: bytes | None = None):
        self._key = key or secrets.token_bytes(32)
        self._authors: dict[int, str] = {}

    def _mac(self, message: str, length: int) -> str:
        return hmac.new(self._key, message.encode(), hashlib.sha256).hexdigest()[:length]

    def author(self, author_id: int | None) -> str:
        if author_id is None:
            return ""   # the account was deleted: no author to key
        key = self._authors.get(author_id)
        if key is None:
            key = self._authors[author_id] = self._mac(f"author:{author_id}", 16)
        return key

    def record(self, source: str, record_id: int) -> str:
        return self._mac(f"{source}:{record_id}", 20)


def neutralise(value: str) -> str:
    """Prefix a cell that a spreadsheet would read as a formula with a single quote."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def date_bucket(precision: str) -> Callable[[dt.datetime], str]:
    """created_on formatter: "month" → YYYY-MM, "day" → YYYY-MM-DD, "year" → YYYY."""
    if precision == "day":
        return lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if precision == "year":
        return lambda d: f"{d.year:04d}"
    if precision == "month":
        return lambda d: f"{d.year:04d}-{d.month:02d}"
    raise ValueError(f"EXPORT_DATE_PRECISION must be one of {', '.join(PRECISIONS)}, not {precision!r}")
