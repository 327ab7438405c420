"""Figures of the crisis screening on the labelled sets in tests/moderation/data/.

    .venv/bin/python -m tests.moderation.crisis_eval --heldout  # dev and held out, rules + model
    .venv/bin/python -m tests.moderation.crisis_eval --heldout --rules-only   # the rules alone
    .venv/bin/python -m tests.moderation.crisis_eval --heldout --both         # one after the other
    .venv/bin/python -m tests.moderation.crisis_eval --file crisis_heldout2.jsonl [--both]
    .venv/bin/python -m tests.moderation.crisis_eval --misses # also the dev split's misses

The default path is the one the app runs: rules + the trained model (when its weights file is
there). The model was trained on crisis_train + crisis_dev, so its dev figures are in-sample;
honest model figures on them come from cross-validation (scripts/train_crisis_model.py
--evaluate). `--file` evaluates any labelled file of tests/moderation/data (or a path); like
the held-out split, only its figures and per-family counts are printed, never its texts.

The held-out split (crisis_heldout.jsonl) was written and committed before the rules and is
never used to change them: only its figures and per-family counts are printed, never its texts."""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).parent / "data"


def load(split: str) -> list[dict[str, str]]:
    path = Path(split) if split.endswith(".jsonl") else DATA / f"crisis_{split}.jsonl"
    if not path.exists() and not path.is_absolute():
        path = DATA / split
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def figures(split: str, *, model: bool | None = None) -> dict[str, object]:
    """Figures of one split ("dev", "heldout", "train" or a .jsonl file); `model`: False for the
    rules alone, True for rules + model, None for what the process is set to (rules + model
    unless turned off)."""
    from community.moderation.screening.crisis import tier

    rows = load(split)
    out: Counter[str] = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        got = tier(row["text"], model=model)
        label = row["label"]
        out[f"n_{label}"] += 1
        if label in ("crisis", "possible_crisis"):
            if got:
                out["found"] += 1
            else:
                misses[row["family"]].append(row["text"])
            if label == "crisis":
                if got == "crisis":
                    out["crisis_as_crisis"] += 1
                else:
                    misses["(not as crisis) " + row["family"]].append(row["text"])
        else:
            if got:
                out["alarm_any"] += 1
                misses["(false alarm) " + row["family"]].append(row["text"])
            if got == "crisis":
                out["alarm_crisis"] += 1
    positives = out["n_crisis"] + out["n_possible_crisis"]
    return {
        "texts": len(rows), "crisis": out["n_crisis"], "possible": out["n_possible_crisis"], "none": out["n_none"],
        "recall_any": out["found"] / positives,
        "recall_clear_crisis": out["crisis_as_crisis"] / out["n_crisis"],
        "false_alarm_any": out["alarm_any"] / out["n_none"],
        "false_alarm_crisis": out["alarm_crisis"] / out["n_none"],
        "misses": dict(misses),
    }


def main() -> None:
    from community.moderation.screening.crisis import model_enabled

    args = sys.argv[1:]
    if "--file" in args:
        splits = [args[args.index("--file") + 1]]
    else:
        splits = ["dev", "heldout"] if "--heldout" in args else ["dev"]
    paths: list[tuple[str, bool]] = []
    if "--both" in args:
        paths = [("rules alone", False), ("rules + model", True)]
    elif "--rules-only" in args:
        paths = [("rules alone", False)]
    else:
        paths = [("rules + model", True)]
    if any(m for _, m in paths) and not model_enabled():
        print("note: the model's weights file is missing, so 'rules + model' is the rules alone")
    for name, model in paths:
        for split in splits:
            f = figures(split, model=model)
            print(f"{split} [{name}]: {f['texts']} texts ({f['crisis']} crisis, {f['possible']} possible, {f['none']} ordinary)")
            for key in ("recall_any", "recall_clear_crisis", "false_alarm_any", "false_alarm_crisis"):
                print(f"  {key:<22} {f[key]:.3f}")
            for family, texts in sorted(f["misses"].items()):   # type: ignore[union-attr]
                print(f"  {family}: {len(texts)}")
                if split == "dev" and "--misses" in args:
                    for t in texts:
                        print(f"      {t}")


if __name__ == "__main__":
    main()
