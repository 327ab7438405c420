"""Crisis screening time of the working tree against an older revision, measured alternately
post by post in one process pinned to one core (so machine load hits both alike).

    .venv/bin/python bench/crisis_ab.py bbacfcf           # any git revision with the old rules
    .venv/bin/python bench/crisis_ab.py bbacfcf --rules   # the rules alone (model=False)

Prints per corpus (as bench/crisis_bench.py) the mean thread CPU time of find_crisis, old and new:
the app's path (rules + model) by default."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main(rev: str, rules_only: bool = False) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="crisis_ab_"))
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "community/moderation/screening"],
                         check=True, capture_output=True).stdout
    tarfile.open(fileobj=io.BytesIO(tar)).extractall(tmp)
    (tmp / "community" / "moderation" / "screening").rename(tmp / "oldscreen")
    sys.path.insert(0, str(tmp))
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    import crisis_bench as bench  # noqa: E402
    from oldscreen.crisis import find_crisis as old  # type: ignore[import-not-found]  # noqa: E402

    from community.moderation.screening.crisis import find_crisis as new  # noqa: E402
    kw = {"model": False} if rules_only else {}
    print("rules alone" if rules_only else "rules + model (the app's path)")
    for label, pool in (("typical", bench.typical_pool()), ("dev mix", bench._texts()), ("dense", bench._texts("crisis"))):
        sample = bench.posts(pool)
        t_old = t_new = 0.0
        for _ in range(5):
            for text in sample:
                a = time.thread_time()
                old(text, **kw)
                b = time.thread_time()
                new(text, **kw)
                c = time.thread_time()
                t_old += b - a
                t_new += c - b
        n = 5 * len(sample)
        print(f"{label:<8} old {t_old / n * 1000:.3f} ms  new {t_new / n * 1000:.3f} ms  new/old {t_new / t_old:.2f}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--rules"]
    main(args[0] if args else "HEAD", "--rules" in sys.argv[1:])
