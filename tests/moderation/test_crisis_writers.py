"""Crisis rules on texts by writers other than the rules' author (development data
crisis_train*.jsonl), and a few sentences of each new concept co-occurrence."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from community.moderation.screening.crisis import tier

DATA = Path(__file__).parent / "data"
FILES = ["crisis_train.jsonl", "crisis_train_w1.jsonl", "crisis_train_w2.jsonl", "crisis_train_w3.jsonl"]


def _rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for name in FILES:
        path = DATA / name
        if not path.exists():
            pytest.skip(f"{name} missing")
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def test_other_writers_union_figures():
    rows = _rows()
    got = [(r["label"], tier(r["text"])) for r in rows]
    positives = [g for label, g in got if label != "none"]
    crises = [g for label, g in got if label == "crisis"]
    ordinary = [g for label, g in got if label == "none"]
    assert sum(bool(g) for g in positives) / len(positives) >= 0.90
    assert sum(g == "crisis" for g in crises) / len(crises) >= 0.85
    assert sum(bool(g) for g in ordinary) / len(ordinary) <= 0.05
    assert sum(g == "crisis" for g in ordinary) / len(ordinary) <= 0.02


@pytest.mark.parametrize("text", [
    "got forty of my sertraline lined up on the desk, doing it when everyone's asleep",
    "tonight's the night. the tablets are in my coat pocket",
    "i've already swallowed a whole packet of my dad's heart pills, feeling really strange",
    "standing on the bridge again. i can't cope with any of it. sorry everyone",
    "my brother just sent me 'sorry for everything' and a photo of a rope, he won't answer",
    "i've stopped my dialysis so it can happen naturally, i want to go",
    "if the appeal fails on friday i'm taking the lot, it's all put aside",
    "when my wife goes i'm going with her, the insulin's in the fridge",
])
def test_new_crisis_patterns(text):
    assert tier(text) == "crisis"


@pytest.mark.parametrize("text", [
    "going to spain next month, trying to get my insulin prescriptions early",
    "is it safe to take all my tablets at once in the morning?",
    "we walked over the bridge tonight to see the fireworks",
    "final goodbye to my old pump, the new one arrives monday",
    "I told my sister I love her and we had a lovely day",
    "The nurse showed me how to use my insulin pen properly tonight.",
])
def test_ordinary_stays_quiet(text):
    assert tier(text) is None


@pytest.mark.parametrize("text", [
    "not going to do anything stupid, just so flat and empty all the time",
    "sometimes i just want to sleep forever",
    "i feel like such a drain on everyone",
])
def test_new_possible_patterns(text):
    assert tier(text) == "possible_crisis"


def test_hand_written_near_misses_stay_quiet():
    """140 ordinary sentences written to look like the co-occurrences (medicines at night, bridges,
    goodbyes at work, stopping a treatment for good). Each set of them raised alarms before the
    rules were narrowed for it; one (children jumping off a jetty into a lake) is still flagged by
    the rules. The trained model (never trained on them) added two more on the default path until
    round 10; since its thresholds are set on out-of-writer scores with a 4 % any-tier budget (README
    "Round 10") it adds seven: three as crisis (a bridge closed tonight, on the train now, on the
    platform: a place and "now", which short chat crises share) and four as possible (a daughter at the
    pier tonight, a flatmate not answering, "nothing matters more to me than my kids", pills by the bed).
    5.7 % of an adversarial set, against 4 % forecast for ordinary writing: the price of finding more.
    Round 11 (the model of 57 groups, its floor): six, one as crisis (the bridge closed tonight; the paracetamol
    in the kitchen drawer joined as possible, the flatmate at a festival left), and the jetty one, whose rule
    crisis the model does not lower. With the thresholds chosen with the floor in the budget (the crisis threshold
    0.931 -> 0.862): ten, six as crisis ("the bridge was beautiful in the snow tonight", "thanks for all the replies
    on my last post, you lot are the best", on the train now, on the platform): the price of 2.5 points more
    clear crises rated crisis in the out-of-writer forecast (README "Round 11"). Round 12 (518 rules, the model of 61
    groups): nine, five as crisis; the rules alone still one."""
    rows = [json.loads(line) for line in (DATA / "crisis_nearmiss.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 140
    alarms = [r["text"] for r in rows if tier(r["text"], model=False)]
    assert len(alarms) <= 1, alarms
    with_model = [r["text"] for r in rows if tier(r["text"])]
    assert len(with_model) <= 9, with_model
    assert sum(tier(t) == "crisis" for t in with_model) <= 5
