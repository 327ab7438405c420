"""A long screening gives way to the rest of a gevent worker (screening/pace.py), and the model
scores a text the same in every process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from community.moderation.screening import crisis_model, pace
from community.moderation.screening.crisis import find_crisis

ROOT = Path(__file__).resolve().parents[2]

# One gevent process, as under gunicorn's gevent worker: a ticker greenlet counts how often it
# got to run while one 20,000-character post was screened, with the pauses and with them off.
_GEVENT_PROBE = r"""
from gevent import monkey
monkey.patch_all()
import json, sys
import gevent
sys.path.insert(0, sys.argv[1])
from community.moderation.screening import pace, screen
from community.moderation.screening.crisis import find_crisis

text, i = "", 0
parts = ["My appointment was moved again and the waiting room was packed",
         "I have been pacing myself with the walking plan the physio gave me",
         "Does anyone else get tired after the infusion, I sleep the whole afternoon",
         "I want to end it all tonight, I have the tablets saved up"]
while len(text) < 20000:
    text += parts[i % len(parts)] + ". "
    i += 1
text = text[:20000]
find_crisis(text)   # the model's weights read before anything is counted
out = {}
for label, budget in (("off", 1e9), ("on", 0.001)):
    pace.BUDGET = budget
    ticks = [0]
    running = [True]
    def ticker():
        while running[0]:
            gevent.sleep(0.001)
            ticks[0] += 1
    g = gevent.spawn(ticker)
    gevent.sleep(0.005)
    before = ticks[0]
    found = [(f.code, f.start, f.end) for f in find_crisis(text)]
    whole = screen(text)
    out[label] = {"ticks": ticks[0] - before, "found": found, "crisis": whole.crisis}
    running[0] = False
    g.join()
print(json.dumps(out))
"""


def test_a_long_post_lets_other_greenlets_run_while_it_is_screened_and_finds_the_same():
    proc = subprocess.run([sys.executable, "-c", _GEVENT_PROBE, str(ROOT)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    # Without the pauses nothing yields: the other greenlet waits for the whole screening.
    assert out["off"]["ticks"] == 0
    # With a pause every millisecond of computing it runs many times during one screening.
    assert out["on"]["ticks"] >= 5, out
    # ...and the findings do not change.
    assert out["on"]["found"] == out["off"]["found"] and out["on"]["found"]
    assert out["on"]["crisis"] is out["off"]["crisis"] is True


def test_give_way_pauses_only_when_the_budget_is_spent(monkeypatch):
    now = [100.0]
    pauses = []
    monkeypatch.setattr(pace, "_clock", lambda: now[0])
    monkeypatch.setattr(pace, "_pause", lambda: pauses.append(now[0]))
    pace.start()
    now[0] += pace.BUDGET / 2
    pace.give_way()
    assert pauses == []
    now[0] += pace.BUDGET
    pace.give_way()
    assert pauses == [now[0]]
    pace.give_way()   # the budget starts again after a pause
    assert len(pauses) == 1


def test_without_gevent_a_pause_does_nothing(monkeypatch):
    """Threads are switched by the interpreter; only a monkey-patched process sleeps."""
    slept = []
    monkeypatch.setattr(pace.time, "sleep", lambda s: slept.append(s))
    monkeypatch.delitem(sys.modules, "gevent.monkey", raising=False)
    pace._pause()
    assert slept == []


def test_model_logit_is_the_same_in_any_feature_order():
    weights = {"a": 1e16, "b": 1.0, "c": -1e16}
    orders = [["a", "b", "c"], ["a", "c", "b"], ["b", "c", "a"]]
    assert {crisis_model._logit(weights, 0.5, o) for o in orders} == {1.5}
    # a plain left-to-right sum gives 0.5 for the first order and 1.5 for the second
    assert sum(weights[x] for x in orders[0]) != sum(weights[x] for x in orders[1])


_SPAN_PROBE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from community.moderation.screening.crisis import find_crisis
print(json.dumps([(f.code, f.start, f.end) for f in find_crisis(sys.argv[2], model=True)]))
"""


def test_the_same_text_gets_the_same_span_whatever_the_hash_seed():
    """'nothing left to look forward to. nothing.': the first sentence and the pair of sentences
    score alike; before the exact sum the reported span depended on the process's hash seed."""
    text = "nothing left to look forward to. nothing."
    seen = set()
    for seed in ("0", "1", "5"):
        proc = subprocess.run([sys.executable, "-c", _SPAN_PROBE, str(ROOT), text], capture_output=True, text=True,
                              timeout=120, env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)})
        assert proc.returncode == 0, proc.stderr
        seen.add(proc.stdout.strip())
    assert len(seen) == 1, seen
    assert json.loads(seen.pop()) == [[f.code, f.start, f.end] for f in find_crisis(text, model=True)]
