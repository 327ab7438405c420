"""Care feedback in the browser: a patient shares feedback; a quality team member filters the
dashboard and downloads the de-identified CSV."""
from __future__ import annotations

import csv
import io

import pytest

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"


def _login(page, base: str, name: str) -> None:
    from tests.e2e.browser import login

    login(page, base, name, PASSWORD)


def test_patient_feedback_to_quality_download(live_server, browser):
    from tests.e2e.browser import check_axe

    live_server.restart(EXPORT_MIN_AUTHORS="1")
    live_server.cli("conditions", "create", "asthma", "--name", "Asthma")
    live_server.user("wheezy_walker")
    live_server.user("quality_lee", role="quality")
    base = live_server.url

    patient = browser.new_context().new_page()
    _login(patient, base, "wheezy_walker")
    patient.get_by_role("link", name="Share feedback").click()
    patient.wait_for_url(f"{base}/feedback")
    assert not check_axe(patient)
    patient.get_by_label("Your feedback").fill("Waited four hours in the emergency department and nobody explained why. "
                                               "Call me on 07700 900123, says wheezy_walker.")
    patient.get_by_label("2", exact=True).check()
    patient.get_by_label("Where was your care?").select_option("emergency_department")
    patient.get_by_label("Which condition was it about?").select_option("asthma")
    patient.get_by_role("button", name="Send feedback").click()
    patient.wait_for_selector("text=Thank you for your feedback")
    assert not check_axe(patient)

    quality = browser.new_context(accept_downloads=True).new_page()
    _login(quality, base, "quality_lee")
    quality.get_by_role("link", name="Quality", exact=True).click()
    quality.wait_for_url(f"{base}/quality")
    quality.get_by_label("Condition", exact=True).select_option("asthma")
    quality.get_by_label("Source", exact=True).select_option("feedback")
    quality.get_by_role("button", name="Apply filters").click()
    quality.wait_for_url("**/quality?**condition=asthma**")
    assert "1" == quality.locator("#totals strong").inner_text()
    assert quality.locator("svg[role=img]").count() >= 1
    assert not check_axe(quality)

    with quality.expect_download() as d:
        quality.get_by_role("link", name="CSV (Excel)").click()
    with open(d.value.path(), encoding="utf-8") as fh:
        raw = fh.read()
    assert raw.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(raw[1:])))
    assert len(rows) == 1
    row = rows[0]
    assert row["source"] == "feedback" and row["condition"] == "asthma" and row["service"] == "emergency_department"
    assert row["rating"] == "2" and "[PHONE]" in row["text"] and "[MEMBER]" in row["text"]
    assert "wheezy_walker" not in raw and "07700" not in raw

    quality.goto(f"{base}/settings/tokens")
    quality.get_by_label("Token name").fill("monthly report")
    quality.get_by_role("button", name="Create token").click()
    token = quality.get_by_label("Token", exact=True).input_value()
    assert token.startswith("hb_")
    assert not check_axe(quality)
