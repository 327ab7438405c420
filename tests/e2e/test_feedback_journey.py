"""Care feedback in the browser: a patient shares feedback; a quality team member filters the
dashboard and downloads the de-identified CSV; a named responder answers and the author
reads the answer under "My feedback"."""
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
    live_server.cli("feedback", "services", "add", "City Hospital/Emergency department")
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
    patient.get_by_label("Which service was it?").fill("City Hospital/Emergency department")
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
    # One record is too little for a chart: the numbers are in a table instead.
    assert quality.locator("svg[role=img]").count() == 0 and quality.locator("#cond-sparse").is_visible()
    assert quality.locator("#summary-row").is_visible()
    assert not check_axe(quality)

    with quality.expect_download() as d:
        quality.get_by_role("link", name="CSV (Excel)").click()
    with open(d.value.path(), encoding="utf-8") as fh:
        raw = fh.read()
    assert raw.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(raw[1:])))
    assert len(rows) == 1
    row = rows[0]
    assert row["source"] == "feedback" and row["condition"] == "asthma" and row["service"] == "City Hospital/Emergency department"
    assert row["rating"] == "2" and "[PHONE]" in row["text"] and "[MEMBER]" in row["text"]
    assert "wheezy_walker" not in raw and "07700" not in raw

    quality.goto(f"{base}/settings/tokens")
    quality.get_by_label("Token name").fill("monthly report")
    quality.get_by_role("button", name="Create token").click()
    token = quality.get_by_label("Token", exact=True).input_value()
    assert token.startswith("hb_")
    assert not check_axe(quality)


def test_respond_and_the_author_sees_it(live_server, browser):
    from tests.e2e.browser import check_axe

    live_server.cli("feedback", "services", "add", "City Hospital/Cardiology/Ward 3")
    live_server.user("steady_heart")
    live_server.user("clin_rosa", role="clinician")
    live_server.cli("feedback", "services", "responder", "City Hospital/Cardiology", "clin_rosa")
    base = live_server.url

    patient = browser.new_context().new_page()
    _login(patient, base, "steady_heart")
    patient.goto(f"{base}/feedback")
    patient.get_by_label("Your feedback").fill("Nobody told us when my dad would go home from Ward 3.")
    patient.get_by_label("Which service was it?").fill("City Hospital/Cardiology/Ward 3")
    patient.get_by_label("The care team may publish my feedback", exact=False).check()
    patient.get_by_role("button", name="Send feedback").click()
    patient.wait_for_selector("text=Thank you for your feedback")

    clin = browser.new_context().new_page()
    _login(clin, base, "clin_rosa")
    clin.get_by_role("link", name="Services", exact=True).click()
    clin.get_by_role("link", name="Read feedback for City Hospital/Cardiology/Ward 3").click()
    assert "Not answered yet" in clin.content()
    assert not check_axe(clin)
    clin.get_by_role("link", name="Open", exact=False).first.click()
    clin.get_by_label("Your response").fill("Sorry. We now give every family an expected date on the first day.")
    clin.get_by_label("A change has been made").check()
    clin.get_by_role("button", name="Send response").click()
    clin.wait_for_selector("#what_changed-error")      # "change made" needs a sentence on what changed
    assert "Sorry. We now give every family" in clin.get_by_label("Your response").input_value()
    clin.get_by_label("What changed (or will change)").fill("Every patient on Ward 3 gets an expected discharge date on day one.")
    clin.get_by_role("button", name="Send response").click()
    clin.wait_for_selector("text=Response sent")
    assert not check_axe(clin)

    patient.goto(f"{base}/")
    patient.get_by_role("link", name="My feedback").click()
    patient.wait_for_url(f"{base}/feedback/mine")
    assert patient.get_by_text("The care team responded").is_visible()
    assert patient.get_by_text("Every patient on Ward 3 gets an expected discharge date on day one.").is_visible()
    assert not check_axe(patient)

    public = browser.new_context().new_page()
    public.goto(f"{base}/what-patients-said")
    public.get_by_role("link", name="City Hospital/Cardiology/Ward 3").click()
    assert public.get_by_text("Nobody told us when my dad would go home").is_visible()
    assert "steady_heart" not in public.content()
    patient.get_by_role("button", name="Withdraw permission to publish").click()
    public.reload()
    assert "Nobody told us when my dad" not in public.content()
