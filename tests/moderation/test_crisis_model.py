"""The trained crisis model beside the rules (community/moderation/screening/crisis_model.py):
it loads from the file shipped in the package, raises what the rules miss in texts written for
Harbor (crisis_train.jsonl), stays quiet on the idioms and near-misses written as negatives,
defers to the rules' guards, and without it (file missing, or CRISIS_MODEL off) the rules give
what they gave before."""
from __future__ import annotations

import pytest

from community.moderation.screening import crisis, crisis_model, find_crisis, tier
from tests.conftest import make_app
from tests.moderation import crisis_eval
from tests.moderation.test_crisis import FAMILIES

C, P = "crisis", "possible_crisis"
TRAIN = crisis_eval.load("train")


@pytest.fixture
def model_on():
    crisis.use_model(True)
    yield
    crisis.use_model(True)


def test_the_model_loads_from_the_package():
    model = crisis_model.load()
    assert model is not None and crisis.model_enabled()
    assert crisis_model.WEIGHTS.parent.name == "screening" and crisis_model.WEIGHTS.stat().st_size < 4_800_000   # 57 groups: 4.44 MB (53: 4.23 MB)
    assert 0.5 <= model.any_t < 1 and 0.5 <= model.crisis_t < 1
    assert len(model.any_w) > 1000 and len(model.crisis_w) > 1000


# Texts of the model's training data that the rules (since the rules written from other
# writers' texts, 2026-12-02) still miss or under-rate: the model's part of the combined path.
@pytest.mark.parametrize("text,rules,combined", [
    ("i've binned my heart tablets so it happens naturally, i want to go", None, C),
    ("the river is right by the ward, i'm going to walk in tonight", None, C),
    # trained on fourteen writers it raised this to possible only; on twenty-seven (crisis threshold 0.955), to crisis
    ("at the station rn looking at the tracks, i cant do another day", None, C),
])
def test_the_model_raises_what_the_rules_miss(model_on, text, rules, combined):
    assert tier(text, model=False) == rules
    assert tier(text) == combined == tier(text, model=True)
    found = find_crisis(text)
    assert found and found[0].code == combined and any(f.detail == "model" for f in found)
    assert all(0 <= f.start < f.end <= len(text) for f in found)


def test_the_model_lowers_a_rule_crisis_only_to_possible_and_only_below_its_floor(model_on):
    from community.moderation.screening.crisis_text import prepare

    model = crisis_model.load()
    assert 0.0 < model.floor < 0.2   # chosen so at most 0.3% of the training texts' clear crises are lowered
    for row in TRAIN:
        rules = tier(row["text"], model=False)
        if rules == C:
            got = tier(row["text"])
            assert got in (C, P), row["text"]
            assert (got == P) == model.lowers(prepare(row["text"])), row["text"]
        elif rules == P:
            assert tier(row["text"]) in (P, C), row["text"]


def test_a_lowered_crisis_keeps_its_spans_and_is_never_dropped(model_on, monkeypatch):
    text = "I am going to kill myself tonight"
    shipped = crisis_model.load()
    assert tier(text) == C
    high = crisis_model.Model(shipped.any_w, shipped.any_b, shipped.any_t, shipped.crisis_w, shipped.crisis_b,
                              shipped.crisis_t, floor=1.0)
    monkeypatch.setattr(crisis.crisis_model, "load", lambda: high)
    found = find_crisis(text)
    assert [f.code for f in found] == [P] and "kill myself" in text[found[0].start:found[0].end]
    none = crisis_model.Model(shipped.any_w, shipped.any_b, shipped.any_t, shipped.crisis_w, shipped.crisis_b,
                              shipped.crisis_t, floor=0.0)
    monkeypatch.setattr(crisis.crisis_model, "load", lambda: none)
    assert tier(text) == C
    assert tier(text, model=False) == C


@pytest.mark.parametrize("family", ["idiom", "medical", "bereavement", "negation", "media_topic", "ordinary_conditional",
                                    "ordinary_place", "questionnaire", "long_ordinary"])
