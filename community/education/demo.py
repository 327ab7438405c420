"""Demo health education: reviewed articles (asthma, type 2 diabetes, long COVID), an announcement,
the source lists and a post answered by a clinician's sourced note."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..extensions import db
from ..forums import services as forums
from ..forums.models import Thread
from ..moderation import services as moderation
from . import announcements, articles, domains
from .models import DomainKind

INHALER = """Most people with asthma use their inhaler in a way that gets less medicine into the lungs than it could.
A few habits make a real difference:

- **Use a spacer** with a metered-dose (puffer) inhaler. It holds the medicine so you can breathe it in slowly.
- **One puff at a time**: shake, one puff into the spacer, then five slow breaths or one slow deep breath held for ten seconds.
- **Rinse your mouth** after a steroid (preventer) inhaler to lower the chance of thrush and a hoarse voice.
- **Keep your preventer going** even when you feel well: it calms the airways over weeks, not minutes.

If you need your reliever more than three times a week, ask for an asthma review: your treatment may need a change.
Ask your nurse or pharmacist to watch your technique at your next review."""

METFORMIN = """Metformin is usually the first medicine offered for type 2 diabetes. It lowers the amount of glucose your liver
releases and helps your body respond to insulin.

- **Take it with or just after food.** Stomach upset is common in the first weeks and usually settles; a slow-release
  form can help if it does not.
- **It rarely causes hypos** on its own, but it can when combined with some other diabetes medicines.
- **Tell your team before a scan with contrast dye or an operation**, and if you are vomiting or cannot keep fluids
  down: you may be asked to pause it for a short time.

Do not stop or change your dose without talking to your diabetes team."""

PACING = """Many people with long COVID find that doing too much on a good day is followed by a crash a day or two later:
more tiredness, brain fog or breathlessness. Pacing means spreading your energy so that the good days do not cost you the
next ones.

- **Find your baseline**: for a week or two, note what you do and how you feel afterwards, including the next day.
  Aim for an amount of activity you can manage even on a bad day, and build from there.
- **Plan, prioritise, pace**: spread demanding tasks across the week, break them into smaller parts, and decide what can
  wait or who could help.
- **Rest before you need to**: short, planned rests during the day work better than stopping only when you are exhausted.
  Mental effort (screens, reading, conversations) counts as activity too.
- **Increase slowly**, and only when your baseline has felt steady for a while. Setbacks are common; go back to a level
  you could manage and build again.

Talk to your GP or long COVID service before starting an exercise programme, especially if activity makes your symptoms
worse a day or two later. Get urgent help for chest pain, severe breathlessness or new confusion: call 999 or go to A&E."""

BRAIN_FOG = """"Brain fog" is how many people describe the problems with memory, concentration and finding words that can come
with long COVID. It often gets better over time, and a few habits can make day-to-day life easier meanwhile:

- **Write things down**: use lists, a diary or phone reminders for appointments, medicines and tasks.
- **One thing at a time**: do demanding tasks when you usually feel most alert, in a quiet place, with breaks.
- **Keep routines** where you can, and keep things you use every day in the same place.
- **Rest your brain as well as your body**: screens and busy places tire the brain too.
- **Tell people what helps**: family, friends or an employer may be able to adjust how they share information with you.

See your GP if brain fog is getting worse, is stopping you from working or looking after yourself, or comes with other new
symptoms. You can also ask to be referred to a long COVID service."""

SOURCES_LONG_COVID = [
    {"title": "Long-term effects of COVID-19 (long COVID)",
     "url": "https://www.nhs.uk/conditions/covid-19/long-term-effects-of-covid-19-long-covid/", "publisher": "NHS"},
    {"title": "COVID-19 rapid guideline: managing the long-term effects of COVID-19 (NG188)",
     "url": "https://www.nice.org.uk/guidance/ng188", "publisher": "NICE"},
    {"title": "Your COVID Recovery", "url": "https://www.yourcovidrecovery.nhs.uk/", "publisher": "NHS"},
]

SOURCES_ASTHMA = [
    {"title": "How to use your inhaler", "url": "https://www.asthmaandlung.org.uk/living-with/inhaler-videos", "publisher": "Asthma + Lung UK"},
    {"title": "Asthma: treatment", "url": "https://www.nhs.uk/conditions/asthma/treatment/", "publisher": "NHS", "date": "2024"},
]
SOURCES_METFORMIN = [
    {"title": "Metformin", "url": "https://www.nhs.uk/medicines/metformin/", "publisher": "NHS", "date": "2023"},
    {"title": "Type 2 diabetes in adults: management (NG28)", "url": "https://www.nice.org.uk/guidance/ng28", "publisher": "NICE"},
]


def load(users: dict[str, Any]) -> None:
    for d in ("nhs.uk", "nice.org.uk", "asthmaandlung.org.uk", "diabetes.org.uk", "bhf.org.uk"):
        domains.set_domain(actor=None, domain=d, kind=DomainKind.TRUSTED)
    domains.set_domain(actor=None, domain="miracle-sugar-cure.example", kind=DomainKind.FLAGGED,
                       note="Sells supplements claiming to replace diabetes medicine")
    amara, tomas = users["clin_amara"], users["clin_tomas"]
    a = articles.create_article(actor=amara, condition=forums.get_condition("asthma"), title="Getting the most from your inhaler",
                                summary="Spacers, one puff at a time, and why the preventer matters on good days.",
                                body=INHALER, sources=SOURCES_ASTHMA)
    articles.review_article(actor=tomas, article=a, action="approve", note="Clear and accurate.")
    m = articles.create_article(actor=tomas, condition=forums.get_condition("type-2-diabetes"), title="Starting metformin",
                                summary="What it does, how to take it, and when to pause it.", body=METFORMIN, sources=SOURCES_METFORMIN)
    articles.review_article(actor=amara, article=m, action="approve")
    long_covid = forums.get_condition("long-covid")
    for author, reviewer, title, summary, body in (
            (amara, tomas, "Pacing with long COVID",
             "Finding your baseline, planning rest, and building up slowly after a crash.", PACING),
            (tomas, amara, "Living with brain fog",
             "Small habits for memory and concentration, and when to see your GP.", BRAIN_FOG)):
        lc = articles.create_article(actor=author, condition=long_covid, title=title, summary=summary, body=body,
                                     sources=SOURCES_LONG_COVID)
        articles.review_article(actor=reviewer, article=lc, action="approve", note="Checked against the NHS and NICE pages.")
    announcements.create_announcement(
        actor=users["admin_harbor"], condition=forums.get_condition("asthma"), level="info",
        title="Flu vaccine clinics are open",
        body="People with asthma are offered a free flu vaccine each autumn. Book at your GP surgery or a pharmacy.")
    thread = db.session.scalar(sa.select(Thread).join(Thread.condition).where(Thread.condition.has(slug="type-2-diabetes"))
                               .order_by(Thread.id))
    if thread is not None:
        claim = forums.reply(actor=users["steady_heart"], thread=thread,
                             body="A friend says cinnamon capsules work as well as metformin, so she stopped hers. Is that true?")
        moderation.add_context_note(
            actor=tomas, post=claim.post,
            body="Cinnamon has not been shown to replace diabetes medicine, and stopping metformin without your team can raise "
                 "your blood sugar. Please talk to your diabetes team before changing anything.",
            sources=[{"title": "Metformin", "url": "https://www.nhs.uk/medicines/metformin/", "publisher": "NHS"},
                     {"title": "Diabetes and complementary therapies", "url": "https://www.diabetes.org.uk/guide-to-diabetes",
                      "publisher": "Diabetes UK"}])
