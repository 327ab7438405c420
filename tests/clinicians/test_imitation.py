"""Nobody imitates the badge: names may not claim a title or credential in any disguise."""
from __future__ import annotations

import pytest

from community.clinicians.imitation import claims_credential


@pytest.mark.parametrize("name", [
    "Dr Smith", "dr.smith", "D.r. Smith", "DrSmith", "DR_SMITH", "Doctor Who", "D o c t o r Jane", "Dоctor Jane",  # Cyrillic о
    "Jane MD", "jane_md", "Jane M.D.", "Sam DO", "Kim RN", "kim-rn", "Pat NP", "Nurse Jo", "NurseJo", "nurse_jo",
    "N.u.r.s.e Jo", "Pharmacist Pete", "pharmacist", "ClinicianKate", "verified_jane", "Verified Helper", "official_help",
    "ＭＤ Jane", "Dr. Jane", "jane (RN)", "PHARMAC1ST", "ⅮR Smith",
])
def test_claims_are_caught(name):
    assert claims_credential(name), name


@pytest.mark.parametrize("name", ["sunflower", "donna", "drew", "andrea", "rainbow", "doreen", "dorothy", "pam", "mdlover",
                                  "quiet_harbour", "wheezy_walker", "Sugarbeet", "Amara O.", "Nell", "adrian", "Ernest"])
def test_ordinary_names_pass(name):
    assert not claims_credential(name), name


def test_staff_words_only_for_staff():
    assert claims_credential("admin_helper") and not claims_credential("admin_helper", staff=True)
    assert claims_credential("Dr Admin", staff=True)


def test_verified_clinician_can_add_a_clinician_note(client, auth):
    from tests.factories import make_clinician, make_thread

    t = make_thread(body="Cinnamon cures diabetes, stop your metformin")
    auth.login(make_clinician("Diabetes"))
    client.post(f"/posts/{t.post.id}/note", data={"body": "Please don't stop metformin without your care team.",
                                                  "sources": "NHS: metformin | https://www.nhs.uk/medicines/metformin/"})
    html = client.get(f"/t/{t.thread.id}").get_data(as_text=True)
    assert "Clinician note" in html and html.index("without your care team") < html.index("Cinnamon cures")
