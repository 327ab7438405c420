"""Train the crisis model (community/moderation/screening/crisis_model.json), standard library only.

    .venv/bin/python scripts/train_crisis_model.py            # train, choose thresholds, write the file
    .venv/bin/python scripts/train_crisis_model.py --evaluate # also nested cross-validation figures

Data: tests/moderation/data/crisis_train.jsonl, crisis_dev.jsonl and crisis_train_w4.jsonl (a writer
blind to the rules), texts written for Harbor.
Never the held-out files. Two logistic regressions (AdaGrad, L2) over crisis_model's features:
`any` (crisis or possible crisis vs ordinary) and `crisis` (clear crisis vs the rest).

Thresholds: 5-fold cross-validation gives every training text a score from a model that did
not see it; the thresholds are the lowest that keep the combined (rules + model) false alarms
on the ordinary training texts within 2% (any tier) and 1% (crisis tier), or at the rules' own
rate where that is higher. The model never scores a window that overlaps a rule match a guard
(negation, past, topic, hypothetical, accident, joke) cancelled: that sentence is left to the rules. `--evaluate` measures that choice honestly with nested
cross-validation: the thresholds of each outer fold are chosen on its training part only."""
from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from community.moderation.screening import crisis  # noqa: E402
from community.moderation.screening import crisis_model as cm  # noqa: E402

DATA = ROOT / "tests" / "moderation" / "data"
SPLITS = ("train", "dev", "train_w4")
EPOCHS, RATE, L2, MIN_COUNT, FOLDS = 10, 0.1, 1e-3, 2, 5
ALARM_ANY, ALARM_CRISIS, EPS = 0.02, 0.01, 1e-6
RANK = {None: 0, "possible": 1, "crisis": 2}


def rows() -> list[dict]:
    out = []
    for split in SPLITS:
        with open(DATA / f"crisis_{split}.jsonl", encoding="utf-8") as f:
            out += [dict(json.loads(line), split=split) for line in f if line.strip()]
    return out


def prepare(data: list[dict], veto: bool = True) -> None:
    """Each text's rules tier, its training instances and the windows the model may score (with
    `veto`, none that overlaps a rule match a guard cancelled, as crisis.find_crisis does)."""
    for r in data:
        guarded: list[tuple[str, int, int]] = []
        doc, hits = crisis.analyse(r["text"], guarded)
        every = cm.windows(doc)
        r["windows"] = [w for w in every if not (veto and cm.overlaps(w[0], w[1], guarded))]
        r["long"] = len(cm.sentences(doc)) > 3
        r["inst"] = [f for _, _, f in every] if r["long"] else [cm.text_features(doc)]
        r["rules"] = None if not hits else ("crisis" if any(h[0] == "crisis" for h in hits) else "possible")


def train(data: list[dict], target) -> tuple[dict[str, float], float]:
    """Logistic regression on instances: a short text is one; a long ordinary post gives one per
    window (each is ordinary); a long crisis post gives only its best window under a first model
    trained without it (which sentence is the crisis one is not labelled)."""
    inst = [(f, target(r)) for r in data if not (r["long"] and target(r)) for f in r["inst"]]
    w, b = _fit(inst)
    for r in data:
        if r["long"] and target(r):
            inst.append((max(r["inst"], key=lambda f: sum(w.get(x, 0.0) for x in f)), True))
    return _fit(inst)


def _fit(inst: list[tuple[set[str], bool]]) -> tuple[dict[str, float], float]:
    counts = Counter(x for f, _ in inst for x in f)
    vocab = {x for x, n in counts.items() if n >= MIN_COUNT}
    feats = [([x for x in f if x in vocab], 1.0 if y else 0.0) for f, y in inst]
    w: dict[str, float] = {}
    g: dict[str, float] = {}
    b, gb = 0.0, 1e-8
    rng = random.Random(18)
    for _ in range(EPOCHS):
        rng.shuffle(feats)
        for f, y in feats:
            z = b + sum(w.get(x, 0.0) for x in f)
            err = 1 / (1 + math.exp(-max(-60.0, min(60.0, z)))) - y
            gb += err * err
            b -= RATE * err / math.sqrt(gb)
            for x in f:
                gx = err + L2 * w.get(x, 0.0)
                g[x] = g.get(x, 1e-8) + gx * gx
                w[x] = w.get(x, 0.0) - RATE * gx / math.sqrt(g[x])
    return w, b


def is_any(r: dict) -> bool:
    return r["label"] != "none"


def is_crisis(r: dict) -> bool:
    return r["label"] == "crisis"


def fit(data: list[dict]) -> dict:
    aw, ab = train(data, is_any)
    cw, cb = train(data, is_crisis)
    return {"any": {"w": aw, "b": ab, "t": 1.0}, "crisis": {"w": cw, "b": cb, "t": 1.0}}


def scores(model: dict, r: dict) -> tuple[float, float]:
    def best(part: dict) -> float:
        return max((1 / (1 + math.exp(-max(-60.0, min(60.0, part["b"] + sum(part["w"].get(x, 0.0) for x in f)))))
                    for _, _, f in r["windows"]), default=0.0)
    return best(model["any"]), best(model["crisis"])


def folds(data: list[dict], k: int, seed: int) -> list[list[int]]:
    rng = random.Random(seed)
    out: list[list[int]] = [[] for _ in range(k)]
    for label in ("crisis", "possible_crisis", "none"):
        idx = [i for i, r in enumerate(data) if r["label"] == label]
        rng.shuffle(idx)
        for n, i in enumerate(idx):
            out[n % k].append(i)
    return out


