"""The sentiment trainer's data: the written drug reviews (round 10's experiment, README "Sentiment
figures") load whole and stay out of the shipped model's training data unless asked for."""
from __future__ import annotations

from collections import Counter

from scripts import train_sentiment


def test_written_drug_reviews_are_whole_and_labelled_by_rating():
    rows = train_sentiment._written_reviews()
    assert len(rows) == 1500
    assert all(text.strip() and "\t" not in text for _, text in rows)
    # 250 a writer: ratings 1-4 (95), 5-6 (60), 7-10 (95) each
    assert Counter(label for label, _ in rows) == {"negative": 570, "neutral": 360, "positive": 570}
    assert train_sentiment._rating_label(4) == "negative" and train_sentiment._rating_label(5) == "neutral"
    assert train_sentiment._rating_label(7) == "positive"


def test_the_shipped_model_is_trained_without_them():
    assert "drugw" not in train_sentiment.load_sources()
    assert "drugw" in train_sentiment.load_sources(written_reviews=True)
