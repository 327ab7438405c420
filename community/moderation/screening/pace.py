"""Long screenings give way to the rest of the process.

Under gunicorn's gevent worker every request of a process shares one thread: a screening that
computes for 60 ms (a 20,000-character post, rules and model) holds every other member's page and
chat message for those 60 ms. The screening loops call `give_way()` between rules, between the
model's windows and every thousand tokens of the text's preparation; once `BUDGET` seconds have
passed since the last pause, under gevent's monkey-patching it sleeps for 0.1 ms: the event loop
polls once, due timers, ready sockets and waiting greenlets go first, then the screening goes on.
Not `sleep(0)`: gevent's zero sleep only lets greenlets already scheduled run, not timers or I/O
(measured: a greenlet waiting on a 1 ms timer still waited 195 ms through 39 such pauses, and 6.3
ms with a short timer). Not `gevent.idle()` either, which can starve under constant load: the
server's fairness pause between keep-alive requests (community/server.py) made the same choice.
Each pause costs about a millisecond of wall time (the loop's timer resolution), so a
20,000-character post takes about 12 ms longer and a 2,000-character one (about 3 ms) rarely
pauses. Without gevent nothing happens: threads are switched by the interpreter anyway. Nothing
about the result changes (bench/screening_block_bench.py measures the longest wait).

One deadline for the process: greenlets take turns, so whichever one is running has started or
resumed after the last reset, and pauses at most `BUDGET` after it."""
from __future__ import annotations

import sys
import time

BUDGET = 0.005   # seconds of computing before a pause (issue 18: no longer than the 20 ms model target)

_deadline = 0.0
_clock = time.perf_counter


def start() -> None:
    """A screening begins: it may compute for `BUDGET` before its first pause."""
    global _deadline
    _deadline = _clock() + BUDGET


def give_way() -> None:
    """Let the event loop run once when the budget since the last start or pause is spent."""
    global _deadline
    if _clock() >= _deadline:
        _pause()
        _deadline = _clock() + BUDGET


def _pause() -> None:
    monkey = sys.modules.get("gevent.monkey")
    if monkey is not None and monkey.is_module_patched("time"):
        time.sleep(0.0001)   # gevent.sleep: a timer, so the loop polls
