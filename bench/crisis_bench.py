"""Mean time to screen a 2,000-character post for crisis language (find_crisis alone), on one
core, for three corpora: ordinary patient writing (the demo community), the labelled dev split
(about half crisis), and a worst case where every sentence is crisis language.

    .venv/bin/python bench/crisis_bench.py

Each corpus twice: the rules alone (`find_crisis(text, model=False)`) and rules + the trained
model (`model=True`, what the app runs by default). The model is asked only when the rules found
no clear crisis, so the "dense" corpus (mostly clear crises) costs it little; "typical" is where
it runs on every post. Targets (issue 18): under 3 ms on average for the rules, under 20 ms with
the model."""
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


def posts(pool: list[str], n: int = 200, size: int = 2000) -> list[str]:
    """n posts of exactly `size` characters, sentences of the pool joined (the i-th starts at its i-th)."""
    out = []
    for i in range(n):
        text, j = "", i
        while len(text) < size:
            text += pool[j % len(pool)].rstrip(".!?") + ". "
            j += 7
        out.append(text[:size])
    return out


def measure(label: str, sample: list[str], model: bool) -> float:
    """CPU time of this thread per post (what one core spends, unaffected by other processes
    taking the core away), and the wall-clock mean for comparison."""
    for p in sample[:20]:
        find_crisis(p, model=model)
    times, walls = [], []
    for _ in range(5):
        for p in sample:
            w0, t0 = time.perf_counter(), time.thread_time()
            find_crisis(p, model=model)
            times.append((time.thread_time() - t0) * 1000)
            walls.append((time.perf_counter() - w0) * 1000)
    times.sort()
    mean = statistics.mean(times)
    label = f"{label} {'rules+model' if model else 'rules'}"
    print(f"{label:<20} CPU mean {mean:.3f} ms  p50 {times[len(times) // 2]:.3f} ms  p99 {times[int(len(times) * 0.99)]:.3f} ms  "
          f"max {times[-1]:.3f} ms   (wall mean {statistics.mean(walls):.3f} ms)")
    return mean


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})   # one core
    from community.moderation.screening.crisis import model_enabled

    print(f"find_crisis on 200 posts x 5 runs, 2,000 characters each, one core; model loaded: {model_enabled()}")
    for model in (False, True):
        measure("typical", posts(typical_pool()), model)
        measure("dev mix", posts(_texts()), model)
        measure("dense", posts(_texts("crisis")), model)
    forced(posts(_texts("crisis")))
    longest()


def longest() -> None:
    """One typical post at the body limit (BODY_MAX, 20,000 characters), 20 runs of each path
    alternating: the cost grows with the length, the targets are for 2,000 characters."""
    text = posts(typical_pool(), 1, 20000)[0]
    times: dict[bool, list[float]] = {False: [], True: []}
    find_crisis(text, model=True)
    for _ in range(20):
        for model in (False, True):
            t0 = time.thread_time()
            find_crisis(text, model=model)
            times[model].append((time.thread_time() - t0) * 1000)
    for model, ts in times.items():
        label = "20,000 chars " + ("rules+model" if model else "rules")
        print(f"{label:<26} CPU mean {statistics.mean(ts):.3f} ms  max {max(ts):.3f} ms")


def forced(sample: list[str]) -> None:
    """Worst case for the model path: the rules and then the model on every post, even where
    the rules already found a clear crisis (find_crisis skips the model there)."""
    from community.moderation.screening import crisis, crisis_model

    model = crisis_model.load()
    if model is None:
        return
    times = []
    for _ in range(5):
        for p in sample:
            t0 = time.thread_time()
            doc, _ = crisis.analyse(p)
            model.tier(doc)
            times.append((time.thread_time() - t0) * 1000)
    times.sort()
    print(f"{'dense, model forced':<20} CPU mean {statistics.mean(times):.3f} ms  p50 {times[len(times) // 2]:.3f} ms  "
          f"p99 {times[int(len(times) * 0.99)]:.3f} ms  max {times[-1]:.3f} ms")


if __name__ == "__main__":
    main()
