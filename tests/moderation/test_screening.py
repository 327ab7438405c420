"""The pure screening: labelled-set targets and the rules behind them."""
from __future__ import annotations

import pytest

from community.moderation.screening import (
    STARTER_WATCHLIST, WatchedWord, censor, compile_watchlist, find_crisis, find_phi, find_watched,
    nhs_check_digit_ok, redact, screen,
)
from tests.moderation import screening_sets as sets


def test_labelled_set_targets():
    f = sets.figures()
    assert sets.PHI_POSITIVE and len(sets.PHI_POSITIVE) >= 100 and len(sets.PHI_CLEAN) >= 100
    assert f["phi_recall_kind"] >= 0.95 and f["phi_false_alarm"] <= 0.05
    assert f["crisis_recall"] >= 0.95 and f["crisis_false_alarm"] <= 0.10


def test_every_identifier_kind_is_in_the_set():
    kinds = {code for _, code in sets.PHI_POSITIVE}
    assert kinds >= {"phi.phone", "phi.email", "phi.ssn", "phi.nhs_number", "phi.record_number", "phi.date",
                     "phi.address", "phi.postcode", "phi.url", "phi.ip", "phi.licence", "phi.name"}


@pytest.mark.parametrize("number,ok", [("9434765919", True), ("4010232137", True), ("9434765918", False), ("1234567890", False)])
def test_nhs_check_digit(number, ok):
    assert nhs_check_digit_ok(number) is ok


def test_spans_are_exact_and_redaction_tags_them():
    text = "Call me on 07700 900123 or email jane.p@gmail.com, born 12/03/1961."
    found = {f.code: text[f.start:f.end] for f in find_phi(text)}
    assert found == {"phi.phone": "07700 900123", "phi.email": "jane.p@gmail.com", "phi.date": "12/03/1961"}
    assert redact(text) == "Call me on [PHONE] or email [EMAIL], born [DATE]."


def test_health_numbers_stay_quiet():
    assert find_phi("500 mg metformin, BP 135/85, A1c 7.4%, eGFR 62, GAD-7 of 11, pain 6 out of 10, at 7:30am") == []


@pytest.mark.parametrize("text", ["my feet are killing me", "I nearly died laughing", "this flare-up is murdering my sleep",
                                  "we ran a suicide prevention course", "I would never hurt myself"])
def test_idioms_stay_quiet(text):
    assert find_crisis(text) == []


@pytest.mark.parametrize("text,code", [("nobody would even notice if I was gone", "possible_crisis"),
                                       ("I've been stockpiling my meds for a reason", "crisis"),
                                       ("I can't do this anymore, I'm going to end it", "crisis")])
def test_the_issues_crisis_examples(text, code):
    assert {f.code for f in find_crisis(text)} == {code}


WL = compile_watchlist([WatchedWord("miracle cure", "require_approval"), WatchedWord("crap", "censor"),
                        WatchedWord("buy now", "block")])


@pytest.mark.parametrize("text", ["Miracle Cure!", "m.i.r.a.c.l.e c u r e", "miracle   cure", "mir-acle cure",
                                  "m1racle cur3", "Мiracle cure", "míracle cüre"])
def test_watched_words_survive_obfuscation(text):
    [f] = find_watched(text, WL)
    assert f.detail == "miracle cure" and f.action == "require_approval"


@pytest.mark.parametrize("text", ["scrap metal", "crapulent", "miracles cured nothing", "buy nowhere"])
def test_watched_words_match_whole_words_only(text):
    assert find_watched(text, WL) == []


def test_censor_keeps_length_and_spacing():
    text = "what a load of c r a p honestly"
    out = censor(text, find_watched(text, WL))
    assert len(out) == len(text) and "c r a p" not in out and out.count("■") == 4


def test_screen_combines_and_decides():
    r = screen("Buy now! call 07700 900123", watchlist=WL)
    assert r.blocked and r.phi and r.hold_reasons == ["phi"]
    assert screen("hello", watchlist=WL).findings == []


def test_starter_lists_cover_misinformation_and_spam():
    words = {w.word for w in STARTER_WATCHLIST}
    assert {"miracle cure", "stop taking your insulin", "cures cancer", "buy now"} <= words
    wl = compile_watchlist(STARTER_WATCHLIST)
    assert find_watched("You should STOP taking your insulin, it's poison", wl)[0].action == "require_approval"
