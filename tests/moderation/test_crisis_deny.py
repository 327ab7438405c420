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


# Farewells without a means, quiet despair, and their near-misses (goodbyes from a job, a ward,
# a hotel, a thread; signing off for the night), written for these tests.
FAREWELLS: list[tuple[str, str | None]] = [
    ("thank you for everything, all of you. checking out tonight, sorry", C),
    ("I'm leaving for good. Please look after my budgie, she likes the radio on", C),
    ("you've been so good to me here. by the time anyone reads this I'll be gone", C),
    ("my soul is so weary now", P),
    ("I'm tired of pretending I'm fine every single day", P),
    ("there's nothing left in me. nothing left to give", P),
    ("Thanks for everything, team! Leaving the company on Friday, look after the new lad", None),
    ("checking out of the hotel at 10, thank you for everything, the staff were lovely", None),
    ("signing off for the night, thanks for everything today x", None),
    ("this is my last post about the fundraiser, thank you all for the donations", None),
    ("tired of carrying these bags up the hill every week", None),
]


@pytest.mark.parametrize("model", [False, True], ids=["rules alone", "rules + model"])
@pytest.mark.parametrize("text,expected", FAREWELLS)
def test_farewells_and_quiet_despair(text, expected, model):
    assert tier(text, model=model) == expected, text


@pytest.mark.parametrize("text", [
    "I'm ending it with my boyfriend tonight, he forgot my clinic appointment again.",
    "Think I'm going to end it with my GP practice and register somewhere else.",
    "Killed myself laughing when the pump alarm went off in the lift.",
    "that song 'i wanna die young' is on every radio station this summer",
    "I know my last post sounded dark, sorry. Thank you for checking in.",
])
def test_breakups_laughter_and_songs_are_not_a_crisis(text: str) -> None:
    """Rules narrowed on a writer's near-misses (crisis_train_w5): ending a relationship or a
    registration, laughing, a song title, a post about an earlier post."""
    assert tier(text, model=False) is None


@pytest.mark.parametrize("text", [
    "I'm going to end it with the pills I've saved, tonight.",
    "I'm going to end it tonight.",
    "I want to kill myself.",
    "i want to die, i can't do this anymore",
    "This is my last post. Thank you all and goodbye.",
])
def test_the_narrowed_rules_still_find_the_crisis(text: str) -> None:
    assert tier(text, model=False) == "crisis"


@pytest.mark.parametrize("text, expected", [
    ("honestly my family would be better off if i was gone", "possible_crisis"),
    ("why am i even still here", "possible_crisis"),
    ("most days I wake up disappointed that I'm still alive", "possible_crisis"),
    ("I picture my own funeral and feel a kind of peace", "possible_crisis"),
    ("Signing off for good tonight. Thanks for everything.", "crisis"),
    ("Gave the dog to my neighbour this morning. Better that way, before they find me.", "crisis"),
    ("Cancelled the clinic because I won't be here. Ta for everything.", "possible_crisis"),
    ("my kids are better off at the childminder on tuesdays", None),
    ("why am i still here at the clinic after 3 hours", None),
    ("woke up disappointed that the snow had melted", None),
    ("my own funeral plan is sorted, the funeral director was so calm", None),
    ("signing off for good from facebook, too much drama", None),
    ("when they find me a bed on the ward I'll let you know", None),
    ("they'd be better off seeing a specialist", None),
])
def test_quieter_kinds_from_a_writers_misses(text: str, expected: str | None) -> None:
    """Kinds a writer's texts showed the rules missing (crisis_train_w5), and the everyday
    sentences that share their words."""
    assert tier(text, model=False) == expected
