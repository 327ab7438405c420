"""The sentiment tagger against the labelled development set (tests/feedback/devset.py).

Thresholds sit a little under the measured figures (README "Sentiment tagging") so a change
that makes the tagger worse fails here; the held-out split is checked against the baseline
and a floor, never tuned on."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from community.feedback import sentiment
from community.feedback.sentiment import NEGATIVE, NEUTRAL, POSITIVE, analyse, baseline

from .devset import DEV, HOLDOUT, ITEMS, LABELS, evaluate


def test_the_development_set_is_large_and_balanced():
    assert len(ITEMS) >= 200
    for label in LABELS:
        assert sum(i.label == label for i in ITEMS) >= 60
    assert len({i.text for i in ITEMS}) == len(ITEMS), "duplicate texts"


def test_macro_f1_on_the_whole_set_meets_the_target():
    m = evaluate(ITEMS, analyse)
    assert m["macro_f1"] >= 0.85
    assert m["accuracy"] >= 0.85


def test_beats_the_vader_baseline_on_every_split():
    for items in (ITEMS, DEV, HOLDOUT):
        ours, base = evaluate(items, analyse), evaluate(items, baseline)
        assert ours["macro_f1"] >= base["macro_f1"] + 0.15


def test_holdout_floor():
    # Measured 0.855 on the unseen split with harbor-sent-3.1 (0.876 with 3.0; 0.823 with the rules
    # alone, which must not fall either); a regression below the floors means over-fitting crept in.
    assert evaluate(HOLDOUT, analyse)["macro_f1"] >= 0.85
    assert evaluate(HOLDOUT, sentiment.rules_only)["macro_f1"] >= 0.80


def test_the_shipped_model_is_pure_python_and_used():
    from community.feedback import sentiment_model

    model = sentiment_model.load()
    assert model is not None and model.version == sentiment.TAGGER_VERSION
    assert len(sentiment_model.MODEL_PATH.read_bytes()) < 512 * 1024
    tree = ast.parse(Path(sentiment_model.__file__).read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert imported <= {"__future__", "json", "math", "re", "collections.abc", "pathlib"}
    # The model, not the rules alone, decides: somewhere in the set the two disagree.
    assert any(analyse(i.text).label != sentiment.rules_only(i.text).label for i in ITEMS)
    p = model.probabilities(sentiment_model.features("Kind nurse.", sentiment.rule_features("Kind nurse.")))
    assert abs(sum(p) - 1.0) < 1e-9 and min(p) > 0


def test_without_the_model_file_the_rules_decide(tmp_path):
    from community.feedback import sentiment_model

    assert sentiment_model.load(tmp_path / "absent.json") is None


def test_negation_and_but_clauses_are_features():
    from community.feedback import sentiment_model

    f = sentiment_model.features("The nurse was not kind, but the doctor listened.", {})
    assert "n:kind" in f and "w:kind" not in f and "t:doctor" in f and "b:not_kind" in f


def test_neutral_is_found():
    # VADER misses most neutral text; the tagger must not.
    m = evaluate(ITEMS, analyse)
    assert m["neutral_recall"] >= 0.85


@pytest.mark.parametrize("text,label", [
    ("No complaints at all, in and out in twenty minutes.", POSITIVE),
    ("Not bad at all. The new clinic is a big improvement.", POSITIVE),
    ("The side effects of metformin were rough but the nurse sorted my dose quickly.", POSITIVE),
    ("Does anyone know how long the referral to the eye clinic usually takes?", NEUTRAL),
    ("Had my annual review on Tuesday. Bloods taken, next appointment in six months.", NEUTRAL),
    ("The doctor was friendly, but I waited four hours and nobody told me why.", NEGATIVE),
    ("Brilliant. Another cancelled appointment.", NEGATIVE),
])
def test_hard_cases(text, label):
    assert analyse(text).label == label


def test_scores_are_signed_and_bounded():
    for item in ITEMS[:80]:
        s = analyse(item.text)
        assert -1.0 <= s.score <= 1.0
        if s.label == POSITIVE:
            assert s.score > 0
        if s.label == NEGATIVE:
            assert s.score < 0


def test_empty_text_is_neutral():
    assert analyse("") == analyse("   ")
    assert analyse("").label == NEUTRAL


def test_pure_code_without_flask():
    tree = ast.parse(Path(sentiment.__file__).read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in imported if m.split(".")[0] in ("flask", "community", "sqlalchemy")}


def test_fast_phrase_matching_finds_what_the_plain_alternation_finds():
    texts = [i.text for i in ITEMS] + [i.text.upper() for i in ITEMS[:50]] + ["NO COMPLAINTS. Couldn't FAULT them."]
    for text in texts:
        plain = [(m.span(), m.lastgroup) for m in sentiment._PHRASE_RX.finditer(text)]
        fast = [(m.span(), m.lastgroup) for m in sentiment._PHRASE_RX_LOWER.finditer(text.lower())]
        assert plain == fast, text


def test_text_whose_lower_case_changes_length_still_tags():
    # "İ" lower-cases to two characters: the clause falls back to the case-insensitive regex.
    assert analyse("İstanbul clinic: no complaints at all, brilliant staff.").label == POSITIVE
