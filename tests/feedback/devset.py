"""A labelled development set of patient feedback about care, written for Harbor.

Each item is (label, text): the verdict a patient would give as a rating (4-5 stars
positive, 3 neutral, 1-2 negative), mixed feedback labelled by its overall verdict. Labels
were set when the text was written, before any tuning, and are not changed to fit the tagger.

`holdout=True` items (about a quarter) are never looked at while the tagger's rules are
tuned; they were written in one batch, before the current rules. (An earlier batch of 60
"holdout" items had been exposed during a previous round of tuning, so it now counts as
development data; the holdout here is the fresh batch.)

    python -m tests.feedback.devset          # the figures table (docs/sentiment.md)
    python -m tests.feedback.devset --errors # dev-split misses (never prints holdout texts)
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

P, N, X = "positive", "neutral", "negative"
LABELS = (P, N, X)


@dataclass(frozen=True, slots=True)
class Item:
    label: str
    text: str
    holdout: bool = False


ITEMS: list[Item] = [
    Item(P, 'The diabetes nurse took real time to explain my results and never made me feel rushed.'),
    Item(P, 'Despite the pain, the nurses on the ward were brilliant and checked on me every hour.'),
    Item(P, 'No complaints at all, in and out in twenty minutes.'),
    Item(P, 'Not bad at all. The new clinic is a big improvement.'),
    Item(P, "I couldn't fault the care my dad received in his last days."),
    Item(P, 'The GP listened to me, which after years of being dismissed meant everything.'),
    Item(P, 'My anxiety was through the roof but the receptionist was so kind and calm with me.'),
    Item(P, 'Nothing was too much trouble for the night staff.'),
    Item(P, 'The pharmacist spotted an interaction my GP missed. Very grateful.'),
    Item(P, "Quick, friendly and thorough. Best appointment I've had in years."),
    Item(P, 'I was terrified of the scan but the radiographer put me at ease straight away.'),
    Item(P, 'The long covid clinic finally made me feel heard.'),
    Item(P, 'Chemo is awful but the oncology team have been wonderful throughout.'),
    Item(P, "Physio was hard work and painful, but I'm walking again thanks to them."),
    Item(P, 'They explained every side effect before I started the tablets. Really reassuring.'),
    Item(P, 'Seen on time, clear plan, follow-up booked before I left.'),
    Item(P, 'The mental health nurse was compassionate and never judged me.'),
    Item(P, 'Well looked after from start to finish.'),
    Item(P, 'A&E was busy but the staff were calm, kind and professional.'),
    Item(P, 'The telephone appointment was efficient and the doctor rang back exactly when she said.'),
    Item(P, 'My consultant went above and beyond to get me into the trial.'),
    Item(P, 'Great support from the heart failure nurses, they ring every week.'),
    Item(P, 'I had a panic attack in the waiting room and a nurse sat with me until it passed. So kind.'),
    Item(P, 'The ward was spotless and the food was surprisingly good.'),
    Item(P, "Honestly couldn't have asked for better care for my son."),
    Item(P, 'I was worried about my results but the doctor was patient and answered all my questions.'),
    Item(P, 'Would definitely recommend the pulmonary rehab course.'),
    Item(P, "Side effects were rough, but the team adjusted my dose quickly and it's much better now."),
    Item(P, 'Dietitian was lovely and gave me realistic changes, not a lecture.'),
    Item(P, 'The midwives were amazing, thank you all.'),
    Item(P, 'Fast referral, the specialist saw me within two weeks.'),
    Item(P, 'My depression is still hard, but the therapist has been a lifeline.'),
    Item(P, 'The out of hours service was brilliant at 3am when I was scared.'),
    Item(P, 'Clear letters, kind staff, and parking was easy for once.'),
    Item(P, 'The stroke team were outstanding and my mum is home now.'),
    Item(P, "It wasn't the news I wanted, but the doctor delivered it with real compassion."),
    Item(P, 'First class care on ward 12.'),
    Item(P, 'The asthma nurse checked my inhaler technique properly for the first time ever. Spot on.'),
    Item(P, 'Very thorough review, they caught my blood pressure creeping up.'),
    Item(P, 'I was a nervous wreck and the dentist was gentle and patient.'),
    Item(P, 'Prompt, friendly service at the pharmacy as always.'),
    Item(P, 'They treated me with dignity when I was at my worst.'),
    Item(P, 'The video consultation saved me a three hour round trip, and the doctor was great.'),
    Item(P, 'The discharge nurse made sure I understood every medicine before I went home.'),
    Item(P, 'Brilliant team, thank you for everything.'),
    Item(P, 'I was sceptical but the pain clinic really helped.'),
    Item(P, 'Reception can be slow but the doctors here are excellent.'),
    Item(P, 'Helpful staff who took my concerns seriously.'),
    Item(P, "Can't fault them."),
    Item(P, 'Everyone was friendly and the appointment ran on time.'),
    Item(P, 'I felt listened to and respected.'),
    Item(P, 'The wait was long, but once I was seen the care was superb.'),
    Item(P, 'My cancer journey has been hard, but the nurses made it bearable.'),
    Item(P, 'Really happy with how my diabetes review went.'),
    Item(P, 'They sorted my prescription the same day, no fuss.'),
    Item(P, 'Supportive and informative group sessions.'),
    Item(P, 'Great experience overall.'),
    Item(P, 'Kind, caring and efficient. Thank you.'),
    Item(P, 'Not a single problem this time, everything went smoothly.'),
    Item(P, 'The community nurse visits have made a huge difference to my mum.'),
    Item(N, 'Had my annual review on Tuesday. Bloods taken, next appointment in six months.'),
    Item(N, 'How long does it usually take to get results back from a biopsy?'),
    Item(N, 'Saw the practice nurse for my asthma check.'),
    Item(N, 'I was prescribed metformin 500 mg twice a day.'),
    Item(N, 'Does anyone know if the clinic does evening appointments?'),
    Item(N, 'The appointment was moved from Monday to Thursday.'),
    Item(N, 'Got my flu jab at the pharmacy.'),
    Item(N, "They're referring me to a cardiologist."),
    Item(N, 'Phone consultation with the GP about my medication review.'),
    Item(N, 'I had an ECG and a chest x-ray.'),
    Item(N, 'Is the walk-in centre open on bank holidays?'),
    Item(N, 'The consultant wants another scan in three months.'),
    Item(N, "I've been on the waiting list since March."),
    Item(N, 'My dose was increased to 20 mg.'),
    Item(N, "I'm in pain most days and trying a new tablet next week."),
    Item(N, "Had a telephone appointment, they'll send a letter."),
    Item(N, 'Went to A&E with chest pain, they ran tests and sent me home.'),
    Item(N, 'What should I bring to my first diabetes education session?'),
    Item(N, 'The clinic is on the third floor of the main building.'),
    Item(N, "I've been diagnosed with type 2 diabetes and started on tablets."),
    Item(N, 'My anxiety has been bad this month, I have a review booked.'),
    Item(N, 'Blood test results came back normal.'),
    Item(N, 'I was given a spacer to use with my inhaler.'),
    Item(N, 'The nurse took my blood pressure and weight.'),
    Item(N, 'Appointment was fine, nothing special.'),
    Item(N, 'It was okay. Some things good, some not.'),
    Item(N, 'Average experience really.'),
    Item(N, 'Can I ask for a female doctor for my smear?'),
    Item(N, 'They changed my inhaler to a different brand.'),
    Item(N, 'Follow-up is in six weeks.'),
    Item(N, 'I had my stitches out at the surgery today.'),
    Item(N, 'Are repeat prescriptions still ordered through the app?'),
    Item(N, 'Stayed two nights on the cardiac ward.'),
    Item(N, 'Mixed experience: the doctor was good but the booking was a pain.'),
    Item(N, 'The physio gave me exercises to do at home.'),
    Item(N, 'I was transferred to another hospital for the operation.'),
    Item(N, "The GP said to come back if it doesn't improve in two weeks."),
    Item(N, "They've added a statin to my medication."),
    Item(N, 'Had the vaccine, arm a bit sore today.'),
    Item(N, 'Does the hospital have a car park for blue badge holders?'),
    Item(N, 'My HbA1c went from 58 to 52.'),
    Item(N, 'The cancer nurse specialist gave me her number for questions.'),
    Item(N, "I'm on the list for a knee replacement."),
    Item(N, 'The letter says my referral has been received.'),
    Item(N, 'Nurse led clinic this time, not the consultant.'),
    Item(N, 'I needed three attempts to get blood taken, they got there in the end.'),
    Item(N, 'The pharmacy was out of stock so I went to another branch.'),
    Item(N, 'Depression diagnosis last year, now under the community mental health team.'),
    Item(N, 'They did a urine test and swabs.'),
    Item(N, 'Who do I call if my sugars go high overnight?'),
    Item(N, 'Just finished my course of antibiotics.'),
    Item(N, 'Seen by a registrar rather than the consultant.'),
    Item(N, "It's a 40 minute drive to the clinic."),
    Item(N, 'The scan took about half an hour.'),
    Item(N, 'I moved GP surgeries last month.'),
    Item(N, 'Had an endoscopy under sedation.'),
    Item(N, 'The video call kept freezing but we finished the appointment by phone.'),
    Item(N, 'My pain score is around 6 most days.'),
    Item(N, 'They are still deciding whether I need surgery.'),
    Item(X, 'Waited six weeks for the education course and nobody told me when it would start.'),
    Item(X, 'I was given the wrong dose of my water tablet and nobody noticed until my wife asked.'),
    Item(X, 'The receptionist was rude and made me feel like a nuisance.'),
    Item(X, "The doctor didn't listen and rushed me out in five minutes."),
    Item(X, 'Left in pain for hours on a trolley in the corridor.'),
    Item(X, "They lost my referral twice. I'm still waiting."),
    Item(X, 'Would not recommend this practice to anyone.'),
    Item(X, 'I felt dismissed and patronised by the consultant.'),
    Item(X, 'Nobody explained what the new tablets were for.'),
    Item(X, 'The ward was filthy and the bins were overflowing.'),
    Item(X, 'Impossible to get an appointment, the phone line is a nightmare.'),
    Item(X, 'The staff were nice, but I waited nine hours in A&E with a broken wrist.'),
    Item(X, 'Sent home without any painkillers after surgery.'),
    Item(X, 'My mental health crisis was treated like an inconvenience.'),
    Item(X, 'The nurse was lovely but the discharge was chaotic and my medicines were wrong.'),
    Item(X, 'Treated like a number, never again.'),
    Item(X, 'No follow-up after my scan showed a shadow. I had to chase for a month.'),
    Item(X, 'They cancelled my operation on the day for the third time.'),
    Item(X, 'I told them about my allergy and they still gave me penicillin.'),
    Item(X, 'Awful experience at the out of hours clinic.'),
    Item(X, 'The GP refused to refer me and it turned out I had cancer.'),
    Item(X, 'Not listened to, not believed, and sent away with paracetamol.'),
    Item(X, 'Results were lost and nobody apologised.'),
    Item(X, "Absolute waste of time, the specialist hadn't read my notes."),
    Item(X, 'Kept waiting for hours with no explanation.'),
    Item(X, 'Condescending consultant who talked over me.'),
    Item(X, "My dad fell on the ward and we weren't told until the next day."),
    Item(X, "It's been four months and I still haven't heard about my referral."),
    Item(X, 'The doctor was friendly enough, however he got my diagnosis completely wrong.'),
    Item(X, 'Staff shortages mean nobody came when I pressed the buzzer.'),
    Item(X, 'Appalling communication between the hospital and my GP.'),
    Item(X, 'They ignored my concerns about the side effects until I ended up in hospital.'),
    Item(X, 'Unhelpful and unprofessional reception team.'),
    Item(X, 'The app kept cancelling my appointments and nobody could fix it.'),
    Item(X, 'I felt rushed and confused when I left.'),
    Item(X, 'Terrible. Four hours late and then they sent me away to rebook.'),
    Item(X, 'They discharged my mum too early and she was back in within two days.'),
    Item(X, 'Pain relief was withheld for hours because the doctor was busy.'),
    Item(X, 'Billing charged me twice for the same visit and nobody answers the phone.'),
    Item(X, 'My privacy was not respected, they discussed my diagnosis in the waiting room.'),
    Item(X, "Doesn't listen, doesn't care."),
    Item(X, 'The nurses were kind, but the doctors never explained anything to us.'),
    Item(X, 'Shocking lack of care for elderly patients.'),
    Item(X, 'Incompetent handling of my prescription, three weeks without insulin pens.'),
    Item(X, 'I was made to feel like I was wasting their time.'),
    Item(X, 'They promised a call back that never came.'),
    Item(X, 'No one checked on me all night.'),
    Item(X, 'The cleanliness of the toilets was disgraceful.'),
    Item(X, "Horrible experience, I won't be going back."),
    Item(X, "The wait for mental health support is over a year. That's not care."),
    Item(P, 'The heart failure nurse rang me after discharge to check how I was doing. So reassuring.'),
    Item(P, 'Even with the queues, the vaccination team kept everyone smiling.'),
    Item(P, 'My diabetes consultant is patient, clear and never rushes me.'),
    Item(P, 'Felt genuinely cared for during a frightening week.'),
    Item(P, 'Top marks to the endoscopy unit, calm and kind.'),
    Item(P, 'The practice has improved hugely since the new manager started.'),
    Item(P, 'I was anxious about the injection but the nurse talked me through it and it was fine.'),
    Item(P, 'Quick repeat prescription, ready the next morning. Thank you.'),
    Item(P, 'The palliative team gave my husband a peaceful end and supported all of us.'),
    Item(P, 'Really helpful advice from the pharmacist about my inhalers.'),
    Item(P, 'Appointment ran late but the doctor apologised and gave me plenty of time.'),
    Item(P, 'The cardiac rehab staff were encouraging and I feel stronger.'),
    Item(P, 'Clean, calm ward and attentive nurses.'),
    Item(P, 'Not what I expected from an NHS clinic, in a good way.'),
    Item(P, 'Honest, kind and thorough.'),
    Item(P, 'The psychologist helped me more in six sessions than years of tablets.'),
    Item(P, 'Great communication between my GP and the hospital this time.'),
    Item(P, 'The night nurse noticed my sugar dropping before I did.'),
    Item(P, 'Really good first appointment at the long covid clinic.'),
    Item(P, "I have nothing but praise for the children's ward."),
    Item(N, 'My referral letter arrived this morning.'),
    Item(N, 'Has anyone had the new injectable for diabetes? My GP mentioned it.'),
    Item(N, "I'm having an MRI on Friday."),
    Item(N, 'The review was by phone this year.'),
    Item(N, 'Blood pressure 138/86 at the check.'),
    Item(N, 'They swapped my tablets to a generic brand.'),
    Item(N, 'Stayed overnight for observation after a fall at home.'),
    Item(N, 'Is there a way to see my test results online?'),
    Item(N, 'The GP practice merged with the one down the road.'),
    Item(N, 'Pain is about the same as before the injection.'),
    Item(N, 'My next asthma review is in April.'),
    Item(N, 'The nurse said I might need a sleep study.'),
    Item(N, 'Some staff were great, others less so.'),
    Item(N, 'I had a cortisone injection in my shoulder.'),
    Item(N, 'Took the bus to the new community diagnostic centre.'),
    Item(N, 'They gave me a leaflet about pacing.'),
    Item(N, "I'm due to start insulin next month."),
    Item(N, 'Can my husband come into the appointment with me?'),
    Item(N, 'The clinic letter was copied to my GP.'),
    Item(N, 'It was an ordinary check-up.'),
    Item(X, 'The booking line rang out every single morning for a week.'),
    Item(X, 'I was discharged at midnight with no way to get home.'),
    Item(X, 'Kind porters, but the doctor never came to see me.'),
    Item(X, 'They ignored my pain until I was screaming.'),
    Item(X, "Third missed diagnosis in a year, I've lost all trust."),
    Item(X, 'Rude, rushed and dismissive.'),
    Item(X, 'My scan results sat in a tray for two months.'),
    Item(X, 'Nobody told us Mum had been moved to another ward.'),
    Item(X, 'The ambulance took four hours and the call handler was curt.'),
    Item(X, 'Charged for a prescription I was exempt from and nobody would sort it out.'),
    Item(X, "Given someone else's medication on the ward."),
    Item(X, 'The mental health team discharged me after one call.'),
    Item(X, "Wouldn't recommend, the whole process was a mess."),
    Item(X, 'They talked about me, not to me.'),
    Item(X, 'I begged for pain relief and was told to wait for the drug round.'),
    Item(X, 'Appointment cancelled by text the night before, again.'),
    Item(X, 'The consultant was brilliant, but it took eleven months to see him and I got much worse.'),
    Item(X, 'Staff were chatting while my dad lay in a wet bed.'),
    Item(X, 'Still no callback after three weeks.'),
    Item(X, 'Left feeling worse and more confused than when I arrived.'),
    Item(P, 'My PCP called me herself with the biopsy results instead of leaving it to a portal message. Benign, and she stayed on the line to answer everything.'),
    Item(P, 'The ER was packed on a Saturday night, but triage got me back in forty minutes and the PA was fantastic.'),
    Item(P, "I've had fibromyalgia for ten years and this is the first rheumatologist who didn't roll her eyes at me. Grateful doesn't cover it."),
    Item(P, 'Honestly expected the worst after reading reviews. I was wrong, the surgical team were excellent and I was home the next day.'),
    Item(P, "The infusion center nurses remember my name, my kids' names and how I like my blanket. Chemo is still chemo, but they make Tuesdays easier."),
    Item(P, "Billing sorted out my insurance mix-up in one phone call and refunded the copay. Didn't think that was possible."),
    Item(P, 'Not the most modern building, but the care inside it is second to none.'),
    Item(P, "Nothing fancy, just a GP who knows what she's doing and listens. Five stars."),
    Item(P, 'I had a miscarriage last spring and the early pregnancy unit treated us with so much gentleness. I will never forget that.'),
    Item(P, 'Seen, scanned and plastered within two hours. Impressive for a Friday night.'),
    Item(P, "The speech therapist has been a huge help with Dad's swallowing after his stroke."),
    Item(P, 'Side effects from the new biologic knocked me out for a week, yet the rheumatology helpline called back within an hour every time I rang.'),
    Item(N, 'My insurance needs a prior authorization before the MRI, so the office is submitting it this week.'),
    Item(N, 'Had my colonoscopy prep this weekend. Procedure is Monday at 8.'),
    Item(N, 'Does urgent care take walk-ins on Sundays or do you need to check in online?'),
    Item(N, 'The cardiologist wants me to wear a Holter monitor for 48 hours. Fitting is next Wednesday.'),
    Item(N, 'I switched from the pen to the pump in January. Still getting used to it.'),
    Item(N, 'The GP surgery now asks you to fill in an online form before they call you back.'),
    Item(N, 'Parking was free after 6pm.'),
    Item(N, 'The doctor was fine. The wait was fine. Nothing to report really.'),
    Item(N, 'Went in for a smear, took five minutes, results by letter in a few weeks.'),
    Item(N, 'My copay for the specialist visit was $40.'),
    Item(N, 'Is it normal for the consultant to not examine you at a follow-up?'),
    Item(N, 'Good and bad this time. Lovely nurse, but the paperwork was a muddle and I had to repeat my history three times.'),
    Item(X, "Oh great, another 'we'll call you back' that never happens. Third week running."),
    Item(X, "Fantastic, they've lost my bloods again. Fourth set this year."),
    Item(X, 'I spent $600 on an ER visit where nobody examined me properly and I was told to see my PCP.'),
    Item(X, "The surgeon was clearly skilled, but nobody explained the recovery and I was terrified at home with a drain I didn't understand."),
    Item(X, "My son's ADHD assessment referral has been 'in the system' for two years. Every call, a different answer."),
    Item(X, 'Lovely building, shame about the care.'),
    Item(X, 'Great bedside manner, pity about the misdiagnosis.'),
    Item(X, 'I was asked about my HIV status loudly at the front desk with a queue behind me.'),
    Item(X, "Insurance denied the claim because the office coded it wrong, and they won't fix it."),
    Item(X, 'Had to explain my whole history to four different doctors in one day. Nobody read the notes.'),
    Item(X, "The therapist cancelled three sessions in a row without warning. When you're barely holding on, that hurts."),
    Item(X, 'Not impressed. The locum barely looked up from the screen.'),
    Item(P, 'The chest pain turned out to be nothing serious, and the cardiology team were reassuring and quick.', holdout=True),
    Item(P, 'After months of depression I finally got a therapist who gets it. Our sessions have been really good for me.', holdout=True),
    Item(P, "I can't say a bad word about the maternity unit.", holdout=True),
    Item(P, "Not one thing I'd change about my knee replacement care.", holdout=True),
    Item(P, 'The cancer diagnosis was a shock, but my nurse specialist has been there for every question since.', holdout=True),
    Item(P, 'Urgent care was quick, the nurse practitioner was thorough, and the bill was what they quoted.', holdout=True),
    Item(P, 'Had a rough night with vomiting after the op, the night staff were patient and kind throughout.', holdout=True),
    Item(P, 'Our health visitor is a gem.', holdout=True),
    Item(P, 'The receptionist went out of her way to fit me in the same afternoon.', holdout=True),
    Item(P, 'I was dreading the smear test but the nurse was lovely and it was over before I knew it.', holdout=True),
    Item(P, "The anxiety clinic gave me tools that actually work. I'm sleeping again.", holdout=True),
    Item(P, "Parking was a nightmare, but the endoscopy staff were superb and I didn't wait at all once inside.", holdout=True),
    Item(P, 'Excellent physio, explained everything and gave me a plan I could stick to.', holdout=True),
    Item(P, 'No problems whatsoever with the online repeat prescription service.', holdout=True),
    Item(P, 'Dr Patel is the reason I trust doctors again.', holdout=True),
    Item(P, "My diabetic foot ulcer has finally healed thanks to the district nurses' persistence.", holdout=True),
    Item(P, 'The whole team on the stroke unit treated Dad like family.', holdout=True),
    Item(P, 'I was in agony when I arrived and they had me comfortable within half an hour.', holdout=True),
    Item(P, 'Quick, painless and the results came back the next day. Very pleased.', holdout=True),
    Item(P, "The hospice nurses made Mum's last week peaceful. We're so thankful.", holdout=True),
    Item(P, 'The ICU doctors kept us updated twice a day, even when the news was bad. That honesty meant a lot.', holdout=True),
    Item(P, 'Would happily go back to this clinic.', holdout=True),
    Item(P, 'Best pharmacy in town, they always check for interactions and never rush you.', holdout=True),
    Item(P, 'Booking was a faff, but the appointment itself was excellent.', holdout=True),
    Item(P, "I didn't expect much from a telehealth visit but the doctor was attentive and sorted my prescription on the spot.", holdout=True),
    Item(P, "It's hard living with MS, and the neuro nurses make it a little less hard.", holdout=True),
    Item(P, 'The surgeon drew diagrams to explain the procedure. Really appreciated that.', holdout=True),
    Item(P, "Can't recommend the eating disorder service highly enough.", holdout=True),
    Item(P, 'The midwife spotted my pre-eclampsia early, probably saved us both.', holdout=True),
    Item(P, 'Friendly front desk, short wait, sensible advice.', holdout=True),
    Item(N, 'Had a hearing test at the audiology department, results in two weeks.', holdout=True),
    Item(N, 'Should I fast before a cholesterol blood test?', holdout=True),
    Item(N, 'The consultant increased my sertraline to 100 mg and will review in eight weeks.', holdout=True),
    Item(N, "I've been referred for physio on my lower back.", holdout=True),
    Item(N, 'My appointment is at the satellite clinic rather than the main hospital this time.', holdout=True),
    Item(N, 'Anyone know how long the wait is for ADHD assessment in this area?', holdout=True),
    Item(N, 'Had an X-ray on my wrist, no fracture.', holdout=True),
    Item(N, 'The nurse changed my dressing and booked the next one for Friday.', holdout=True),
    Item(N, 'I get my blood thinners from the hospital pharmacy now, not the GP.', holdout=True),
    Item(N, 'Routine eye screening for my diabetes. Drops in, photos taken, done.', holdout=True),
    Item(N, 'The cancer centre moved my chemo to Thursdays.', holdout=True),
    Item(N, "I'm on a six-week course of radiotherapy starting Monday.", holdout=True),
    Item(N, "They took bloods and said they'd ring if anything was abnormal.", holdout=True),
    Item(N, 'Went to the walk-in with a rash, they said it was viral.', holdout=True),
    Item(N, 'Is there a support group for carers at the memory clinic?', holdout=True),
    Item(N, 'My depression medication was switched from citalopram to mirtazapine.', holdout=True),
    Item(N, 'The specialist nurse runs the clinic on Tuesday afternoons.', holdout=True),
    Item(N, "Pain is worse in the mornings, I've mentioned it to the physio.", holdout=True),
    Item(N, 'The appointment lasted about ten minutes.', holdout=True),
    Item(N, 'Some bits good, some bits not so good. About what I expected.', holdout=True),
    Item(N, 'Fine. Nothing to write home about.', holdout=True),
    Item(N, 'It was a standard follow-up, no changes to my treatment.', holdout=True),
    Item(N, "They're sending me for a CT scan to rule things out.", holdout=True),
    Item(N, 'My insurance covered the visit after the deductible.', holdout=True),
    Item(N, 'Does the hospital provide interpreters for appointments?', holdout=True),
    Item(N, 'I saw a different GP from usual because mine was on leave.', holdout=True),
    Item(N, 'The ward had six beds and a bathroom at the end.', holdout=True),
    Item(N, 'Had my second COVID booster, arm ached for a day.', holdout=True),
    Item(N, 'The pre-op assessment included an ECG, bloods and MRSA swabs.', holdout=True),
    Item(N, 'The doctor was good but the wait was long, so it evens out.', holdout=True),
    Item(X, 'Told I was just anxious. It was a blood clot.', holdout=True),
    Item(X, 'I waited five hours in the ER with a child running a 104 fever.', holdout=True),
    Item(X, 'Nobody returned my calls about the biopsy for three weeks.', holdout=True),
    Item(X, 'The nurse was nice enough but I left with no idea what happens next.', holdout=True),
    Item(X, 'Receptionist laughed when I asked for an urgent appointment.', holdout=True),
    Item(X, 'My referral to rheumatology was rejected without anyone even examining me.', holdout=True),
    Item(X, "The doctor spent the whole appointment typing and didn't look at me once.", holdout=True),
    Item(X, 'Surprise bill of $2,300 for an in-network hospital. Nobody could explain it.', holdout=True),
    Item(X, 'Brilliant. Another cancelled appointment and no new date.', holdout=True),
    Item(X, 'They kept Mum on a trolley in a corridor for 14 hours.', holdout=True),
    Item(X, 'I asked about side effects and was told to Google it.', holdout=True),
    Item(X, "Couldn't get through on the phone for two days, then told all appointments were gone.", holdout=True),
    Item(X, 'I had a panic attack in the waiting room and staff just walked past.', holdout=True),
    Item(X, "The dentist was rough and didn't stop when I raised my hand.", holdout=True),
    Item(X, 'Not once did anyone ask how I was coping after the diagnosis.', holdout=True),
    Item(X, 'My medication was changed without anyone telling me.', holdout=True),
    Item(X, "The bathrooms on the ward hadn't been cleaned in days.", holdout=True),
    Item(X, 'Staff discussed my case in the corridor where everyone could hear.', holdout=True),
    Item(X, 'Good surgeon, terrible aftercare.', holdout=True),
    Item(X, "I was sent home twice with 'a virus' before they found the appendicitis.", holdout=True),
    Item(X, "The locum didn't even know what my condition was, let alone how to treat it.", holdout=True),
    Item(X, 'Six months waiting for a mental health assessment and then it was a 15 minute phone call.', holdout=True),
    Item(X, 'They made my daughter feel like she was attention seeking when she was suicidal.', holdout=True),
    Item(X, "The GP practice is impossible to get into, I've given up.", holdout=True),
    Item(X, 'Lost my prescription, then blamed me.', holdout=True),
    Item(X, 'The ward felt unsafe at night, the buzzer went unanswered.', holdout=True),
    Item(X, 'I felt humiliated being examined with the curtain open.', holdout=True),
    Item(X, 'Hours on hold with the insurance company and the clinic just kept passing me back and forth.', holdout=True),
    Item(X, "So much for 'patient-centred care'. I was a bed number to them.", holdout=True),
    Item(X, "The staff are trying their best but the system is broken and my husband's cancer was found too late.", holdout=True),
]

DEV: list[Item] = [i for i in ITEMS if not i.holdout]
HOLDOUT: list[Item] = [i for i in ITEMS if i.holdout]
SPLITS: dict[str, list[Item]] = {"full": ITEMS, "dev": DEV, "holdout": HOLDOUT}


def metrics(gold: Iterable[str], predicted: Iterable[str]) -> dict[str, float]:
    """Accuracy, macro-F1 and per-label precision/recall/F1 (no sklearn)."""
    pairs = list(zip(gold, predicted, strict=True))
    if not pairs:
        raise ValueError("no items")
    out: dict[str, float] = {"n": float(len(pairs)), "accuracy": sum(g == p for g, p in pairs) / len(pairs)}
    f1s = []
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in pairs)
        fp = sum(g != lab and p == lab for g, p in pairs)
        fn = sum(g == lab and p != lab for g, p in pairs)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[f"{lab}_precision"], out[f"{lab}_recall"], out[f"{lab}_f1"] = prec, rec, f1
        f1s.append(f1)
    out["macro_f1"] = sum(f1s) / len(f1s)
    return out


def evaluate(items: Iterable[Item], tagger: Callable[[str], object]) -> dict[str, float]:
    items = list(items)
    return metrics([i.label for i in items], [getattr(tagger(i.text), "label") for i in items])


def report() -> dict[tuple[str, str], dict[str, float]]:
    from community.feedback.sentiment import analyse, baseline

    return {(name, split): evaluate(items, fn)
            for name, fn in (("baseline", baseline), ("harbor", analyse))
            for split, items in SPLITS.items()}


def table() -> str:
    from community.feedback.sentiment import TAGGER_VERSION

    counts = {s: {lab: sum(i.label == lab for i in items) for lab in LABELS} for s, items in SPLITS.items()}
    lines = [f"tagger {TAGGER_VERSION}; items: " + "; ".join(
                 f"{s} {len(SPLITS[s])} ({', '.join(f'{c[lab]} {lab[:3]}' for lab in LABELS)})" for s, c in counts.items()),
             "",
             "| tagger | split | n | accuracy | macro-F1 | pos P / R | neu P / R | neg P / R |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for (name, split), m in report().items():
        per = " | ".join(f"{m[lab + '_precision']:.2f} / {m[lab + '_recall']:.2f}" for lab in LABELS)
        lines.append(f"| {name} | {split} | {int(m['n'])} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} | {per} |")
    return "\n".join(lines)


def dev_errors() -> list[tuple[str, str, float, str]]:
    """(gold, predicted, score, text) for dev-split misses only: the holdout stays unseen."""
    from community.feedback.sentiment import analyse

    out = []
    for item in DEV:
        s = analyse(item.text)
        if s.label != item.label:
            out.append((item.label, s.label, s.score, item.text))
    return out


if __name__ == "__main__":
    if "--errors" in sys.argv[1:]:
        for gold, pred, score, text in dev_errors():
            print(f"{gold[:3]} -> {pred[:3]} {score:+.3f}  {text}")
    else:
        print(table())
