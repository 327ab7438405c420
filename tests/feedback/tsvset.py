"""Measure the tagger on a TSV of labelled care feedback (columns label, themes, text; themes
`;`-separated), such as a fresh batch from a new writer before it becomes training data.

    .venv/bin/python -m tests.feedback.tsvset scripts/data/feedback_w3.tsv
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

from .careset import Item, sentiment_figures, theme_figures


def load(path: str | Path) -> list[Item]:
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return [Item(r["label"].strip(), frozenset(t.strip() for t in (r["themes"] or "").split(";") if t.strip()), r["text"].strip())
                for r in csv.DictReader(fh, delimiter="\t") if (r.get("text") or "").strip()]


def main(argv: list[str]) -> None:
    from community.feedback import sentiment
    from community.feedback.themes import tag_themes

    for path in argv:
        items = load(path)
        counts = {lab: sum(i.label == lab for i in items) for lab in ("positive", "neutral", "negative")}
        print(path, len(items), counts)
        print("  model", sentiment_figures(items, sentiment.analyse), "rules", sentiment_figures(items, sentiment.rules_only),
              "vader", sentiment_figures(items, sentiment.baseline))
        print("  themes", theme_figures(items, tag_themes))


if __name__ == "__main__":
    main(sys.argv[1:])
