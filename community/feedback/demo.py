"""Demo feedback (called by `flask demo load` through community/demo.py's _load_extras): a
service tree with named responders and subscribers, feedback spread over the last two months
(enough authors for two conditions to show on their own, the rest grouped as small), a
critical item waiting for acknowledgement, and responses, one of them "change made", one of
them published with the author's consent."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..auth.models import User
from ..db import utcnow
from ..extensions import db
from . import care, responses, services

TREE = [
    "Harbor Health/City Hospital/Cardiology/Ward 3",
    "Harbor Health/City Hospital/Cardiology/Heart failure clinic",
    "Harbor Health/City Hospital/Respiratory/Asthma clinic",
    "Harbor Health/City Hospital/Emergency department",
    "Harbor Health/City Hospital/Pharmacy",
    "Harbor Health/Riverside Surgery/General practice/Diabetes clinic",
    "Harbor Health/Riverside Surgery/General practice/Reception",
    "Harbor Health/Community/Mental health/Talking therapies",
    "Harbor Health/Community/Long COVID/Rehabilitation",
]
# The care-setting slugs of community/demo.py's FEEDBACK rows, placed in the tree.
SETTING = {
    "outpatient_clinic": "Harbor Health/Riverside Surgery/General practice/Diabetes clinic",
    "gp_primary_care": "Harbor Health/Riverside Surgery/General practice/Reception",
    "hospital_inpatient": "Harbor Health/City Hospital/Cardiology/Ward 3",
}
LONG_COVID = "Harbor Health/Community/Long COVID/Rehabilitation"

# (username, text, rating, service path, condition): more voices, so conditions have enough authors.
MORE = [
    ("wheezy_walker", "The diabetes clinic nurse was patient and explained my new tablets clearly.", 5,
     "Harbor Health/Riverside Surgery/General practice/Diabetes clinic", "type-2-diabetes"),
    ("quiet_harbour", "Waited three weeks for a diabetes review and the letter went to my old address.", 2,
     "Harbor Health/Riverside Surgery/General practice/Reception", "type-2-diabetes"),
    ("foggy_fern", "My blood test results came back quickly and the GP rang to explain them.", 4,
     "Harbor Health/Riverside Surgery/General practice/Diabetes clinic", "type-2-diabetes"),
    ("steady_heart", "The pharmacist checked my insulin and metformin together and spotted a problem. Very grateful.", 5,
     "Harbor Health/City Hospital/Pharmacy", "type-2-diabetes"),
    ("sugarbeet", "The asthma nurse checked my inhaler technique and gave me a written plan.", 5,
     "Harbor Health/City Hospital/Respiratory/Asthma clinic", "asthma"),
    ("quiet_harbour", "Sat in the emergency department for seven hours with a bad asthma attack before anyone saw me.", 1,
     "Harbor Health/City Hospital/Emergency department", "asthma"),
    ("newbie_nell", "Annual asthma review done, next one booked for spring.", None,
     "Harbor Health/City Hospital/Respiratory/Asthma clinic", "asthma"),
    ("foggy_fern", "The asthma clinic was running an hour late and nobody told us why.", 2,
     "Harbor Health/City Hospital/Respiratory/Asthma clinic", "asthma"),
    ("steady_heart", "Lovely staff on the heart failure clinic, they ring every week to check my weight.", 5,
     "Harbor Health/City Hospital/Cardiology/Heart failure clinic", "heart-failure"),
    ("newbie_nell", "The diabetes clinic booked me onto the education course and the nurse rang me to check I was coping.", 4,
     "Harbor Health/Riverside Surgery/General practice/Diabetes clinic", "type-2-diabetes"),
    ("steady_heart", "Diabetes clinic appointment ran forty minutes late and the nurse seemed rushed.", 2,
     "Harbor Health/Riverside Surgery/General practice/Diabetes clinic", "type-2-diabetes"),
    ("quiet_harbour", "Foot check at the diabetes clinic, all fine, next one in a year.", None,
     "Harbor Health/Riverside Surgery/General practice/Diabetes clinic", "type-2-diabetes"),
    ("quiet_harbour", "The talking therapy course gave me tools I still use every day.", 5,
     "Harbor Health/Community/Mental health/Talking therapies", "anxiety-depression"),
]


def _tree(users: dict[str, User]) -> None:
    for path in TREE:
        if care.find_service(path) is None:
            care.add_service(actor=None, path=path)
    cardiology = care.find_service("Harbor Health/City Hospital/Cardiology")
    practice = care.find_service("Harbor Health/Riverside Surgery/General practice")
    respiratory = care.find_service("Harbor Health/City Hospital/Respiratory")
    top = care.find_service("Harbor Health")
    assert cardiology and practice and respiratory and top
    care.name_responder(actor=None, service_id=respiratory.id, username="clin_amara")
    care.name_responder(actor=None, service_id=practice.id, username="clin_tomas")
    care.name_responder(actor=None, service_id=top.id, username="quality_lee")
    care.subscribe(actor=users["quality_lee"], service_id=top.id, email=True)
    care.subscribe(actor=users["clin_amara"], service_id=respiratory.id)
    care.subscribe(actor=users["clin_tomas"], service_id=practice.id)


def load(users: dict[str, User], feedback_rows: Iterable[tuple[Any, ...]]) -> int:
    """(username, text, rating, care setting, condition) rows, then MORE → feedback records. Commits."""
    _tree(users)
    rows = [(u, t, r, LONG_COVID if c == "long-covid" else SETTING.get(s, SETTING["gp_primary_care"]), c)
            for u, t, r, s, c in feedback_rows] + MORE
    made: dict[str, Any] = {}
    for i, (username, text, rating, path, condition) in enumerate(rows):
        record = services.give_feedback(actor=users[username], text=text, rating=rating, service=path, condition=condition,
                                        publish_consent=username in ("sugarbeet", "foggy_fern", "quiet_harbour"))
        record.created_at = utcnow() - dt.timedelta(days=2 + 4 * i, hours=i)
        made[text[:30]] = record
    db.session.commit()
    lee, tomas, amara = users["quality_lee"], users["clin_tomas"], users["clin_amara"]
    by_start = {k: v for k, v in made.items()}

    def answer(start: str, who: User, body: str, change: str = "none", what: str | None = None, after_hours: int = 20) -> None:
        record = next(v for k, v in by_start.items() if k.startswith(start[:30]))
        row = responses.respond(actor=who, feedback_id=record.id, body=body, change=change, what_changed=what)
        row.created_at = record.created_at + dt.timedelta(hours=after_hours)
        db.session.commit()

    answer("Waited six weeks for the educat", tomas, "Thank you for telling us, and sorry: the course dates were not being sent out.",
           "made", "We now send every patient the course dates by text and letter within a week of referral.", 30)
    answer("The diabetes nurse took real ti", tomas, "Thank you, we have passed this on to the nurse.")
    answer("The asthma clinic was running a", amara, "Sorry about the wait. We are adding a screen that shows how late the clinic is running.",
           "planned", "A waiting-time screen in the asthma clinic.", 48)
    answer("Reception was rude on the phone", lee, "We are sorry. We are looking at how calls are answered at busy times.", "planned",
           None, 60)
    # The wrong-dose incident on Ward 3 stays critical and unacknowledged, so the dashboard shows it open.
    return len(rows)