def out_of_fold(data: list[dict], seed: int = 18) -> list[tuple[float, float]]:
    oof: list[tuple[float, float]] = [(0.0, 0.0)] * len(data)
    for fold in folds(data, FOLDS, seed):
        held = set(fold)
        model = fit([r for i, r in enumerate(data) if i not in held])
        for i in fold:
            oof[i] = scores(model, data[i])
    return oof


def thresholds(data: list[dict], oof: list[tuple[float, float]]) -> tuple[float, float]:
    """The lowest thresholds that keep the combined false alarms on the ordinary texts, scored out
    of fold, within ALARM_ANY (any tier) and ALARM_CRISIS (crisis tier), or at the rules' own."""
    neg = [(r, s) for r, s in zip(data, oof) if r["label"] == "none"]
    n = sum(r["label"] == "none" for r in data)
    rules_crisis = sum(r["rules"] == "crisis" for r in data if r["label"] == "none")
    rules_any = sum(r["rules"] is not None for r in data if r["label"] == "none")
    spare = max(0, int(ALARM_CRISIS * n) - rules_crisis)
    above = sorted((s[1] for r, s in neg if r["rules"] != "crisis"), reverse=True) + [0.5]
    t_crisis = above[spare] + EPS
    # the model's own crisis alarms take from the any-tier budget too
    own = sum(s[1] >= t_crisis and r["rules"] is None for r, s in neg)
    spare = max(0, int(ALARM_ANY * n) - rules_any - own)
    above = sorted((s[0] for r, s in neg if r["rules"] is None and s[1] < t_crisis), reverse=True) + [0.5]
    t_any = above[spare] + EPS
    return min(max(t_any, 0.5), 0.9999), min(max(t_crisis, 0.5), 0.9999)


def combined(r: dict, s: tuple[float, float], t: tuple[float, float]) -> str | None:
    model = "crisis" if s[1] >= t[1] else "possible" if s[0] >= t[0] else None
    return max(r["rules"], model, key=RANK.__getitem__)


def figures(data: list[dict], got: list[str | None]) -> dict[str, str]:
    pos = [g for r, g in zip(data, got) if r["label"] != "none"]
    cri = [g for r, g in zip(data, got) if r["label"] == "crisis"]
    neg = [g for r, g in zip(data, got) if r["label"] == "none"]

    def pct(n: int, d: int) -> str:
        return f"{100 * n / d:.1f}% ({n}/{d})" if d else "-"
    return {"found": pct(sum(g is not None for g in pos), len(pos)),
            "crisis as crisis": pct(sum(g == "crisis" for g in cri), len(cri)),
            "false alarms": pct(sum(g is not None for g in neg), len(neg)),
            "false crisis": pct(sum(g == "crisis" for g in neg), len(neg))}


def evaluate(data: list[dict], veto: bool) -> None:
    """Nested cross-validation: outer folds measure, inner folds choose the thresholds."""
    prepare(data, veto)
    got: list[str | None] = [None] * len(data)
    for fold in folds(data, FOLDS, 7):
        held = set(fold)
        inner = [r for i, r in enumerate(data) if i not in held]
        t = thresholds(inner, out_of_fold(inner, 11))
        model = fit(inner)
        for i in fold:
            got[i] = combined(data[i], scores(model, data[i]), t)
    print(f"nested {FOLDS}-fold CV, guards {'veto' if veto else 'do not veto'} the model:")
    for name, keep in (("all", lambda r: True), ("dev", lambda r: r["split"] == "dev"),
                       ("train", lambda r: r["split"] == "train"), ("w4", lambda r: r["split"] == "train_w4")):
        sub = [(r, g) for r, g in zip(data, got) if keep(r)]
        rules = figures([r for r, _ in sub], [r["rules"] for r, _ in sub])
        both = figures([r for r, _ in sub], [g for _, g in sub])
        print(f"  {name:<5} rules alone: {rules}")
        print(f"  {name:<5} rules+model: {both}")
    fams = Counter(r["family"] for r, g in zip(data, got) if r["label"] != "none" and g is None)
    alarms = Counter(r["family"] for r, g in zip(data, got) if r["label"] == "none" and g is not None)
    print(f"  misses by family: {dict(fams)}; false alarms by family: {dict(alarms)}")


def prune(part: dict) -> dict:
    return {"b": round(part["b"], 3), "t": round(part["t"], 6),
            "w": {x: round(v, 3) for x, v in sorted(part["w"].items()) if abs(v) >= 0.03}}


def main() -> None:
    data = rows()
    veto = "--no-veto" not in sys.argv
    if "--evaluate" in sys.argv:
        evaluate(data, veto=False)
        evaluate(data, veto=True)
    prepare(data, veto)
    t = thresholds(data, out_of_fold(data))
    model = fit(data)
    model["any"]["t"], model["crisis"]["t"] = t
    out = {"about": "crisis screening model, trained by scripts/train_crisis_model.py on crisis_train + crisis_dev + crisis_train_w4",
           "veto": veto, "any": prune(model["any"]), "crisis": prune(model["crisis"])}
    cm.WEIGHTS.write_text(json.dumps(out, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"thresholds any {t[0]:.4f} crisis {t[1]:.4f}; features kept {len(out['any']['w'])} + "
          f"{len(out['crisis']['w'])}; {cm.WEIGHTS.stat().st_size} bytes")


if __name__ == "__main__":
    main()
