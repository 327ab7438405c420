"""Demo health education: two reviewed articles, an announcement, the source lists and a post
answered by a clinician's sourced note."""
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
