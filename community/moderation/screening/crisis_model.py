"""A small trained model beside the crisis rules: two logistic regressions over features of the
normalised text (crisis_text), pure Python, weights shipped in `crisis_model.json` beside this
file (trained by `scripts/train_crisis_model.py` on texts written for Harbor; never downloaded).

Features of a sentence: stems, stem bigrams, concepts of the rules (`@DRUG`, `@PLACE`, `@TIME`,
...) and unordered pairs of stems or concepts up to 4 tokens apart (a means and a time in either
order, a drug name or a number between); a stem within 3 tokens after a negation is marked
(`!die`). A text is scored by its best window of one or two sentences (and, for a short text of
up to three sentences, the whole text), so a crisis sentence buried in a long post still counts.

`any` scores crisis or possible crisis against ordinary text, `crisis` a clear crisis against
the rest; each has a threshold chosen on out-of-writer scores so the combined false alarms on the
ordinary training texts (all the writers' groups) stay within 4% (any tier) and 1.5% (crisis
tier), and a floor under which a clear crisis of the rules is lowered to possible (at most 0.3% of
the training texts' clear crises); see README, "The trained model" and "Round 11". If the weights file is missing or
unreadable, `load()` gives None and the rules work alone."""
from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .crisis_rules import CONCEPTS
from .crisis_text import CLAUSE, SENT, Doc, stem
from .pace import give_way

WEIGHTS = Path(__file__).with_name("crisis_model.json")
WINDOW = 4
_NEG = frozenset(stem(w) for w in "not never no nobody nothing without".split())
_USED = ("DRUG", "PILLS", "QUANT", "PLACE", "TIME", "THIRD", "THREFL", "SELF")
CONCEPT_OF: dict[str, str] = {}
for _name in _USED:
    for _w in CONCEPTS[_name].split():
        if "_" not in _w:
            CONCEPT_OF.setdefault(stem(_w), "@" + _name)
CONCEPT_OF.update({"#": "@NUM", "##": "@NUM"})


def sentence_features(tokens: list[str]) -> set[str]:
    """Features of one sentence's stems (clause breaks end a negation's scope)."""
    out: set[str] = set()
    words: list[str] = []
    neg = 0
    for t in tokens:
        if t == CLAUSE:
            neg = 0
            continue
        if t in _NEG:
            neg = 3
            out.add("w" + t)
            words.append(t)
            continue
        out.add(("!" if neg else "w") + t)
        neg = max(0, neg - 1)
        words.append(t)
    keys = [CONCEPT_OF.get(w, w) for w in words]
    for k in keys:
        if k[0] == "@":
            out.add("c" + k)
    for i in range(len(words)):
        if i + 1 < len(words):
            out.add("b" + words[i] + " " + words[i + 1])
        a = keys[i]
        for j in range(i + 1, min(len(words), i + 1 + WINDOW)):
            b = keys[j]
            out.add("p" + (a + "|" + b if a <= b else b + "|" + a))
    return out


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """(first, last) token of each non-empty sentence."""
    out, start = [], 0
    for k, st in enumerate(doc.stems):
        if st == SENT:
            if k > start:
                out.append((start, k - 1))
            start = k + 1
    return out


def windows(doc: Doc) -> Iterator[tuple[int, int, set[str]]]:
    """Feature sets of each sentence, then each two neighbouring sentences and (short texts) the
    whole, made as they are asked for, so a caller that stops early skips the rest."""
    sents = sentences(doc)
    feats: list[set[str]] = []
    for s, e in sents:
        feats.append(sentence_features(doc.stems[s:e + 1]))
        yield s, e, feats[-1]
    for i in range(len(sents) - 1):
        yield sents[i][0], sents[i + 1][1], feats[i] | feats[i + 1]
    if 2 < len(sents) <= 3:
        yield sents[0][0], sents[-1][1], set().union(*feats)


def overlaps(s: int, e: int, spans: list[tuple[str, int, int]]) -> bool:
    """Tokens s..e share a token with one of the (name, first, last) spans."""
    return any(s <= j and i <= e for _, i, j in spans)


def text_features(doc: Doc) -> set[str]:
    """All features of a text (what training sees)."""
    out: set[str] = set()
    for s, e in sentences(doc):
        out |= sentence_features(doc.stems[s:e + 1])
    return out


@dataclass(frozen=True)
class Model:
    any_w: dict[str, float]
    any_b: float
    any_t: float
    crisis_w: dict[str, float]
    crisis_b: float
    crisis_t: float
    floor: float = 0.0   # a rule crisis whose best crisis score is below this is lowered to possible

    def scores(self, doc: Doc, skip: list[tuple[str, int, int]] = ()) -> tuple[float, float, tuple[int, int]]:
        """Best any-crisis and clear-crisis probabilities over the windows (none that overlaps a
        span of `skip`), and the window that decided: the best clear-crisis one if it passes its
        threshold, else the best any-crisis one."""
        aw, cw = self.any_w, self.crisis_w
        best_a, best_c, at_a, at_c = 0.0, 0.0, (0, 0), (0, 0)
        for s, e, f in windows(doc):
            give_way()
            if skip and overlaps(s, e, skip):
                continue
            a = _sigmoid(_logit(aw, self.any_b, f))
            c = _sigmoid(_logit(cw, self.crisis_b, f))
            if a > best_a:
                best_a, at_a = a, (s, e)
            if c > best_c:
                best_c, at_c = c, (s, e)
        return best_a, best_c, at_c if best_c >= self.crisis_t else at_a

    def lowers(self, doc: Doc) -> bool:
        """Whether a clear crisis the rules found reads as no crisis to the model: its clear-crisis
        probability is below the floor in every window (single sentences come first, and the first
        window over the floor ends the check)."""
        if self.floor <= 0.0:
            return False
        cw, b, any_window = self.crisis_w, self.crisis_b, False
        for _, _, f in windows(doc):
            give_way()
            if _sigmoid(_logit(cw, b, f)) >= self.floor:
                return False
            any_window = True
        return any_window

    def tier(self, doc: Doc, skip: list[tuple[str, int, int]] = ()) -> tuple[str | None, tuple[int, int]]:
        """"crisis", "possible" or None, and the window (first, last token) that decided it."""
        a, c, where = self.scores(doc, skip)
        if c >= self.crisis_t:
            return "crisis", where
        if a >= self.any_t:
            return "possible", where
        return None, where


def _logit(weights: dict[str, float], bias: float, features: Iterable[str]) -> float:
    """bias + the features' weights, summed exactly (math.fsum): the same whatever order a set
    yields its features in, so a text scores the same in every process. A plain sum differed in
    the last bit from run to run (string hashes, so set order, change per process), and a tie
    between two windows, a sentence and the pair it starts, went either way."""
    return bias + math.fsum(weights.get(x, 0.0) for x in features)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


def from_dict(d: dict) -> Model:
    return Model(d["any"]["w"], d["any"]["b"], d["any"]["t"], d["crisis"]["w"], d["crisis"]["b"], d["crisis"]["t"],
                 float(d.get("floor", 0.0)))


@lru_cache(maxsize=4)
def load(path: str | None = None) -> Model | None:
    """The shipped model, or None when its file is missing or unreadable (the rules then work alone)."""
    try:
        with open(path or WEIGHTS, encoding="utf-8") as f:
            return from_dict(json.load(f))
    except (OSError, ValueError, KeyError, TypeError):
        return None
