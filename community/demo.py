"""The demo community (`flask --app wsgi demo load`): conditions, members of every role with
their demo passwords, and conversations written for Harbor. Loading twice is refused."""
from __future__ import annotations

import datetime as dt
import secrets
import zlib
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from .auth import services as accounts
from .auth.models import Role, User
from .chat.demo import load as load_chat
from .clinicians.services import verify_directly
from .db import utcnow
from .errors import Conflict
from .extensions import db
from .feedback.demo import load as load_feedback
from .forums import services as forums
from .forums.models import Post, Thread

CONDITIONS = [
    ("type-2-diabetes", "Type 2 Diabetes", "Living with type 2 diabetes: food, medication, glucose monitoring, and the days it all feels like too much.",
     "Be kind. Share your experience, not prescriptions: what works for you may not suit someone else.\nNo personal contact details, please.\nAsk your own care team before changing any medication."),
    ("asthma", "Asthma", "Inhalers, triggers, action plans and getting through the winter with asthma.",
     "If you are struggling to breathe, call emergency services now: do not wait for a reply here.\nBe kind, stay on topic, and keep personal details private."),
    ("heart-failure", "Heart Failure", "Support for people living with heart failure and those who care for them.",
     "Share experience, not diagnoses. No promotion of products or supplements."),
    ("long-covid", "Long COVID", "Fatigue, brain fog, pacing and recovery. Going slowly is allowed here.",
     "Be patient with each other: energy is scarce. No miracle cures."),
    ("anxiety-depression", "Anxiety & Depression", "A gentle space to talk about mood, anxiety and getting support.",
     "If you are in crisis, the help resources at the bottom of every page are there for you right now.\nNo bullying; moderators act quickly."),
]

# Each community's own words for its crisis help box (shown with the crisis lines).
CRISIS_HELP = {
    "anxiety-depression": ("If you already have a mental health team, their crisis number is on your care plan: you can "
                           "call it now. Your GP can also arrange an urgent appointment today."),
    "type-2-diabetes": ("If you have stopped your medication or insulin, or taken more than prescribed, call 111 (UK) or "
                        "your diabetes team now, whatever the reason: they will help, not judge."),
}

# (username, role, display name, bio)
MEMBERS = [
    ("admin_harbor", Role.ADMIN, "Harbor Admin", "Keeps the lights on."),
    ("mod_juniper", Role.MODERATOR, "Juniper (moderator)", "Community moderator. Here to keep this a safe place."),
    ("quality_lee", Role.QUALITY, "Lee, care quality", "Care quality team."),
    ("clin_amara", Role.CLINICIAN, "Amara O.", "Respiratory nurse specialist."),
    ("clin_tomas", Role.CLINICIAN, "Tomas R.", "Diabetes specialist pharmacist."),
    ("sugarbeet", Role.PATIENT, "Sugarbeet", "Diagnosed in 2021. Slowly figuring out carbs."),
    ("wheezy_walker", Role.PATIENT, "Wheezy Walker", "Asthma since childhood, hill walker anyway."),
    ("steady_heart", Role.PATIENT, "Steady Heart", None),
    ("foggy_fern", Role.PATIENT, "Fern", "Long COVID since 2022. Pacing is my job now."),
    ("quiet_harbour", Role.PATIENT, None, None),
    ("newbie_nell", Role.PATIENT, "Nell", "Just diagnosed, still taking it in."),
]

