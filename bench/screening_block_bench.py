"""How long one screening holds a gevent worker: the longest time another greenlet waits for its
turn while posts are screened, as under gunicorn's gevent worker (monkey-patched, one thread).

    .venv/bin/python bench/screening_block_bench.py            # find_crisis (rules + model)
    .venv/bin/python bench/screening_block_bench.py --screen   # the whole screen() (PHI, crisis, watched words)

A "ticker" greenlet wakes every millisecond and records how late it woke; the main greenlet
screens 20 posts of 2,000 characters and 5 of 20,000 (the body limit). The figure is the ticker's
worst lateness during each kind of post, and the screening's own mean wall time beside it; both
with the screening's pauses (community/moderation/screening/pace.py) and, in the same run,
without them (its budget set out of reach), which is how the code was before."""
from gevent import monkey

monkey.patch_all()

import gc  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import crisis_bench as bench  # noqa: E402

from community.moderation.screening import pace, screen  # noqa: E402
from community.moderation.screening.crisis import find_crisis  # noqa: E402


def main(whole: bool) -> None:
    for budget in (1e9, pace.BUDGET):
        pace.BUDGET = budget
        run(whole, "pauses off" if budget > 1 else f"pauses every {budget * 1000:g} ms")


def run(whole: bool, mode: str) -> None:
    fn = screen if whole else find_crisis
    late: list[float] = []
    running = [True]

    def ticker() -> None:
        while running[0]:
            t = time.perf_counter()
            gevent.sleep(0.001)
            late.append((time.perf_counter() - t - 0.001) * 1000)

    find_crisis("warm up: the model's weights are read once")
    gc.collect()
    gc.freeze()   # as the server's worker does after loading the app (community/server.py): otherwise
    #               a full collection over the process's objects (~70 ms here) is the longest wait
    g = gevent.spawn(ticker)
    gevent.sleep(0.01)
    pool = bench.typical_pool()
    for label, size, n in (("2,000 characters", 2000, 20), ("20,000 characters", 20000, 5)):
        posts = bench.posts(pool, n, size)
        fn(posts[0])
        gevent.sleep(0.005)   # the ticker reports its wait through the warm-up, which is not counted
        del late[:]
        walls = []
        for p in posts:
            t = time.perf_counter()
            fn(p)
            walls.append((time.perf_counter() - t) * 1000)
            gevent.sleep(0.003)   # let the ticker report between posts
        print(f"{mode:<20} {'screen()' if whole else 'find_crisis'} {label:<18} screening wall mean {statistics.mean(walls):7.2f} ms   "
              f"other greenlet's worst wait {max(late):6.2f} ms")
    running[0] = False
    g.join()


if __name__ == "__main__":
    main("--screen" in sys.argv[1:])
