"""The export's rules: what goes in (consent, visibility), de-identification (identifiers,
member names, small cells, author keys), filters, the audit entry, and the CLI."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from community.auth.models import Role
from community.extensions import db
from community.feedback import care, services
from community.feedback.export import COLUMNS
from community.feedback.models import Feedback, PostTag
from community.forums import services as forums
from community.forums.models import Status
from community.moderation.models import AuditEntry
from tests.factories import make_condition, make_reply, make_thread, make_user

from .helpers import export, read_csv, read_jsonl


def _feedback(author, text="The nurse was kind and the wait was short.", **kw):
    return services.give_feedback(actor=author, text=text, **kw)


def _crowd(condition, n, **kw):
    """n different patients each leave one piece of feedback about the condition."""
    return [_feedback(make_user(), condition=condition.slug, **kw) for _ in range(n)]


def test_columns_and_values(app):
    cond = make_condition("asthma", "Asthma")
    care.add_service(actor=None, path="City Hospital/Pharmacy")
    _crowd(cond, 5, rating=4, service="City Hospital/Pharmacy")
    rows = export()
    assert list(rows[0]) == list(COLUMNS)
    row = rows[0]
    assert row["source"] == "feedback" and row["condition"] == "asthma" and row["service"] == "City Hospital/Pharmacy" and row["rating"] == "4"
    assert row["sentiment_label"] in {"positive", "neutral", "negative"}
    float(row["sentiment_score"])
    assert row["critical"] in {"true", "false"}
    assert row["created_on"] == dt.date.today().strftime("%Y-%m")
    assert row["tagger_version"]
    jrows = export("jsonl")
    assert list(jrows[0]) == list(COLUMNS) and len(jrows) == 5


def test_no_account_details_anywhere(app):
    cond = make_condition()
    people = [make_user(username=f"pat_zed{i}", display_name=f"Zebedee Quill{i}", email=f"zq{i}@example.org",
                        feedback_consent=True) for i in range(5)]
    for p in people:
        _feedback(p, text=f"Thanks to pat_zed{(p.id + 1) % 5} and Zebedee Quill{p.id % 5} for the tip. Ring me on 07700 900123 or zq{p.id}@example.org",
                  condition=cond.slug)
        make_thread(p, cond, title="Clinic visit", body=f"Ask Zebedee Quill{p.id % 5} or pat_zed{p.id % 5} how pacing went")
    csv_text = "".join(services.export_feedback(actor=None, fmt="csv", filters=_filters(), via="cli").chunks())
    lowered = csv_text.lower()
    for p in people:
        assert p.username not in lowered
        assert p.display_name.lower() not in lowered
        assert p.email not in lowered
    assert "07700" not in csv_text and "@example.org" not in csv_text
    assert "[MEMBER]" in csv_text and "[PHONE]" in csv_text and "[EMAIL]" in csv_text
    rows = read_csv(csv_text)
    assert {r["source"] for r in rows} == {"feedback", "post"}
    ids = {str(p.id) for p in people} | {str(f.id) for f in db.session.scalars(sa.select(Feedback))}
    assert not ids & {r["author_key"] for r in rows} and not ids & {r["record_id"] for r in rows}


def _filters(**kw):
    from community.feedback.rows import parse_filters

    return parse_filters(kw.get)


def test_author_keys_stable_within_and_unlinkable_across_exports(app):
    cond = make_condition()
    people = [make_user() for _ in range(5)]
    for p in people:
        _feedback(p, condition=cond.slug)
        _feedback(p, condition=cond.slug, text="Second visit went fine.")
    first, second = export(), export()
    keys = {}
    for r in first:
        keys.setdefault(r["author_key"], 0)
        keys[r["author_key"]] += 1
    assert sorted(keys.values()) == [2] * 5
    assert not {r["author_key"] for r in first} & {r["author_key"] for r in second}
    assert not {r["record_id"] for r in first} & {r["record_id"] for r in second}
    assert len({r["record_id"] for r in first}) == 10


@pytest.mark.config(EXPORT_MIN_AUTHORS=3)
def test_small_conditions_become_other_and_are_withheld_when_filtered(app):
    big, rare = make_condition("asthma"), make_condition("rare-thing")
    _crowd(big, 3)
    two = _crowd(rare, 2)
    _feedback(two[0].author_id and db.session.get(type(make_user()), two[0].author_id), condition=rare.slug)  # same author again
    rows = export()
    assert sorted(r["condition"] for r in rows) == ["asthma"] * 3 + ["other"] * 3
    assert "rare-thing" not in "".join(str(r) for r in rows)
    assert export(condition="rare-thing") == []
    assert len(export(condition="asthma")) == 3
    audit = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "feedback.export").order_by(AuditEntry.id)).all()
    assert audit[0].detail["small_conditions"] == 1


def test_consent_and_visibility_rules(app):
    cond = make_condition()
    consenting = make_user(feedback_consent=True)
    refusing = make_user()
    t = make_thread(consenting, cond, title="Opening", body="Opening post by a consenting member")
    kept = make_reply(t.thread, consenting, body="A published reply that goes out")
    pending = make_reply(t.thread, consenting, body="Held reply never exported")
    rejected = make_reply(t.thread, consenting, body="Rejected reply never exported")
    deleted = make_reply(t.thread, consenting, body="Deleted reply never exported")
    make_reply(t.thread, refusing, body="Reply by a member without consent")
    forums.set_status(pending.post, Status.PENDING)
    forums.set_status(rejected.post, Status.REJECTED)
    db.session.commit()
    forums.delete_post(actor=consenting, post=deleted.post)
    other = make_thread(consenting, cond, title="Gone soon", body="A thread whose opening post was deleted")
    reply_in_deleted = make_reply(other.thread, consenting, body="Reply inside a deleted thread")
    forums.delete_post(actor=consenting, post=other.post)
    texts = [r["text"] for r in export(source="post")]
    assert any("Opening post by a consenting member" in x for x in texts)
    assert any("A published reply that goes out" in x for x in texts)
    assert len(texts) == 2, texts
    assert kept.post.id and reply_in_deleted.post.id
    # Withdrawing consent removes the member's posts from every later export.
    consenting.feedback_consent = False
    db.session.commit()
    assert export(source="post") == []


def test_posts_are_tagged_when_saved_and_caught_up_when_missed(app):
    cond = make_condition()
    author = make_user(feedback_consent=True)
    result = make_thread(author, cond, body="The pharmacy was rude and slow")
    assert db.session.get(PostTag, result.post.id) is not None
    db.session.execute(sa.delete(PostTag))
    db.session.commit()
    rows = export(source="post")
    assert len(rows) == 1 and db.session.get(PostTag, result.post.id) is not None


def test_filters(app):
    cond, other = make_condition("asthma"), make_condition("copd")
    _crowd(cond, 5)
    _crowd(other, 5)
    old = db.session.scalars(sa.select(Feedback).limit(2)).all()
    for f in old:
        f.created_at = dt.datetime(2023, 1, 15, tzinfo=dt.UTC)
    crit = db.session.scalars(sa.select(Feedback).order_by(Feedback.id.desc()).limit(1)).one()
    crit.critical, crit.sentiment_label, crit.themes = True, "negative", "medication;communication"
    db.session.commit()
    assert len(export()) == 10
    assert len(export(condition="copd")) == 5
    assert len(export(until="2023-01-15")) == 2
    assert len(export(since="2023-01-16")) == 8
    assert len(export(since="2023-01-15", until="2023-01-15")) == 2
    crit_rows = export(critical="1")
    assert len(crit_rows) == 1 and crit_rows[0]["critical"] == "true"
    assert len(export(theme="medication")) == len([r for r in export() if "medication" in r["themes"].split(";")])
    assert all(r["sentiment_label"] == "negative" for r in export(sentiment="negative"))
    assert export(source="post") == []


@pytest.mark.parametrize("precision, expected", [("day", "%Y-%m-%d"), ("year", "%Y")])
def test_date_precision_setting(app, precision, expected):
    app.config["EXPORT_DATE_PRECISION"] = precision
    cond = make_condition()
    _crowd(cond, 5)
    assert {r["created_on"] for r in export()} == {dt.date.today().strftime(expected)}


def test_formula_injection_is_neutralised_in_both_formats(app):
    cond = make_condition()
    _crowd(cond, 4)
    _feedback(make_user(), text="=HYPERLINK(\"http://evil.example\",\"click\")", condition=cond.slug)
    _feedback(make_user(), text="@SUM(1+1) is what I owe", condition=cond.slug)
    texts = {r["text"] for r in export()}
    assert any(t.startswith("'=") for t in texts) and any(t.startswith("'@") for t in texts)
    assert not any(t.startswith(("=", "@", "+", "-")) for t in texts)
    jtexts = {r["text"] for r in export("jsonl")}
    assert texts == jtexts


def test_every_export_is_audited_after_the_stream(app):
    cond = make_condition()
    _crowd(cond, 5)
    quality = make_user(Role.QUALITY)
    job = services.export_feedback(actor=quality, fmt="jsonl", filters=_filters(condition=cond.slug), via="api")
    before = db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(AuditEntry.action == "feedback.export"))
    assert before == 0
    body = "".join(job.chunks())
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "feedback.export")).one()
    assert entry.actor_id == quality.id and entry.detail["rows"] == 5 == len(read_jsonl(body))
    assert entry.detail["filters"] == {"condition": cond.slug} and entry.detail["complete"] is True
    # A download abandoned half way is recorded as incomplete.
    stream = services.export_feedback(actor=quality, fmt="csv", filters=_filters(), via="web").chunks()
    next(stream)
    stream.close()
    last = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "feedback.export").order_by(AuditEntry.id.desc())).first()
    assert last.detail["complete"] is False


def test_cli_export_same_rows_as_the_api(app, runner, client, tmp_path):
    from tests.factories import token_for

    cond = make_condition("asthma")
    _crowd(cond, 5)
    author = make_user(feedback_consent=True)
    make_thread(author, cond, body="My inhaler ran out and the pharmacy had none")
    out = tmp_path / "export.csv"
    result = runner.invoke(args=["feedback", "export", "--format", "csv", "--output", str(out), "--condition", "asthma"])
    assert result.exit_code == 0, result.output
    cli_rows = read_csv(out.read_text(encoding="utf-8"))
    quality = make_user(Role.QUALITY)
    resp = client.get("/api/v1/feedback/export?format=csv&condition=asthma", headers=token_for(client, quality))
    assert resp.status_code == 200
    api_rows = read_csv(resp.get_data(as_text=True))

    def strip(rows):
        return sorted(tuple(v for k, v in r.items() if k not in {"record_id", "author_key"}) for r in rows)

    assert len(cli_rows) == 6 and strip(cli_rows) == strip(api_rows)
    bad = runner.invoke(args=["feedback", "export", "--format", "csv", "--output", str(out), "--since", "yesterday"])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output
    jl = tmp_path / "export.jsonl"
    assert runner.invoke(args=["feedback", "export", "--format", "jsonl", "--output", str(jl)]).exit_code == 0
    assert len(read_jsonl(jl.read_text(encoding="utf-8"))) == 6


def test_retag_command_updates_stored_tags(app, runner):
    cond = make_condition()
    record = _crowd(cond, 1)[0]
    author = make_user(feedback_consent=True)
    post = make_thread(author, cond).post
    db.session.execute(sa.update(Feedback).values(tagger_version="old", themes="", sentiment_label="neutral"))
    db.session.execute(sa.update(PostTag).values(tagger_version="old"))
    db.session.commit()
    result = runner.invoke(args=["feedback", "retag"])
    assert result.exit_code == 0, result.output
    assert "1 feedback records and 1 posts" in result.output
    db.session.expire_all()
    assert db.session.get(Feedback, record.id).tagger_version != "old"
    assert db.session.get(PostTag, post.id).tagger_version != "old"


def test_dashboard_numbers_match_the_export(app):
    from collections import Counter

    from community.feedback import dashboard

    cond, other = make_condition("asthma"), make_condition("copd")
    _crowd(cond, 6, text="The wait was awful and the staff were rude.")
    _crowd(cond, 5, text="Lovely caring nurse, great communication.")
    _crowd(other, 2)
    old = db.session.scalars(sa.select(Feedback).limit(3)).all()
    for f in old:
        f.created_at = dt.datetime(2024, 2, 10, tzinfo=dt.UTC)
    db.session.commit()
    quality = make_user(Role.QUALITY)
    filters = _filters()
    summary = dashboard.summarise(actor=quality, filters=filters, context=services.export_context(filters))
    rows = export()
    assert summary.total == len(rows)
    by_cond = Counter((r["condition"] or dashboard.NO_CONDITION, r["created_on"], r["sentiment_label"]) for r in rows)
    for (c, period, label), n in by_cond.items():
        assert summary.by_condition[c][period][label] == n
    assert "other" in summary.by_condition   # copd has 2 authors: reported as other, as in the export
    by_theme = Counter((t, r["created_on"], r["sentiment_label"]) for r in rows for t in r["themes"].split(";") if t)
    for (t, period, label), n in by_theme.items():
        assert summary.by_theme[t][period][label] == n
    assert summary.critical_total == sum(r["critical"] == "true" for r in rows)


@pytest.mark.parametrize("delete_content", [False, True])
def test_account_deletion_detaches_or_deletes_feedback(app, delete_content):
    from community.auth import services as accounts
    from tests.factories import PASSWORD

    patient = make_user()
    record = services.give_feedback(actor=patient, text="The ward staff were kind to me.")
    record_id = record.id
    accounts.delete_account(actor=patient, password=PASSWORD, delete_posts=delete_content)
    db.session.expire_all()
    kept = db.session.get(Feedback, record_id)
    if delete_content:
        assert kept is None
    else:
        assert kept is not None and kept.author_id is None
