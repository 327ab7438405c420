"""The trained half of the sentiment tagger: a small multinomial logistic regression over words
(with negation scope and the clause after "but"), word pairs and the rule tagger's own scores.

Pure Python at run time: the weights are a compact JSON file (data/sentiment_model.json)
written by `scripts/train_sentiment.py` (stdlib only; README "Sentiment figures" says what it
was trained on). Nothing here imports Flask or the rest of Harbor: `sentiment.py` computes the
rule features and passes them in, so this module never imports it back."""
from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from pathlib import Path

LABELS = ("positive", "neutral", "negative")
MODEL_PATH = Path(__file__).parent / "data" / "sentiment_model.json"

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[.,;:!?]")
_NEGATORS = frozenset({"not", "no", "never", "nobody", "nothing", "none", "nor", "cannot", "without", "hardly", "barely",
                       "neither", "nowhere", "noone"})
_CONTRAST = frozenset({"but", "however", "although", "though", "yet", "unfortunately", "sadly", "except"})
_STOP = frozenset({"the", "a", "an", "and", "to", "of", "i", "my", "it", "was", "is", "in", "for", "on", "me", "that", "with",
                   "at", "this", "had", "have", "be", "as", "so", "we", "they", "he", "she", "you", "her", "his", "our",
                   "am", "are", "were", "been", "by", "from", "or", "their", "them", "its", "there", "us", "do", "did"})


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'"))


def features(text: str, rules: Mapping[str, float]) -> dict[str, float]:
    """Sparse features of one text. `rules`: the rule tagger's numbers (name -> value), given
    by the caller (sentiment.py), each becoming feature "r:NAME"."""
    out: dict[str, float] = {f"r:{k}": float(v) for k, v in rules.items()}
    toks = _tokens(text)
    negated, after_turn, prev = False, False, ""
    words = 0
    for tok in toks:
        if tok in ".;:!?":
            negated, after_turn, prev = False, False, ""
            if tok in "!?":
                out[f"p:{tok}"] = 1.0
            continue
        if tok == ",":
            negated, prev = False, ""
            continue
        words += 1
        if tok in _CONTRAST:
            negated, after_turn = False, True
        name = ("n:" if negated else "w:") + tok
        out[name] = 1.0
        if after_turn and tok not in _STOP:
            out["t:" + tok] = 1.0
        if prev:
            out[f"b:{prev}_{tok}"] = 1.0
        prev = tok
        if tok in _NEGATORS or tok.endswith("n't"):
            negated = True
    out["len:log"] = math.log1p(words) / 5.0
    return out


class Model:
    def __init__(self, data: Mapping[str, object]):
        self.version = str(data["version"])
        self.bias: list[float] = [float(x) for x in data["bias"]]  # type: ignore[union-attr]
        self.weights: dict[str, list[float]] = {k: [float(x) for x in v] for k, v in data["weights"].items()}  # type: ignore[union-attr]

    def probabilities(self, feats: Mapping[str, float]) -> list[float]:
        z = list(self.bias)
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is not None:
                for k in range(3):
                    z[k] += w[k] * value
        top = max(z)
        e = [math.exp(x - top) for x in z]
        s = sum(e)
        return [x / s for x in e]


def load(path: Path = MODEL_PATH) -> Model | None:
    """The shipped model, or None when the file is absent (the rules alone then decide)."""
    try:
        return Model(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
