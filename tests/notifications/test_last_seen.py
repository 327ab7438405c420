"""`users.last_seen_at` ("immediately when away" waits for 10 minutes of it): refreshed by
signed-in pages, API requests and chat socket events, at most one write a minute per member,
and no query on an ordinary page beyond that write."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from community.auth import seen
from community.auth.models import User
from community.db import utcnow
from community.extensions import db
from tests.factories import make_condition, make_thread, make_user, statements, token_for


def _writes(stmts: list[str]) -> list[str]:
    return [s for s in stmts if s.lstrip().upper().startswith("UPDATE USERS") and "last_seen_at" in s]


def _queries(stmts: list[str]) -> list[str]:
    return [s for s in stmts if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))]


def _last_seen(user: User) -> dt.datetime | None:
    db.session.expire_all()
    return db.session.get(User, user.id).last_seen_at


def _age(user: User, minutes: float) -> None:
    db.session.execute(sa.update(User).where(User.id == user.id).values(last_seen_at=utcnow() - dt.timedelta(minutes=minutes)))
    db.session.commit()
    seen._written().clear()     # as another process would see it: no write of its own lately


def test_a_page_writes_last_seen_at_once_a_minute_and_costs_nothing_else(app, client, auth):
    member = make_user()
    t = make_thread(author=member).thread
    auth.login(member)
    path = f"/c/{t.condition.slug}"
    client.get(path)                 # warm: the page's per-process caches filled
    _age(member, 30)
    db.session.expire_all()
    with statements() as stale:
        assert client.get(path).status_code == 200
    assert len(_writes(stale)) == 1
    assert utcnow() - _last_seen(member) < dt.timedelta(seconds=30)
    db.session.expire_all()
    with statements() as fresh:
        assert client.get(path).status_code == 200
    assert _writes(fresh) == []
    assert len(_queries(fresh)) == len(_queries(stale)) - 1       # the write was the only extra statement
    # A minute later, the next page writes again.
    _age(member, 1.5)
    db.session.expire_all()
    with statements() as again:
        client.get(path)
    assert len(_writes(again)) == 1


def test_an_anonymous_page_writes_nothing(app, client):
    with statements() as stmts:
        client.get("/")
    assert _writes(stmts) == []


def test_api_requests_count_as_being_seen(app, client):
    member = make_user()
    headers = token_for(client, member)
    _age(member, 30)
    assert client.get("/api/v1/notifications", headers=headers).status_code == 200
    assert utcnow() - _last_seen(member) < dt.timedelta(seconds=30)


def test_socket_activity_counts_once_a_minute(app, socket_client):
    from community.forums import services as forums

    member = make_user()
    cond = make_condition()
    forums.join_condition(actor=member, condition=cond)
    sc = socket_client(member)
    _age(member, 30)
    room = f"condition:{cond.slug}"
    with statements() as first:
        assert sc.emit("join", {"room": room}, namespace="/chat", callback=True)["ok"]
    db.session.commit()
    assert len(_writes(first)) == 1
    assert utcnow() - _last_seen(member) < dt.timedelta(seconds=30)
    with statements() as second:
        sc.emit("history", {"room": room}, namespace="/chat", callback=True)
    assert _writes(second) == []
