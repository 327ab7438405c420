"""De-identification and the writers, on plain values (no database)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from community.feedback.deidentify import MemberNames, Pseudonyms, date_bucket, neutralise, scrub_identifiers
from community.feedback.export import BOM, COLUMNS, csv_chunks, jsonl_chunks


def test_identifiers_become_tags():
    out = scrub_identifiers("Call me on 07700 900123 or mail jo.bloggs@example.com")
    assert "[PHONE]" in out and "[EMAIL]" in out
    assert "07700" not in out and "example.com" not in out


def test_member_names_whole_word_any_case_and_underscore_variants():
    names = MemberNames(["wheezy_walker", "Sugarbeet", "Steady Heart", None])
    assert names("Thanks SUGARBEET and wheezy_walker!") == "Thanks [MEMBER] and [MEMBER]!"
    assert names("as Wheezy Walker said") == "as [MEMBER] said"
    assert names("@sugarbeet agreed") == "@[MEMBER] agreed"
    assert names("thanks Steady\nHeart, my heart is steady") == "thanks [MEMBER], my heart is steady"
    # Whole words only: a longer word that contains a name is left alone.
    assert names("sugarbeets are not members") == "sugarbeets are not members"


def test_short_and_common_names_are_not_replaced():
    names = MemberNames(["Al", "Hope", "nurse", "Fern"])
    text = "I hope the nurse told Al about Fern"
    assert names(text) == "I hope the nurse told Al about [MEMBER]"
    assert "hope" not in names.names and "al" not in names.names


def test_member_names_with_many_members_stay_correct():
    many = [f"member{i:05d}" for i in range(5000)]
    names = MemberNames(many)
    assert names("member00042 and member04999 and member5") == "[MEMBER] and [MEMBER] and member5"


def test_pseudonyms_stable_within_an_export_and_unlinkable_across():
    a, b = Pseudonyms(), Pseudonyms()
    assert a.author(7) == a.author(7) != a.author(8)
    assert a.author(7) != b.author(7)
    assert a.record("feedback", 1) != a.record("post", 1)
    assert a.record("feedback", 1) != b.record("feedback", 1)
    assert a.author(None) == ""
    assert len(a.author(7)) == 16 and len(a.record("post", 1)) == 20


@pytest.mark.parametrize("value", ["=1+2", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise_formula_starts(value):
    assert neutralise(value) == "'" + value


def test_date_buckets():
    d = dt.datetime(2024, 3, 9, 23, 0, tzinfo=dt.UTC)
    assert date_bucket("month")(d) == "2024-03"
    assert date_bucket("day")(d) == "2024-03-09"
    assert date_bucket("year")(d) == "2024"
    with pytest.raises(ValueError):
        date_bucket("week")


ROW = ("rid", "feedback", "2024-03", "asthma", "pharmacy", 4, "=HYPERLINK(\"http://x\")", "negative", -0.5, "medication",
       True, "key", "v1", "change_made")


def test_csv_has_bom_header_and_neutralised_cells():
    text = "".join(csv_chunks([ROW, ROW[:6] + (None,) + ROW[7:]]))
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert tuple(rows[0]) == COLUMNS
    assert rows[1][6] == "'=HYPERLINK(\"http://x\")"
    assert rows[1][5] == "4" and rows[1][8] == "-0.5" and rows[1][10] == "true"
    assert rows[2][6] == ""


def test_jsonl_keys_in_order_and_neutralised():
    lines = "".join(jsonl_chunks([ROW] * 1001)).splitlines()
    assert len(lines) == 1001
    obj = json.loads(lines[0])
    assert tuple(obj) == COLUMNS
    assert obj["text"].startswith("'=") and obj["critical"] is True and obj["rating"] == 4 and obj["sentiment_score"] == -0.5


def test_csv_streams_in_chunks():
    chunks = list(csv_chunks([ROW] * 1200))
    assert len(chunks) >= 3
