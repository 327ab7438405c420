"""Figures of the crisis screening on the labelled sets in tests/moderation/data/.

    .venv/bin/python -m tests.moderation.crisis_eval --heldout  # both splits, by family
    .venv/bin/python -m tests.moderation.crisis_eval --misses # also the dev split's misses

The held-out split (crisis_heldout.jsonl) was written and committed before the rules and is
never used to change them: only its figures and per-family counts are printed, never its texts."""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).parent / "data"


def load(split: str) -> list[dict[str, str]]:
    with open(DATA / f"crisis_{split}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def figures(split: str) -> dict[str, object]:
    from community.moderation.screening.crisis import tier

    rows = load(split)
    out: Counter[str] = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        got = tier(row["text"])
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
    for split in ("dev", "heldout") if "--heldout" in sys.argv else ("dev",):
        f = figures(split)
        print(f"{split}: {f['texts']} texts ({f['crisis']} crisis, {f['possible']} possible, {f['none']} ordinary)")
        for key in ("recall_any", "recall_clear_crisis", "false_alarm_any", "false_alarm_crisis"):
            print(f"  {key:<22} {f[key]:.3f}")
        for family, texts in sorted(f["misses"].items()):   # type: ignore[union-attr]
            print(f"  {family}: {len(texts)}")
            if split == "dev" and "--misses" in sys.argv:
                for t in texts:
                    print(f"      {t}")


if __name__ == "__main__":
    main()