def test_the_model_adds_no_alarm_on_the_negatives_written_for_it(model_on, family):
    rows = [r for r in TRAIN if r["family"] == family]
    assert rows and all(r["label"] == "none" for r in rows)
    for row in rows:
        assert tier(row["text"]) == tier(row["text"], model=False), row["text"]
        if family == "idiom":
            assert tier(row["text"]) is None, row["text"]


def test_a_guard_that_cancelled_a_rule_keeps_the_model_off_that_sentence(model_on):
    text = "I'm not going to kill myself tonight, I promise you all"
    guarded: list[tuple[str, int, int]] = []
    doc, hits = crisis.analyse(text, guarded)
    assert guarded and not hits
    assert tier(text) is None
    # The model trained with the denial texts (2026-12-02) no longer scores that sentence as a
    # crisis by itself, so the veto is shown on a sentence it does: skipped, it scores nothing.
    model = crisis_model.load()
    only = crisis.analyse(MODEL_ONLY)[0]
    assert model.tier(only)[0] == C and model.tier(only, [("test", 0, len(only.stems) - 1)])[0] is None
    # ...but a crisis sentence elsewhere in the same post is still the model's to find
    post = text + ". Anyway. " + MODEL_ONLY
    assert tier(post, model=False) is None and tier(post) == C


@pytest.mark.parametrize("text,expected", [case for cases in FAMILIES.values() for case in cases])
def test_rules_alone_give_the_old_results(text, expected):
    assert tier(text, model=False) == expected, text


def test_without_the_weights_file_the_rules_work_alone(tmp_path, monkeypatch):
    text = MODEL_ONLY
    assert crisis_model.load(str(tmp_path / "missing.json")) is None
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert crisis_model.load(str(tmp_path / "bad.json")) is None
    monkeypatch.setattr(crisis_model, "WEIGHTS", tmp_path / "missing.json")
    crisis_model.load.cache_clear()
    try:
        assert not crisis.model_enabled()
        assert tier(text) is None and tier(text, model=True) is None
        assert tier("I am going to kill myself on Saturday") == C
    finally:
        monkeypatch.undo()
        crisis_model.load.cache_clear()
    assert tier(text) == C


def test_config_crisis_model_false_gives_the_rules_alone(tmp_root):
    text = MODEL_ONLY
    try:
        make_app("sqlite", tmp_root, CRISIS_MODEL=False)
        assert not crisis.model_enabled() and tier(text) is None
        make_app("sqlite", tmp_root)
        assert crisis.model_enabled() and tier(text) == C
    finally:
        crisis.use_model(True)


def test_combined_path_on_the_splits_written_for_harbor(model_on):
    """In-sample (the model was trained on both): the honest model figures are the
    cross-validated ones in README; this checks the combined path keeps the false alarms low
    and never loses recall against the rules alone."""
    for split in ("dev", "train"):
        both, rules = crisis_eval.figures(split, model=True), crisis_eval.figures(split, model=False)
        assert both["recall_any"] >= rules["recall_any"] and both["recall_clear_crisis"] >= rules["recall_clear_crisis"]
        assert both["false_alarm_any"] <= max(0.02, rules["false_alarm_any"])
        assert both["false_alarm_crisis"] <= max(0.01, rules["false_alarm_crisis"])


MODEL_ONLY = "i've binned my heart tablets so it happens naturally, i want to go"


def _post(client, body: str) -> list[str]:
    from tests.factories import make_condition, make_user, token_for

    make_condition(slug="asthma")
    headers = token_for(client, make_user())
    resp = client.post("/api/v1/conditions/asthma/threads", headers=headers, json={"title": "Custody", "body": body})
    assert resp.status_code == 201
    return [w["code"] for w in resp.get_json()["warnings"]]


def test_a_crisis_only_the_model_finds_reaches_the_api_warnings_and_an_urgent_queue_item(client):
    import sqlalchemy as sa

    from community.extensions import db
    from community.moderation.models import QueueItem

    assert _post(client, MODEL_ONLY) == ["crisis"]
    [item] = db.session.scalars(sa.select(QueueItem)).all()
    assert item.reasons == ["crisis"] and item.priority == 100


