"""Denials of an act beside the means + time co-occurrence rules (crisis_deny), each case written
for these tests: a denied act is not a crisis, a denial with low mood is a possible crisis, and a
negation elsewhere in the sentence or a postponement leaves a plan a crisis. Both paths (rules
alone, rules + model)."""
from __future__ import annotations

import pytest

from community.moderation.screening.crisis import tier
from community.moderation.screening.crisis_deny import denied
from community.moderation.screening.crisis_text import prepare

C, P = "crisis", "possible_crisis"

CASES: list[tuple[str, str | None]] = [
    ("not going to take all my pills tonight, promise", None),
    ("i won't be taking the lot tonight dont worry", None),
    ("I'm not planning to jump", None),
    ("honestly not gonna swallow the whole packet tonight, the post was about my nan", None),
    ("I'm never going to use the rope in the shed tonight, it's for the boat", None),
    ("No, I won't take all 20 tonight, I asked the pharmacist what the limit is", None),
    ("i'm not going to take all my pills tonight, i'm just so numb and tired of everything", P),
    ("not planning to jump off anything but i feel like a burden to everyone", P),
    ("i'm not going to wait any more, taking all my pills tonight", C),
    ("no one will miss me, not going to be here tomorrow", C),
    ("i cant take it anymore taking all my pills tonight", C),
    ("nobody can stop me taking all my pills tonight", C),
    ("it's not a cry for help, i'm swallowing the lot tonight", C),
    ("not gonna take my insulin anymore so i can go quietly", C),
]


@pytest.mark.parametrize("model", [False, True], ids=["rules alone", "rules + model"])
@pytest.mark.parametrize("text,expected", CASES)
def test_denials(text, expected, model):
    assert tier(text, model=model) == expected, text


def test_denied_ranges():
    doc = prepare("i'm not going to wait any more, taking all my pills tonight")
    assert denied(doc) == []
    doc = prepare("fine. not going to take all my pills tonight, promise")
    [(a, b)] = denied(doc)
    assert doc.stems[a] == "not" and doc.stems[b + 1] == "<c>"
    assert denied(prepare("i can't take it any more")) == []            # cannot bear: no denial
    assert denied(prepare("i won't take my meds tonight")) == []        # a treatment without "all"
    assert denied(prepare("not taking them tonight, i'll wait until friday")) == []   # postponed
