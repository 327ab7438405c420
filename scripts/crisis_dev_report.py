"""Crisis screening figures on the DEVELOPMENT files only (never the held-out ones).

    .venv/bin/python scripts/crisis_dev_report.py                 # figures per file and union
    .venv/bin/python scripts/crisis_dev_report.py --misses w1 w2  # also misses / false alarms of those files
    .venv/bin/python scripts/crisis_dev_report.py --only dev,w1,w2  # only those files

Files: dev (the rules' author), train, w1, w2, w3, w4 (other writers), nearmiss (140 ordinary sentences
written by hand to look like the co-occurrence rules; only false alarms). "union" = train+w1+w2+w3+w4.
Figures: recall of crisis+possible as any tier, clear crisis found as crisis, false alarms on
`none` as any tier and as crisis."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests" / "moderation" / "data"
FILES = {"dev": "crisis_dev.jsonl", "train": "crisis_train.jsonl", "w1": "crisis_train_w1.jsonl",
         "w2": "crisis_train_w2.jsonl", "w3": "crisis_train_w3.jsonl", "w4": "crisis_train_w4.jsonl", "nearmiss": "crisis_nearmiss.jsonl"}
UNION = ("train", "w1", "w2", "w3", "w4")


def load(key: str) -> list[dict[str, str]]:
    with open(DATA / FILES[key], encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score(rows: list[dict[str, str]], tier) -> dict[str, object]:
    pos = found = crisis = crisis_found = none = alarm = alarm_crisis = 0
    misses: list[tuple[str, str, str, str | None]] = []
    for row in rows:
        got = tier(row["text"])
        label = row["label"]
        if label in ("crisis", "possible_crisis"):
            pos += 1
            found += bool(got)
            if label == "crisis":
                crisis += 1
                crisis_found += got == "crisis"
            if not got or (label == "crisis" and got != "crisis"):
                misses.append(("miss" if not got else "weak", row["family"], row["text"], got))
        else:
            none += 1
            alarm += bool(got)
            alarm_crisis += got == "crisis"
            if got:
                from community.moderation.screening.crisis import analyse
                rules = ",".join(sorted({h[1] for h in analyse(row["text"])[1]}))
                misses.append(("alarm", row["family"], row["text"], f"{got} by {rules}"))
    return {"n": len(rows), "recall": found / max(pos, 1), "crisis": crisis_found / max(crisis, 1),
            "fa": alarm / max(none, 1), "fa_crisis": alarm_crisis / max(none, 1), "misses": misses,
            "counts": (pos, found, crisis, crisis_found, none, alarm, alarm_crisis)}


def main(argv: list[str]) -> None:
    from community.moderation.screening.crisis import tier

    show = set(argv[argv.index("--misses") + 1:]) if "--misses" in argv else set()
    only = argv[argv.index("--only") + 1].split(",") if "--only" in argv else None
    rows = {k: load(k) for k in FILES}
    rows["union"] = [r for k in UNION for r in rows[k]]
    print(f"{'file':<6} {'texts':>5} {'recall':>7} {'crisis':>7} {'FA any':>7} {'FA cri':>7}")
    for key in only or (*FILES, "union"):
        s = score(rows[key], tier)
        print(f"{key:<6} {s['n']:>5} {s['recall']:>7.3f} {s['crisis']:>7.3f} {s['fa']:>7.3f} {s['fa_crisis']:>7.3f}")
        if key in show:
            for kind, family, text, got in s["misses"]:   # type: ignore[union-attr]
                print(f"  [{kind} {family} got={got}] {text}")


if __name__ == "__main__":
    main(sys.argv[1:])