# (condition, author, title, is_question, opening body, [(author, reply)])
THREADS: list[tuple[str, str, str, bool, str, list[tuple[str, str]]]] = [
    ("type-2-diabetes", "sugarbeet", "Metformin stomach trouble: does it settle down?", True,
     "Started metformin three weeks ago and my stomach has been all over the place. My GP said it usually settles. "
     "Did it for you? I'm taking it with dinner.",
     [("steady_heart", "It took about six weeks for me. Taking it halfway through the meal rather than after helped a bit."),
      ("clin_tomas", "Stomach upset is the most common side effect and often eases over a few weeks. Some people do better on the "
                     "modified-release version, so it's worth asking your GP or pharmacist about that rather than stopping on your own."),
      ("sugarbeet", "Thank you both. I'll ask about the modified-release one at my review next month.")]),
    ("type-2-diabetes", "newbie_nell", "Just diagnosed and a bit overwhelmed", False,
     "Got my diagnosis on Friday. A1c of 58. I've been reading everything and now I'm scared of every meal. "
     "How did you all start?",
     [("sugarbeet", "One meal at a time honestly. I started by swapping breakfast and left everything else alone for a month."),
      ("quiet_harbour", "The structured education course my surgery offered was the most useful thing I did. Ask if yours runs one.")]),
    ("type-2-diabetes", "steady_heart", "Glucose readings after exercise", True,
     "Anyone else see higher numbers right after a brisk walk? I was at 7.8 mmol/L before and 9.1 after, then it dropped to 6.2 an hour later.",
     [("clin_tomas", "A short rise straight after harder exercise is common because your body releases stored glucose. The later drop is the "
                     "longer-term effect. Keep a note of the pattern to discuss with your diabetes team."),
      ("sugarbeet", "Same here after cycling uphill. Slower walks don't do it.")]),
    ("asthma", "wheezy_walker", "Cold air is wrecking my walks", True,
     "Every winter the first cold morning gets me. Reliever helps but I'm using it more than twice a week now. "
     "What do you all do?",
     [("clin_amara", "Using your reliever more than about three times a week is a sign to book an asthma review: your preventer may need "
                     "adjusting. A scarf over the mouth and nose warms the air a little. This is general information, so do check your "
                     "own plan with your nurse."),
      ("quiet_harbour", "A buff over my face changed everything for my dog walks."),
      ("wheezy_walker", "Booked the review. Thanks for the nudge.")]),
    ("asthma", "quiet_harbour", "Spacer or no spacer?", False,
     "My new nurse says I should use a spacer with my inhaler. I've never bothered in 20 years. Is it really different?",
     [("wheezy_walker", "I resisted for years too. Honestly my preventer works better with it: more goes into the lungs, less in the mouth.")]),
    ("heart-failure", "steady_heart", "Daily weighing: how strict are you?", False,
     "My heart failure nurse wants me weighing every morning. Some days I forget and then panic. How do you make it a habit?",
     [("foggy_fern", "Not heart failure but I keep my scales next to the kettle. No weigh, no tea."),
      ("quiet_harbour", "I write it on a calendar on the fridge. Seeing the streak helps.")]),
    ("long-covid", "foggy_fern", "Pacing: what finally clicked for you?", False,
     "Two years in. I keep doing too much on good days and paying for it for three days after. "
     "How do you stop yourselves?",
     [("quiet_harbour", "I set a timer for 20 minutes on anything, even on good days. It felt silly but the crashes are rarer."),
      ("wheezy_walker", "Heart rate watch. When it goes over my limit I sit down, no arguments.")]),
    ("anxiety-depression", "quiet_harbour", "Small wins this week", False,
     "Let's share small wins. Mine: I went to the shop on my own on Tuesday, first time in a month.",
     [("foggy_fern", "That's not small at all. Mine: I answered the phone to the surgery instead of letting it ring out."),
      ("newbie_nell", "I made it to my first appointment and asked all my questions from my list.")]),
]

FEEDBACK = [
    ("sugarbeet", "The diabetes nurse took real time to explain my results and never made me feel rushed. Best appointment I've had.", 5, "outpatient_clinic", "type-2-diabetes"),
    ("newbie_nell", "Waited six weeks for the education course and nobody told me when it would start. I felt forgotten.", 2, "gp_primary_care", "type-2-diabetes"),
    ("wheezy_walker", "Annual asthma review on Tuesday. Inhaler technique checked, next review in a year.", None, "gp_primary_care", "asthma"),
    ("steady_heart", "I was given the wrong dose of my water tablet on the ward and nobody noticed until my wife asked.", 1, "hospital_inpatient", "heart-failure"),
    ("foggy_fern", "The long COVID clinic listened to me, which after two years of being dismissed meant everything.", 5, "outpatient_clinic", "long-covid"),
    ("quiet_harbour", "Reception was rude on the phone and the appointment system is impossible, but the GP herself was lovely.", 3, "gp_primary_care", "anxiety-depression"),
]

PASSWORD_NOTE = "Demo passwords (shown once; change them in Settings):"
TOTP_NOTE = ("Staff sign in with a code too: add the two-step key to an authenticator app (time-based, 6 digits), "
             "or print the current code with `flask --app wsgi users otp NAME`.")


