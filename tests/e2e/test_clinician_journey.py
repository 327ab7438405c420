"""Clinician verification in the browser: apply with a document, a verifier approves, the
badge appears on the clinician's answer, and the question's author marks it helpful."""
from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.e2e


def test_apply_verify_answer_helpful(live_server, browser, tmp_path):
    from tests.e2e.browser import check_axe, login

    live_server.cli("conditions", "create", "asthma", "--name", "Asthma")
    live_server.user("wheezy_walker")
    live_server.user("amara_resp", role="clinician")
    live_server.user("admin_verifier", role="admin")
    base = live_server.url
    card = tmp_path / "registration.pdf"
    card.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")

    asker = browser.new_context().new_page()
    login(asker, base, "wheezy_walker")
    asker.goto(f"{base}/c/asthma")
    asker.get_by_role("button", name="Join community").click()
    asker.goto(f"{base}/c/asthma/new")
    asker.get_by_label("Title").fill("Reliever more than twice a week?")
    asker.get_by_label("Your post").fill("Is using my blue inhaler most days a sign something needs changing?")
    asker.get_by_label("This is a question").check()
    asker.get_by_role("button", name="Post thread").click()
    asker.wait_for_selector("text=most days")
    thread_url = asker.url

    clin = browser.new_context().new_page()
    login(clin, base, "amara_resp")
    clin.goto(f"{base}/clinicians/apply")
    assert not check_axe(clin)
    clin.get_by_label("Full professional name").fill("Amara Okafor")
    clin.get_by_label("Profession", exact=True).select_option("nurse")
    clin.get_by_label("Specialty", exact=True).fill("Respiratory nursing")
    clin.get_by_label("Licence or registration number").fill("NMC 12A3456E")
    clin.get_by_label("Issuing body").fill("NMC")
    clin.get_by_label("Jurisdiction").fill("UK")
    clin.get_by_label("Licence expiry").fill((dt.date.today() + dt.timedelta(days=700)).isoformat())
    clin.get_by_label("Supporting document (optional)").set_input_files(str(card))
    clin.get_by_label("I agree to Harbor's professional conduct guidelines").check()
    clin.get_by_role("button", name="Send application").click()
    clin.wait_for_selector("text=waiting for a verifier")

    verifier = browser.new_context().new_page()
    login(verifier, base, "admin_verifier")
    verifier.goto(f"{base}/clinicians/queue")
    assert not check_axe(verifier)
    verifier.get_by_role("link", name="amara_resp").click()
    verifier.get_by_label("Specialty shown on the badge").fill("Pulmonology")
    verifier.get_by_role("button", name="Approve").click()
    verifier.wait_for_selector("text=Decision saved")

    clin.goto(thread_url)
    clin.get_by_label("Your reply").fill("Needing your reliever more than about three times a week usually means your "
                                         "asthma review is due: book one with your nurse.")
    clin.get_by_role("button", name="Post reply").click()
    clin.wait_for_selector("text=Verified clinician · Pulmonology")

    asker.goto(thread_url)
    assert asker.get_by_text("Verified clinician · Pulmonology").count() >= 1
    assert asker.get_by_text("Clinician answered").count() >= 1
    asker.get_by_role("button", name="Mark as helpful").click()
    asker.wait_for_selector("text=Marked helpful by the person who asked")
    assert not check_axe(asker)
