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
    ("Cancelled the clinic because I won't be here. Ta for everything.", "crisis"),
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


@pytest.mark.parametrize("text, expected", [
    # practical arrangements with a final word; two more arrangements alone are not enough
    ("Rehomed the rabbit, left my passwords with my brother. That's everything done.", "crisis"),
    ("Found a new home for the cat and sorted the life insurance. I won't be around after Sunday.", "crisis"),
    ("Gave away my records, left instructions for my sister about the bank, wrote the notes.", "possible_crisis"),
    ("Sorting passwords for my husband and updating the life insurance, any good apps?", None),
    # a carer reporting a plan, a hidden means, or what the person keeps saying
    ("My son told me he plans to take them all when I'm at work tomorrow.", "crisis"),
    ("Mum has hidden her tablets somewhere in the house and won't say why.", "crisis"),
    ("My husband keeps saying we'd be better off without him since the stroke.", "possible_crisis"),
    ("My wife told me I'm not a burden, which helped.", None),
    ("my dad says he's going to jump at the chance to join the trial", None),
    # asking an amount for oneself, a plan with the means, a picked date
    ("how many of my propranolol would someone my weight need so it works", "crisis"),
    ("I have a plan and the means are in the bathroom cabinet.", "crisis"),
    ("Got a date picked. I've written my daughter a letter for after.", "crisis"),
    ("Please mark my profile as deceased after Friday.", "crisis"),
    ("Tonight. I have what I need.", "crisis"),
    # a place and "this is where it ends"; a euphemism with a wink
    ("Sat on the pier an hour now. This is where it ends.", "crisis"),
    ("this is where it ends up every time, the post gets lost", None),
    ("catching the bus tonight, if you know what I mean", "crisis"),
    ("catching the bus tonight to see my nan", None),
    # quieter words: God taking me home, voices, an urge back, tired of it all
    ("I keep praying for God to take me home.", "possible_crisis"),
    ("the voices keep telling me i should die", "possible_crisis"),
    ("the urge to cut is back, 90 days clean", "possible_crisis"),
    ("honestly just tired of it all.", "possible_crisis"),
    ("I'm not suicidal but I think about dying all the time", "possible_crisis"),
    ("I'm not going to do anything stupid, I just needed to say it.", None),
    # near-misses of the same words
    ("Does anyone else wish they could sleep forever? Not in a dark way, I just need a lie-in.", None),
    ("Putting my affairs in order sounds ominous, but it's just a will and passwords.", None),
    ("The hospice looked after my dad so well at the end.", None),
    ("What's the max dose of paracetamol per day for an adult with a flare?", None),
    ("the pharmacist said a lethal dose of my insulin depends on loads of things", None),
    ("gonna kill myself in this level, the boss fight is brutal 🎮", None),
    ("Dad wants to die at home, the palliative team are arranging it.", None),
    ("I said my last goodbyes to my grandmother this afternoon.", None),
    ("In the show the main guy writes a goodbye letter, such good writing.", None),
    ("It's been a year since my brother took his own life. Lit a candle for him.", None),
    ("I won't be here next week, off to Spain with the kids!", None),
])
def test_kinds_from_two_more_writers(text: str, expected: str | None) -> None:
    """Kinds two more writers blind to the rules showed missing (crisis_train_w5 leftovers, w6,
    w7), written here as other sentences of the same kind, and the everyday sentences that
    share their words."""
    assert tier(text, model=False) == expected


@pytest.mark.parametrize("text, expected", [
    ("what's the lethal dose of sertraline for someone my weight", "crisis"),
    ("can a person survive 40 of their zopiclone? it's me", "crisis"),
    ("my flatmate says she's taken all her lithium and she's slurring on the phone", "crisis"),
    ("took an overdose of my beta blockers this morning, heart is racing", "crisis"),
    ("bath's run and I've got the razor. thanks for everything", "crisis"),
    ("bought charcoal and tape, going out to the car later", "crisis"),
    ("can't anymore. sat on the railing of the canal bridge", "crisis"),
    ("wrote letters to my children tonight. I won't be here after Sunday.", "crisis"),
    ("Gave away the dog, deleted my photos, paid off my debts. That's all.", "crisis"),
    ("if you find this, don't come into the garage, call 999", "crisis"),
    ("I'll make it look like an accident so the insurance pays", "crisis"),
    ("some days I hope the next flare is the one, so it's over", "possible_crisis"),
    ("if i died tomorrow would anyone even be sad", "possible_crisis"),
    ("not sure i want to make it to another christmas", "possible_crisis"),
    ("I've started to understand why people do it.", "possible_crisis"),
    ("I can't anymore.", "possible_crisis"),
    # the same words, everyday
    ("my mum is taking all her pills in a dosette box now, much easier", None),
    ("wrote letters to my kids for after I'm gone, for the hospice memory box", None),
    ("its time for my meds, brb", None),
    ("I have the tablets ready for tomorrow morning, the hospital said to take them before the MRI", None),
    ("I will finish my life story book for my grandchildren", None),
    ("I want to die my hair purple, is it ok with chemo?", None),
    ("When my mum passed I went with her to the hospice every day before.", None),
])
def test_kinds_from_three_more_writers(text: str, expected: str | None) -> None:
    """Kinds writers w8-w10 (blind to the rules) showed missing, as other sentences of the same
    kind, and their everyday near-misses."""
    assert tier(text, model=False) == expected


@pytest.mark.parametrize("text, expected", [
    ("Just downed the lot with a vodka. Don't come.", "crisis"),
    ("The noose is up in the garage.", "crisis"),
    ("I'm going to take them all as soon as he leaves for work.", "crisis"),
    ("what height does a car park need to be for it to definitely work", "crisis"),
    ("how long does it take with helium", "crisis"),
    ("Gave my guitar to my cousin. Won't need it after tonight.", "crisis"),
    ("I'm on the bridge over the motorway, right now, just want to talk to someone", "crisis"),
    ("I've got the tablets in my hand.", "crisis"),
    # near-misses of the same words
    ("I get intrusive thoughts about jumping on platforms, I don't want to, my OCD therapist says that's OCD.", None),
    ("What rope do I need to hang a punch bag off a loft joist?", None),
    ("Lads said I'd kill myself lifting that steel without a hoist.", None),
    ("I'd rather die than wear a Spurs shirt", None),
    ("Been looking after my dad 24/7 and I need a weekend off", None),
    ("SCI peer mentor training starts next month, anyone done it?", None),
    ("I've done it! Walked to the end of the road with my frame.", None),
    ("Won't need the car after Friday, we're on holiday for a fortnight.", None),
    ("I'm not scared of dying. Not in any rush either, just want to be comfortable.", None),
])
def test_kinds_from_four_more_writers(text: str, expected: str | None) -> None:
    """Kinds writers w11-w14 (blind to the rules) showed missing, as other sentences of the same
    kind, and their everyday near-misses (intrusive thoughts said to be unwanted, hyperbole,
    DIY, a carer's 'looking after', a training course, an achievement)."""
    assert tier(text, model=False) == expected


def test_rule_names_are_unique() -> None:
    """A rule's name keys its reach and its findings' detail: two rules of one name would share
    (and one would lose) its reach."""
    from collections import Counter

    from community.moderation.screening.crisis_rules import RULES

    assert [name for name, n in Counter(r[0] for r in RULES).items() if n > 1] == []
