"""Tagging throughput: texts per second through the sentiment tagger alone and through the
whole write-time tagging (sentiment + themes + criticality + identifier scrubbing), on the
development set's texts, one process, one core.

    .venv/bin/python bench/tagging_bench.py [--rounds 30]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from community.feedback.sentiment import analyse  # noqa: E402
from community.feedback.tagging import Tagger  # noqa: E402
from tests.feedback.devset import ITEMS  # noqa: E402


def rate(fn, texts: list[str], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        for t in texts:
            fn(t)
        out.append(len(texts) / (time.perf_counter() - start))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    short = [i.text for i in ITEMS]
    # Longer feedback: five development texts run together (about 300 characters).
    long = [" ".join(i.text for i in ITEMS[k:k + 5]) for k in range(0, len(ITEMS) - 4)]
    print(f"{args.rounds} rounds each\n")
    print("| texts | mean length | tagging | median texts/s | slowest round texts/s |")
    print("| --- | ---: | --- | ---: | ---: |")
    tagger = Tagger()
    for label, texts in (("dev set items", short), ("5 items joined", long)):
        mean_len = statistics.mean(len(t) for t in texts)
        for name, fn in (("sentiment (`sentiment.analyse`)", analyse), ("all write-time tags (`Tagger.tag`)", tagger.tag)):
            rates = rate(fn, texts, args.rounds)
            print(f"| {label} | {mean_len:.0f} | {name} | {statistics.median(rates):,.0f} | {min(rates):,.0f} |")


if __name__ == "__main__":
    main()
