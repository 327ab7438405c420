"""Denials of an act: "not going to take all my pills tonight, promise", "i won't be taking the
lot", "I'm not planning to jump". The co-occurrence rules (a means near a time) would read
those as a plan; crisis.py cancels any match of a rule with the "neg" guard that overlaps a
denied act, keeps the model off it, and does not let its "tonight" upgrade a possible crisis.

A denied act: a negation ("not", "never", "won't", "no"), then at most four words of "going
to", "planning to", "be", "want to"..., then an act (take, swallow, jump, overdose, do, end,
hurt...) with its object close after ("all", "the lot", "them", "it", "anything", "myself",
"off"). It runs from the negation to the end of its clause. Not a denial: "can't take it"
(cannot bear), a negation in an earlier clause ("i'm not going to wait any more, taking all
my pills tonight"), "not going to take my insulin" or "my meds" with no "all" (stopping a
treatment is its own rule), and
a postponement or condition in the same sentence ("not tonight, i'll wait till friday",
"unless the scan is bad")."""
from __future__ import annotations

from .crisis_rules import CONCEPT_STEMS, compile_pattern
from .crisis_text import CLAUSE, SENT, Doc, stem


def _stems(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


_NEG = _stems("not never no nobody")
_CAN = _stems("can could")     # "can't take it": cannot bear, not a denial
_FILL = _stems("go going to be plan planning want intend ever even ever am will gonna tonight today tomorrow "
               "actually really about try do on intention of desire any")
_ACT = _stems("take swallow jump use overdose do hurt harm cut kill end hang drive crash step walk throw drink inject od "
              "finish")
_BARE = _stems("jump overdose od")   # an act that needs no object
_OBJ = (_stems("them it anything something that myself off into onto front lot all whole every everything any "
               "overdose rest half box bottle pack packet stash")
        | {w for c in ("QUANT2", "QUANT", "MEANSX", "OBJ", "PILLS", "DRUG", "DRUG2") for w in CONCEPT_STEMS[c] if " " not in w})
_OBJ -= {w for c in ("TREAT", "TREAT2") for w in CONCEPT_STEMS[c]}   # "not taking my meds": stopping, not denying
_LATER = compile_pattern("instead|until|till|unless|yet|wait|first")
_BUT_LATER = compile_pattern("but ~3 tomorrow|soon|later|i_will|i_be_go|next|weekend|friday|saturday|sunday|monday")


def denied(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges (negation .. end of its clause) of denied acts."""
    st = doc.stems
    out: list[tuple[int, int]] = []
    n = len(st)
    for k, w in enumerate(st):
        if w not in _NEG or (k and st[k - 1] in _CAN) or (k > 1 and st[k - 1] == "not" and st[k - 2] in _CAN):
            continue
        a = k + 1
        while a < n and a <= k + 5 and st[a] in _FILL and st[a] not in _ACT:
            a += 1
        if a >= n or st[a] not in _ACT:
            if not (a < n and st[a] == "do" and a + 1 < n and st[a + 1] in _OBJ):
                continue
        objs = st[a + 1:a + 5]
        if st[a] not in _BARE and not any(o in _OBJ for o in _until_break(objs)):
            continue
        e = a
        while e + 1 < n and st[e + 1] not in (SENT, CLAUSE):
            e += 1
        s_end = e
        while s_end + 1 < n and st[s_end] != SENT:
            s_end += 1
        rest = " " + " ".join(st[k:s_end + 1]) + " "
        if _LATER.search(rest) or _BUT_LATER.search(rest):
            continue
        out.append((k, e))
    return out


def _until_break(tokens: list[str]) -> list[str]:
    out = []
    for t in tokens:
        if t in (SENT, CLAUSE):
            break
        out.append(t)
    return out
