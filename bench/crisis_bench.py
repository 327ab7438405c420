"""Mean time to screen a 2,000-character post for crisis language (find_crisis alone), on one
core, for three corpora: ordinary patient writing (the demo community), the labelled dev split
(about half crisis), and a worst case where every sentence is crisis language.

    .venv/bin/python bench/crisis_bench.py

Target (issue 18): under 3 ms on average."""
from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from community.moderation.screening.crisis import find_crisis  # noqa: E402

DATA = ROOT / "tests" / "moderation" / "data"


def _texts(label: str | None = None) -> list[str]:
    rows = [json.loads(line) for line in open(DATA / "crisis_dev.jsonl", encoding="utf-8")]
    return [r["text"] for r in rows if label is None or (r["label"] != "none") == (label == "crisis")]


def typical_pool() -> list[str]:
    from community.demo import THREADS

    return [body for *_, body, _ in THREADS] + [text for t in THREADS for _, text in t[5]] + _texts("none")


def posts(pool: list[str], n: int = 200) -> list[str]:
    out = []
    for i in range(n):
        text, j = "", i
        while len(text) < 2000:
            text += pool[j % len(pool)].rstrip(".!?") + ". "
            j += 7
        out.append(text[:2000])
    return out


def measure(label: str, sample: list[str]) -> float:
    """CPU time of this thread per post (what one core spends, unaffected by other processes
    taking the core away), and the wall-clock mean for comparison."""
    for p in sample[:20]:
        find_crisis(p)
    times, walls = [], []
    for _ in range(5):
        for p in sample:
            w0, t0 = time.perf_counter(), time.thread_time()
            find_crisis(p)
            times.append((time.thread_time() - t0) * 1000)
            walls.append((time.perf_counter() - w0) * 1000)
    times.sort()
    mean = statistics.mean(times)
    print(f"{label:<8} CPU mean {mean:.3f} ms  p50 {times[len(times) // 2]:.3f} ms  p99 {times[int(len(times) * 0.99)]:.3f} ms  "
          f"max {times[-1]:.3f} ms   (wall mean {statistics.mean(walls):.3f} ms)")
    return mean


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})   # one core
    print("find_crisis on 200 posts x 5 runs, 2,000 characters each, one core")
    measure("typical", posts(typical_pool()))
    measure("dev mix", posts(_texts()))
    measure("dense", posts(_texts("crisis")))


if __name__ == "__main__":
    main()
