"""Health education in the browser: a clinician writes an article, another reviews it, a patient
reads it on the Learn tab; an admin's announcement shows as a banner until dismissed. axe-core
checks the new pages."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_article_review_learn_tab_and_banner(live_server, browser):
    from tests.e2e.browser import check_axe, login

    live_server.cli("conditions", "create", "asthma", "--name", "Asthma")
    for name in ("amara_resp", "tomas_pharm"):
        live_server.user(name, role="clinician")
        live_server.cli("clinicians", "verify", name, "--specialty", "Respiratory medicine")
    live_server.user("wheezy_walker")
    live_server.user("admin_comms", role="admin")
    base = live_server.url

    writer = browser.new_context().new_page()
    login(writer, base, "amara_resp")
    writer.goto(f"{base}/c/asthma/learn")
    writer.get_by_role("link", name="Write an article").click()
    assert not check_axe(writer)
    writer.get_by_label("Title").fill("Getting the most from your inhaler")
    writer.get_by_label("Article (Markdown)").fill("Use a **spacer** with a puffer inhaler, one puff at a time, and rinse after a preventer.")
    writer.get_by_label("Sources").fill("Asthma: treatment | https://www.nhs.uk/conditions/asthma/treatment/ | NHS")
    writer.get_by_role("button", name="Send for review").click()
    writer.wait_for_selector("text=Another verified clinician reviews it")
    article_url = writer.url

    patient = browser.new_context().new_page()
    login(patient, base, "wheezy_walker")
    patient.goto(f"{base}/c/asthma/learn")
    assert patient.get_by_text("Getting the most from your inhaler").count() == 0

    reviewer = browser.new_context().new_page()
    login(reviewer, base, "tomas_pharm")
    reviewer.goto(article_url)
    assert not check_axe(reviewer)
    reviewer.get_by_label("Decision").select_option("approve")
    reviewer.get_by_role("button", name="Save review").click()
    reviewer.wait_for_selector("text=Published.")

    patient.goto(f"{base}/c/asthma/learn")
    assert not check_axe(patient)
    patient.get_by_role("link", name="Getting the most from your inhaler").click()
    patient.wait_for_selector("text=reviewed by")
    assert patient.get_by_role("link", name="Asthma: treatment").count() == 1

    admin = browser.new_context().new_page()
    login(admin, base, "admin_comms")
    admin.goto(f"{base}/admin/announcements")
    assert not check_axe(admin)
    admin.get_by_label("Title").fill("Flu vaccine clinics are open")
    admin.get_by_label("Message (Markdown)").fill("Book your free flu vaccine at your GP surgery.")
    admin.get_by_label("Level").select_option("urgent")
    admin.get_by_role("button", name="Announce").click()
    admin.wait_for_selector("text=Members have been notified")

    patient.goto(f"{base}/")
    banner = patient.get_by_role("complementary", name="Announcement")
    assert "Flu vaccine clinics are open" in banner.inner_text()
    assert not check_axe(patient)
    patient.get_by_role("button", name="Dismiss announcement: Flu vaccine clinics are open").click()
    patient.goto(f"{base}/c/asthma")
    assert patient.get_by_role("complementary", name="Announcement").count() == 0