@pytest.mark.config(CRISIS_MODEL=False)
def test_with_crisis_model_off_the_app_uses_the_rules_alone(client):
    try:
        assert _post(client, MODEL_ONLY) == []
    finally:
        crisis.use_model(True)


def test_threshold_scores_never_come_from_a_model_that_saw_the_writer():
    """The trainer's threshold folds (scripts/train_crisis_model.py, round 10): writers dealt into ten buckets,
    each writer's texts all in one bucket, every text in exactly one."""
    from scripts import train_crisis_model as trainer
    data = [{"group": f"w{n % 23}", "label": "none"} for n in range(230)]
    folds = trainer.bucket_folds(data)
    assert len(folds) == 10
    assert sorted(i for f in folds for i in f) == list(range(230))
    for f in folds:
        others = {data[i]["group"] for g in folds if g is not f for i in g}
        assert not others & {data[i]["group"] for i in f}
    assert trainer.INNER == "buckets" and trainer.ALARM_ANY == 0.04 and trainer.ALARM_CRISIS == 0.015


def test_the_floor_lowers_at_most_its_budget_of_clear_crises():
    """The trainer's floor (round 11): the highest crisis score that lowers at most LOWER_BUDGET of all clear
    crises, counting only the rules' clear crises (the others were never the rules' to lower)."""
    from scripts import train_crisis_model as trainer
    data = ([{"label": "crisis", "rules": "crisis"} for _ in range(900)] + [{"label": "crisis", "rules": None}] * 100
            + [{"label": "none", "rules": "crisis"}] * 10)
    oof = [(0.0, 0.0, (i + 1) / 1000) for i in range(900)] + [(0.0, 0.0, 0.0)] * 100 + [(0.0, 0.0, 0.0001)] * 10
    low = trainer.floor(data, oof, 0.003)   # 3 of 1,000 clear crises
    lowered = sum(r["label"] == "crisis" and r["rules"] == "crisis" and s[2] < low for r, s in zip(data, oof))
    assert lowered == 3 and abs(low - 0.004) < 1e-5
    assert trainer.floor(data, oof, 0.0) < 0.001 and trainer.LOWER_BUDGET == 0.003
    assert trainer.combined(data[0], oof[0], (0.9, 0.9), low) == "possible"
    assert trainer.combined(data[899], oof[899], (0.9, 0.9), low) == "crisis"


def test_a_rule_crisis_the_floor_lowers_leaves_its_share_of_the_crisis_budget_to_the_model():
    from scripts import train_crisis_model as trainer
    data = [{"label": "none", "rules": "crisis"}] * 10 + [{"label": "none", "rules": None}] * 990
    oof = [(0.0, 0.0, 0.01)] * 10 + [(0.0, 1 - i / 1000, 1.0) for i in range(990)]   # model crisis scores 1.0 ... 0.011
    plain = trainer.thresholds(data, oof, 0.04, 0.015)
    floored = trainer.thresholds(data, oof, 0.04, 0.015, low=0.05)
    # 15 crisis-tier alarms allowed: the rules' 10 leave the model 5; lowered, they leave it all 15
    assert sum(s[1] >= plain[1] for s in oof[10:]) == 5 and sum(s[1] >= floored[1] for s in oof[10:]) == 15


@pytest.mark.parametrize("text", [
    "just hung the new curtains. one rail. took all afternoon and caused a flare. worth it, they're lovely",
    "Drove over the Forth bridge today to get to my new specialist in Edinburgh. Hate motorway driving but I did it!",
])
def test_the_shipped_floor_lowers_an_everyday_text_the_rules_read_as_a_crisis(model_on, text):
    """Ordinary texts of the writers' training files (crisis_train_w53, w5) on which a rule still fires a crisis:
    the shipped model scores every window under its floor, so the author sees the gentle box and nobody is paged."""
    assert tier(text, model=False) == C
    assert tier(text) == P
