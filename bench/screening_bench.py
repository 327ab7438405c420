"""How long screening takes for a 2,000-character post (phi + crisis + a 50-word watchlist).

    .venv/bin/python bench/screening_bench.py
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from community.moderation.screening import STARTER_WATCHLIST, compile_watchlist, screen  # noqa: E402
from tests.moderation.screening_sets import CRISIS_IDIOMS, PHI_CLEAN, PHI_POSITIVE  # noqa: E402


def typical_pool() -> list[str]:
    """Ordinary patient writing: the demo conversations and the clean health-number texts."""
    from community.demo import THREADS

    pool = [body for *_, body, _ in THREADS] + [text for t in THREADS for _, text in t[5]]
    return pool + PHI_CLEAN


def dense_pool() -> list[str]:
    """A worst case: every sentence carries an identifier or a crisis-like idiom."""
    return [t for t, _ in PHI_POSITIVE] + CRISIS_IDIOMS


def posts(n: int = 200, pool: list[str] | None = None) -> list[str]:
    pool = pool or dense_pool()
    out = []
    for i in range(n):
        text, j = "", i
        while len(text) < 2000:
            text += pool[j % len(pool)] + ". "
            j += 7
        out.append(text[:2000])
    return out


def measure(label: str, sample: list[str], wl: object) -> None:
    for p in sample[:20]:
        screen(p, watchlist=wl)
    times = []
    for _ in range(5):
        for p in sample:
            t0 = time.perf_counter()
            screen(p, watchlist=wl)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"{label:<9} mean {statistics.mean(times):.3f} ms  p50 {times[len(times) // 2]:.3f} ms  "
          f"p99 {times[int(len(times) * 0.99)]:.3f} ms  max {times[-1]:.3f} ms")


def main() -> None:
    wl = compile_watchlist(STARTER_WATCHLIST)
    print(f"watchlist: {len(STARTER_WATCHLIST)} starter words; 200 posts x 5 runs of 2,000 characters each")
    measure("typical", posts(pool=typical_pool()), wl)
    measure("dense", posts(pool=dense_pool()), wl)


if __name__ == "__main__":
    main()
