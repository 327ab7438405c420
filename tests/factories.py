"""Small builders for tests: members of any role, conditions, threads, posts, tokens."""
from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from community.auth import services as accounts
from community.auth.models import Role, User
from community.extensions import db
from community.forums import services as forums
from community.forums.models import Condition

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


STAFF_ROLES = {Role.MODERATOR, Role.QUALITY, Role.ADMIN}


def make_user(role: Role | str = Role.PATIENT, username: str | None = None, *, trusted: bool = True, **fields: Any) -> User:
    """A member; staff come enrolled in two-step sign-in (pass totp_secret=None for one who is not)."""
    name = username or f"{Role(role).value[:3]}_user{next(_seq)}"
    user = accounts.register(username=name, password=PASSWORD, role=Role(role))
    if trusted:
        user.approved_posts = 10
    if Role(role) in STAFF_ROLES or fields.get("is_verifier"):
        enrol(user)
    for k, v in fields.items():
        setattr(user, k, v)
    db.session.commit()
    return user


def make_clinician(specialty: str = "Pulmonology", **kw: Any) -> User:
    from community.clinicians.services import verify_directly

    user = make_user(Role.CLINICIAN, **kw)
    verify_directly(user=user, specialty=specialty)
    return user


def make_condition(slug: str | None = None, name: str | None = None) -> Condition:
    n = next(_seq)
    return forums.create_condition(actor=None, slug=slug or f"condition-{n}", name=name or f"Condition {n}",
                                   description="A condition community.", guidelines="Be kind.")


def make_thread(author: User | None = None, condition: Condition | None = None, title: str = "A thread about pacing",
                body: str = "How do you pace yourself on good days?", **kw: Any) -> Any:
    author = author or make_user()
    condition = condition or make_condition()
    return forums.start_thread(actor=author, condition=condition, title=title, body=body, **kw)


def make_reply(thread: Any, author: User | None = None, body: str = "Slow and steady works for me.") -> Any:
    return forums.reply(actor=author or make_user(), thread=thread, body=body)


def enrol(user: User) -> str:
    """Turn on two-step sign-in for the user with a fresh secret (as `users mfa` does)."""
    import pyotp

    from community.db import utcnow

    user.totp_secret, user.totp_enabled_at, user.totp_last_step = pyotp.random_base32(), utcnow(), None
    db.session.commit()
    return user.totp_secret


def otp_for(user: User) -> str:
    """The user's current code, usable now: the helper forgets the last code used, since tests
    sign the same member in several times within one 30-second step."""
    import pyotp

    db.session.execute(sa.update(User).where(User.id == user.id).values(totp_last_step=None))
    db.session.commit()
    secret = db.session.scalar(sa.select(User.totp_secret).where(User.id == user.id))
    assert secret, f"{user.username} has no two-step sign-in"
    return pyotp.TOTP(secret).now()


def token_for(client: Any, user: User) -> dict[str, str]:
    payload = {"username": user.username, "password": PASSWORD}
    if db.session.scalar(sa.select(User.totp_secret).where(User.id == user.id)):
        payload["otp"] = otp_for(user)
    resp = client.post("/api/v1/tokens", json=payload)
    assert resp.status_code == 201, resp.get_data(as_text=True)
    return {"Authorization": "Bearer " + resp.get_json()["token"]}


@contextlib.contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL statements the engine runs inside the block (BEGIN included)."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
