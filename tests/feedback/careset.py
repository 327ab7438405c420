"""A labelled set of care feedback with sentiment AND themes, written for Harbor's second
tagging round (issue 15).

Each item is (label, themes, text): the verdict a patient would give as a rating (4-5
positive, 3 neutral, 1-2 negative; mixed feedback by its overall verdict) and the themes a
quality officer would file it under (theme slugs of community/feedback/themes.py).

HOLDOUT was written first, in one sitting, before the theme tagger was changed, and is never
used while tuning: tests assert its figures, and `--errors` never prints its texts. DEV was
written afterwards and may be looked at while fixing the tagger.

    python -m tests.feedback.careset           # figures (README "Tagging you can trust")
    python -m tests.feedback.careset --errors  # dev-split misses only
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

P, N, X = "positive", "neutral", "negative"


@dataclass(frozen=True, slots=True)
class Item:
    label: str
    themes: frozenset[str]
    text: str


def _items(rows: Iterable[tuple[str, str, str]]) -> list[Item]:
    return [Item(label, frozenset(t for t in themes.split() if t), text) for label, themes, text in rows]


HOLDOUT: list[Item] = _items([
    (P, "staff_attitude communication", "The midwife was calm and kind and talked me through every step of the birth."),
    (X, "waiting_access", "Sat in A&E for nine hours on a plastic chair before anyone saw me."),
    (X, "staff_attitude", "The receptionist rolled her eyes when I asked a question. Felt like a nuisance."),
    (P, "medication communication", "The pharmacist explained how to take my new inhaler and checked my technique."),
    (N, "appointments_referrals", "I have a follow-up appointment at the clinic in March."),
    (X, "cost_billing", "I was charged for a prescription even though I have an exemption certificate."),
    (X, "facilities", "The toilets on the ward were dirty for the whole three days I was there."),
    (P, "treatment_outcome", "After the knee operation I am walking the dog again without pain."),
    (X, "communication", "Nobody told us the results for two weeks and the phone line just rang out."),
    (X, "privacy_dignity", "The doctor discussed my diagnosis loudly in front of the whole bay."),
    (P, "discharge_followup", "The discharge was well planned and the district nurse visited the next morning."),
    (X, "mental_health_support", "I asked for counselling three times and was told the list is closed."),
    (P, "staff_attitude", "Every nurse on the night shift was gentle and patient with my mum."),
    (X, "appointments_referrals", "My appointment was cancelled twice by text with no new date offered."),
    (N, "", "I went in on Monday for bloods and a blood pressure check."),
    (X, "medication", "I was given tablets I am allergic to even though it was written on my wristband."),
    (P, "waiting_access", "I got a same-day appointment and was seen within ten minutes of arriving."),
    (X, "discharge_followup", "They sent him home at midnight with no transport and no follow-up arranged."),
    (P, "communication", "The consultant drew a diagram to explain the surgery, which really helped."),
    (X, "staff_attitude communication", "The GP was dismissive and kept looking at the clock while I spoke."),
    (N, "waiting_access", "The wait for a routine scan is currently about six weeks."),
    (P, "facilities", "The new maternity unit is bright, clean and the rooms are private."),
    (X, "cost_billing", "Parking cost me eighteen pounds for one afternoon visit. Outrageous for patients."),
    (P, "mental_health_support", "The talking therapy course gave me tools I still use every day."),
    (X, "treatment_outcome", "The treatment made no difference and my symptoms are worse than before."),
    (P, "appointments_referrals", "My GP referred me to the specialist the same day and the letter arrived within a week."),
    (X, "waiting_access", "Three weeks of trying to get through on the phone at 8am. Still no appointment."),
    (N, "medication", "Changed from one statin to another because of the muscle aches."),
    (P, "privacy_dignity", "They always pulled the curtain and asked before examining me. I felt respected."),
    (X, "communication", "Different doctors told me three different things about my medication."),
    (P, "staff_attitude", "The porter chatted to me all the way to theatre and made me laugh when I was scared."),
    (X, "facilities", "The ward was so noisy at night that I did not sleep for four nights."),
    (N, "", "Had the flu jab at the pharmacy on the high street."),
    (X, "discharge_followup", "No one rang after my operation even though they promised a follow-up call."),
    (P, "treatment_outcome staff_attitude", "The stroke team saved my husband's life and were kind to all of us."),
    (X, "mental_health_support waiting_access", "Waited eight months for the psychology service while my anxiety got worse."),
    (P, "communication", "The nurse kept us updated every hour while dad was in surgery."),
    (X, "medication", "The pharmacy gave me the wrong strength of insulin pen."),
    (N, "appointments_referrals", "The referral letter says the clinic will contact me within eighteen weeks."),
    (P, "waiting_access", "The walk-in centre was quiet and I was in and out in half an hour."),
    (X, "staff_attitude", "The nurse was rude and told me to stop making a fuss."),
    (X, "privacy_dignity", "I was left in a gown that did not close, in a corridor, for an hour."),
    (P, "discharge_followup", "The ward phoned two days after I went home to check I was managing."),
    (X, "cost_billing", "The bill from the private clinic was twice what they quoted me."),
    (P, "facilities", "Lovely garden for patients and the food was hot and tasty."),
    (N, "communication", "I received a letter with my test results and a copy went to my GP."),
    (X, "appointments_referrals", "The referral was lost and I had to start the whole process again."),
    (P, "mental_health_support staff_attitude", "The crisis team were kind, listened to me, and came out the same night."),
    (X, "treatment_outcome", "The infection was missed and I ended up needing a second operation."),
    (N, "", "We moved house so I registered with a new surgery this month."),
    (P, "staff_attitude communication", "The registrar was honest about the risks and answered every question without rushing."),
    (X, "waiting_access", "The ambulance took four hours to arrive for my eighty-year-old father."),
    (X, "medication communication", "Nobody explained the side effects and I stopped the tablets after a week of sickness."),
    (P, "appointments_referrals", "Booking online was easy and I could choose a time that suited my shifts."),
    (N, "treatment_outcome", "The physio is helping a bit but it is early days."),
    (X, "facilities", "Blood on the floor of the bathroom and no soap in the dispenser."),
    (P, "privacy_dignity", "The staff protected my dignity during a very exposing procedure."),
    (X, "discharge_followup medication", "Discharged without my painkillers and the pharmacy was closed by then."),
    (P, "communication", "Clear letters, and the secretary always returns my calls."),
    (X, "staff_attitude", "The consultant talked to my daughter instead of me as if I was not there."),
    (N, "waiting_access", "Clinic was running about twenty minutes behind."),
    (P, "treatment_outcome", "My blood sugar is finally under control thanks to the new plan."),
    (X, "mental_health_support", "The mental health team discharged me after one phone call."),
    (P, "waiting_access staff_attitude", "Even though the department was packed, the staff were cheerful and nobody waited long."),
    (X, "cost_billing", "I had to pay for my own dressings because the surgery had run out."),
    (N, "medication", "My repeat prescription is now sent straight to the pharmacy."),
    (P, "facilities", "Spotless rooms and the cleaners were in twice a day."),
    (X, "appointments_referrals communication", "Turned up for my appointment to be told it had been moved and nobody let me know."),
    (P, "staff_attitude", "The health visitor was warm, reassuring and never judgemental."),
    (X, "privacy_dignity", "My notes were left open on the desk for anyone to read."),
    (N, "", "The surgery is closed on Wednesday afternoons for training."),
    (P, "discharge_followup communication", "The discharge nurse went through every tablet and gave me a number to call."),
    (X, "treatment_outcome", "Six months after surgery I am in more pain than before it."),
    (P, "mental_health_support", "My psychiatrist took me seriously and adjusted my treatment carefully."),
    (X, "waiting_access", "You cannot get a GP appointment for a month unless you queue outside at 7am."),
    (X, "staff_attitude", "Patronising and unhelpful. I left in tears."),
    (P, "medication", "The new tablets have stopped the migraines almost completely."),
    (N, "appointments_referrals", "I was offered an appointment at a different hospital, which I accepted."),
    (X, "communication", "I still don't know why my operation was postponed. Nobody will answer my emails."),
    (P, "facilities privacy_dignity", "Single rooms with their own bathroom made a huge difference to my privacy."),
    (X, "discharge_followup", "Back in hospital within three days because the wound was never checked."),
    (P, "staff_attitude", "The healthcare assistants were the heart of that ward. Always smiling."),
    (N, "", "I'm not sure what to write. It was an ordinary visit."),
    (X, "cost_billing communication", "Nobody told me the dental treatment would cost extra until the invoice arrived."),
    (P, "waiting_access", "The new text reminder system and the quick check-in kiosk made my visit smooth."),
    (X, "mental_health_support staff_attitude", "The crisis line was cold and dismissive when I called at 3am."),
    (P, "communication treatment_outcome", "They explained my diagnosis clearly and the treatment has worked."),
    (X, "medication", "I had to chase my repeat prescription four times this month."),
    (N, "facilities", "The car park is being resurfaced so use the entrance on Mill Road."),
    (P, "appointments_referrals", "The specialist nurse clinic fitted me in the week after my diagnosis."),
    (X, "privacy_dignity staff_attitude", "Staff laughed about my weight when they thought I could not hear."),
    (P, "discharge_followup", "Good aftercare: the stoma nurse visited me at home three times."),
    (X, "waiting_access facilities", "Stuck on a trolley in the corridor overnight because there were no beds."),
    (N, "communication", "I asked the receptionist to update my address and phone number."),
    (P, "staff_attitude treatment_outcome", "The paediatric team were brilliant with my son and he is home and well."),
    (X, "communication", "The letter used so much jargon I had no idea what it meant."),
    (P, "medication communication", "The GP reviewed all my medicines and took me off two I no longer needed."),
    (X, "staff_attitude", "The physio was unprofessional and spent the session on her phone."),
    (N, "", "Thank you for the questionnaire, I will fill it in next time."),
    (X, "appointments_referrals", "Waiting list for a hip replacement referral is eighteen months. I can barely walk."),
])

DEV: list[Item] = _items([
    (P, "communication staff_attitude", "The diabetes nurse took real time to explain my results and never made me feel rushed."),
    (N, "", "Pacing: what finally clicked for you? I keep doing too much on good days and paying for it for three days after."),
    (P, "staff_attitude", "The charge nurse was kind and sorted everything out for us."),
    (N, "", "I feel a bit better about the whole thing now that I have read up on it."),
    (X, "waiting_access", "Waited six hours in A&E with chest pain."),
    (P, "communication", "The doctor listened and explained every option."),
    (X, "cost_billing", "Hospital parking fees are a disgrace for people visiting every day."),
    (N, "", "It was kind of an average visit, nothing special."),
    (X, "staff_attitude", "The healthcare professional I saw was rude and dismissive."),
    (P, "treatment_outcome", "I feel much better since the operation."),
    (X, "communication", "Better communication between the wards would have saved us a lot of worry."),
    (P, "facilities", "The ward was spotless."),
    (X, "medication", "They ran out of my medication on the ward for two days."),
    (N, "appointments_referrals", "I was referred to the eye clinic last week."),
    (X, "discharge_followup", "Sent home too early and back in the next day."),
    (P, "mental_health_support", "My counsellor helped me through the worst year of my life."),
    (X, "privacy_dignity", "They discussed my case in the waiting room where everyone could hear."),
    (N, "", "The billion pound budget is a matter for the government, not the surgery."),
    (P, "staff_attitude", "Every single nurse was friendly and caring."),
    (X, "waiting_access", "Still waiting for a call back after two weeks."),
    (N, "", "Two weeks ago I moved to a new town."),
    (P, "cost_billing", "The prescription prepayment certificate saved me a lot of money."),
    (X, "appointments_referrals", "My appointment was cancelled the night before."),
    (P, "communication", "Kept informed the whole way through."),
    (X, "staff_attitude", "Condescending GP who would not listen."),
    (N, "", "My phone charger was left in the day room, could someone check?"),
    (P, "discharge_followup", "Follow-up call the next day was reassuring."),
    (X, "facilities", "Filthy toilets and broken beds."),
    (P, "treatment_outcome", "The surgery worked and I am back at work."),
    (N, "medication", "I take metformin twice a day."),
    (X, "mental_health_support", "There is no mental health support for teenagers in this area."),
    (P, "staff_attitude communication", "Polite, helpful and explained things well."),
    (X, "waiting_access", "Eighteen weeks for an ultrasound."),
    (N, "", "I would like to know what kind of support groups there are."),
    (X, "cost_billing", "Charged twice for the same dental appointment."),
    (P, "privacy_dignity", "Treated with dignity and respect at all times."),
    (X, "communication", "Nobody told me anything about what would happen next."),
    (P, "appointments_referrals", "Easy to book an appointment online."),
    (N, "", "The nurse in charge said visiting is from two until eight."),
    (X, "medication", "Wrong dose of insulin given on the ward."),
    (P, "staff_attitude", "The radiographer was so gentle and kind with my elderly mother."),
    (X, "waiting_access", "Four hours on hold to the surgery this morning and then the line cut off."),
    (N, "appointments_referrals", "My next appointment is on the twelfth at the outpatient clinic."),
    (X, "communication", "The consultant used words I did not understand and did not check if I had questions."),
    (P, "medication", "The pharmacist sorted my repeat prescription in five minutes."),
    (X, "facilities", "The waiting room was filthy and the chairs were broken."),
    (P, "discharge_followup", "I was discharged with a clear plan and a phone number if anything went wrong."),
    (X, "privacy_dignity", "They weighed me in the corridor in front of other patients."),
    (P, "mental_health_support", "The community mental health nurse visits every week and it has made a real difference."),
    (X, "cost_billing", "I was billed for an ambulance I never asked for."),
    (N, "", "The leaflet says the service is changing its name next year."),
    (P, "treatment_outcome", "Since the new treatment my breathing has improved a lot."),
    (X, "treatment_outcome", "The physio exercises made my back worse."),
    (P, "communication", "The nurse phoned me with my results the same afternoon, as promised."),
    (X, "staff_attitude", "The doctor laughed at my question and made me feel stupid."),
    (N, "medication", "I collect my tablets from the chemist every month."),
    (X, "medication", "My inhaler prescription was refused twice without explanation."),
    (P, "waiting_access", "Barely any wait at the walk-in centre this time."),
    (X, "appointments_referrals", "They cancelled my scan three times and never rebooked it."),
    (N, "", "I am writing on behalf of my grandmother who does not use computers."),
    (P, "facilities", "Clean toilets, free water and comfortable chairs in the waiting room."),
    (X, "discharge_followup", "No one arranged the follow-up appointment they promised at discharge."),
    (P, "privacy_dignity", "The nurse closed the door and spoke quietly so no one could hear my details."),
    (X, "mental_health_support", "I was told my depression was not severe enough for therapy."),
    (P, "staff_attitude communication", "Friendly receptionist who explained exactly where to go."),
    (X, "waiting_access", "Waited eleven weeks for a blood test result."),
    (N, "waiting_access", "The clinic says the current wait is around two weeks."),
    (P, "appointments_referrals", "The referral to the hand clinic came through quickly."),
    (X, "cost_billing", "The hospital car park charges are far too expensive for daily visits."),
    (P, "treatment_outcome staff_attitude", "The surgeon was kind and the operation went perfectly."),
    (X, "communication", "Nobody answered the phone on the ward for two days."),
    (N, "", "Is there a way to change my registered email address?"),
    (P, "medication communication", "The GP explained why she was changing my tablets and what to watch for."),
    (X, "staff_attitude", "Unfriendly nurse who sighed every time I pressed the buzzer."),
    (P, "discharge_followup", "The follow-up call a week after surgery was really reassuring."),
    (X, "facilities", "The food was cold and the ward smelled of urine."),
    (N, "appointments_referrals", "I was given a booking reference for my hearing test."),
    (P, "mental_health_support", "The counselling service saw me within a fortnight and it really helped."),
    (X, "privacy_dignity staff_attitude", "The doctor read out my weight loudly and joked about it."),
    (P, "communication", "Clear, honest answers from the consultant about what to expect."),
    (X, "medication", "I was sent home with the wrong tablets and had to go back to the pharmacy."),
    (N, "", "We visited the hospital for my son's school health check."),
    (P, "waiting_access", "Seen on time and out again within half an hour."),
    (X, "appointments_referrals communication", "My referral letter was never sent and nobody told me."),
    (P, "staff_attitude", "The care assistants were patient, cheerful and respectful."),
    (X, "treatment_outcome", "I was misdiagnosed for two years before anyone took me seriously."),
    (N, "medication", "The dose of my blood pressure tablets went up this month."),
    (P, "facilities", "The new ward is quiet and spotless."),
    (X, "cost_billing", "Nobody warned me there was a fee for the medical letter."),
    (P, "discharge_followup communication", "Before I went home the nurse went over my medicines and the follow-up plan."),
    (X, "waiting_access", "Eighteen months on the waiting list for a knee operation."),
    (N, "", "My husband usually drives me to appointments."),
    (P, "privacy_dignity", "I was treated with real dignity during a very difficult examination."),
    (X, "communication staff_attitude", "The receptionist was rude and would not tell me why my appointment was moved."),
    (P, "treatment_outcome", "After the new insulin plan my numbers are the best they have been in years."),
    (X, "mental_health_support", "The crisis line kept me on hold for forty minutes."),
    (N, "communication", "I received a text reminder about my appointment."),
    (P, "appointments_referrals", "Easy to rebook online when I had to change the date."),
    (X, "facilities", "There was nowhere to park and the car park was full all morning."),
    (P, "medication", "The new tablets have worked brilliantly with no side effects."),
])

ALL = HOLDOUT + DEV


def _f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def sentiment_figures(items: list[Item], analyse: Callable[[str], object]) -> dict[str, float]:
    pred = [str(getattr(analyse(i.text), "label")) for i in items]
    f1s = []
    for label in (P, N, X):
        tp = sum(p == label == i.label for p, i in zip(pred, items, strict=True))
        fp = sum(p == label != i.label for p, i in zip(pred, items, strict=True))
        fn = sum(i.label == label != p for p, i in zip(pred, items, strict=True))
        f1s.append(_f1(tp, fp, fn))
    acc = sum(p == i.label for p, i in zip(pred, items, strict=True)) / len(items)
    return {"macro_f1": round(sum(f1s) / 3, 3), "accuracy": round(acc, 3)}


def theme_figures(items: list[Item], tag: Callable[[str], list[str]]) -> dict[str, float]:
    """Micro precision and recall of theme assignments, and the share of texts whose theme set is exact."""
    tp = fp = fn = exact = 0
    for i in items:
        got = set(tag(i.text))
        tp += len(got & i.themes)
        fp += len(got - i.themes)
        fn += len(i.themes - got)
        exact += got == i.themes
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(prec, 3), "recall": round(rec, 3), "exact": round(exact / len(items), 3)}


def main(argv: list[str]) -> None:
    from community.feedback.sentiment import analyse, baseline
    from community.feedback.themes import tag_themes

    for name, items in (("holdout", HOLDOUT), ("dev", DEV), ("all", ALL)):
        print(name, len(items), "sentiment", sentiment_figures(items, analyse), "vader", sentiment_figures(items, baseline),
              "themes", theme_figures(items, tag_themes))
    if "--errors" in argv:
        for i in DEV:
            got = set(tag_themes(i.text))
            if got != i.themes or analyse(i.text).label != i.label:
                print(f"- {i.label}/{analyse(i.text).label} want {sorted(i.themes)} got {sorted(got)}: {i.text}")


if __name__ == "__main__":
    main(sys.argv[1:])