def load(*, echo: Callable[[str], Any] = print) -> dict[str, str]:
    """Create the demo community. Refuses if it is already there. Commits."""
    if db.session.scalar(sa.select(User.id).where(User.username == "admin_harbor")) is not None:
        raise Conflict("The demo community is already loaded.")
    for slug, name, desc, rules in CONDITIONS:
        forums.create_condition(actor=None, slug=slug, name=name, description=desc, guidelines=rules,
                                crisis_help=CRISIS_HELP.get(slug, ""))
    passwords: dict[str, str] = {}
    users: dict[str, User] = {}
    for username, role, display, bio in MEMBERS:
        pw = "demo-" + secrets.token_urlsafe(9)
        user = accounts.register(username=username, password=pw, role=role)
        user.display_name, user.bio = display, bio
        # Demo members are established: their posts are not held as a newcomer's would be.
        user.approved_posts = 10 if username != "newbie_nell" else 0
        passwords[username] = pw
        users[username] = user
    db.session.commit()
    verify_directly(user=users["clin_amara"], specialty="Respiratory nursing", licence="NMC 12A3456E")
    verify_directly(user=users["clin_tomas"], specialty="Diabetes pharmacy", licence="GPhC 2087654")
    users["mod_juniper"].is_verifier = True
    from . import permissions
    from .auth import mfa

    # Staff sign in with a second factor: enrol them, and print their keys with the passwords.
    totp: dict[str, str] = {}
    for username, user in users.items():
        if permissions.requires_mfa(user):
            mfa.enrol_directly(user=user)
            totp[username] = user.totp_secret or ""
    for username in ("sugarbeet", "wheezy_walker", "steady_heart", "foggy_fern", "quiet_harbour", "newbie_nell", "clin_amara", "clin_tomas"):
        for slug, *_ in CONDITIONS:
            if username.startswith("clin_") or zlib.crc32(f"{username}{slug}".encode()) % 2 == 0 or slug in _home(username):
                forums.join_condition(actor=users[username], condition=forums.get_condition(slug))
    users["foggy_fern"].feedback_consent = True
    users["sugarbeet"].feedback_consent = True
    db.session.commit()

    start = utcnow() - dt.timedelta(days=20)
    for i, (slug, author, title, is_q, body, replies) in enumerate(THREADS):
        cond = forums.get_condition(slug)
        was_new = users[author].approved_posts
        users[author].approved_posts = max(was_new, 10)
        result = forums.start_thread(actor=users[author], condition=cond, title=title, body=body, is_question=is_q)
        users[author].approved_posts = was_new
        when = start + dt.timedelta(days=i * 2, hours=9)
        _backdate(result.post, result.thread, when)
        for j, (replier, text) in enumerate(replies):
            r_new = users[replier].approved_posts
            users[replier].approved_posts = max(r_new, 10)
            r = forums.reply(actor=users[replier], thread=result.thread, body=text)
            users[replier].approved_posts = r_new
            _backdate(r.post, r.thread, when + dt.timedelta(hours=3 * (j + 1)))
        forums.refresh_thread(result.thread)
        db.session.commit()
    _load_extras(users, echo)

    echo(PASSWORD_NOTE)
    for username, pw in passwords.items():
        role = next(r for u, r, *_ in MEMBERS if u == username)
        key = f"  two-step key {totp[username]}" if username in totp else ""
        echo(f"  {username:<15} {role:<10} {pw}{key}")
    echo(TOTP_NOTE)
    return passwords


def _home(username: str) -> set[str]:
    return {"sugarbeet": {"type-2-diabetes"}, "wheezy_walker": {"asthma"}, "steady_heart": {"heart-failure", "type-2-diabetes"},
            "foggy_fern": {"long-covid"}, "quiet_harbour": {"anxiety-depression", "asthma"}, "newbie_nell": {"type-2-diabetes"}}.get(username, set())


def _backdate(post: Post, thread: Thread, when: dt.datetime) -> None:
    post.created_at = when
    if post.is_opening:
        thread.created_at = when
    db.session.flush()


def _load_extras(users: dict[str, User], echo: Callable[[str], Any]) -> None:
    """Chat history, feedback, health education and between-visits activity."""
    from .education.demo import load as load_education
    from .notifications.demo import load as load_notifications

    load_chat(users)
    load_feedback(users, FEEDBACK)
    load_education(users)
    load_notifications(users)
