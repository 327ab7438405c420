"""Sanctions: warn, mute, suspend, ban, the suggested next step, and their effects."""
from __future__ import annotations

import datetime as dt

import pytest

from community import events
from community.auth import services as accounts
from community.db import utcnow
from community.errors import Invalid, NotAllowed
from community.moderation import sanctions
from community.moderation.models import SanctionKind
from tests.factories import PASSWORD, make_thread, make_user, token_for


def test_mute_blocks_posting_until_it_ends(app):
    member, mod = make_user(), make_user("moderator")
    sanctions.sanction(actor=mod, user=member, kind="mute", reason="heated", duration=dt.timedelta(hours=2))
    with pytest.raises(NotAllowed, match="until"):
        make_thread(author=member)
    member.muted_until = utcnow() - dt.timedelta(seconds=1)
    assert make_thread(author=member).status == "published"


def test_mute_needs_future_end_and_reason(app):
    member, mod = make_user(), make_user("moderator")
    with pytest.raises(Invalid):
        sanctions.sanction(actor=mod, user=member, kind="mute", reason="x", until=utcnow() - dt.timedelta(days=1))
    with pytest.raises(Invalid):
        sanctions.sanction(actor=mod, user=member, kind="warn", reason="")


def test_suspension_signs_out_and_is_read_only(app, client):
    member, mod = make_user(), make_user("moderator")
    revoked = []
    events.subscribe("user.sessions_revoked", lambda user_id: revoked.append(user_id))
    client.post("/login", data={"username": member.username, "password": PASSWORD})
    sanctions.sanction(actor=mod, user=member, kind="suspend", reason="cooling off", duration=dt.timedelta(days=3))
    assert member.id in revoked
    assert client.get("/settings/profile").status_code == 302  # signed out
    client.post("/login", data={"username": member.username, "password": PASSWORD})
    assert client.get("/settings/profile").status_code == 200  # can log in to read
    with pytest.raises(NotAllowed):
        make_thread(author=member)


def test_ban_stops_login_and_api(app, client):
    member, mod = make_user(), make_user("moderator")
    h = token_for(client, member)
    sanctions.sanction(actor=mod, user=member, kind="ban", reason="spam bot")
    assert accounts.authenticate(username=member.username, password=PASSWORD) is None
    assert client.get("/api/v1/conditions", headers=h).status_code == 401


def test_ladder_suggests_next_step(app):
    member, mod = make_user(), make_user("moderator")
    assert sanctions.suggest(member)[0] == SanctionKind.WARN
    sanctions.sanction(actor=mod, user=member, kind="warn", reason="one")
    assert sanctions.suggest(member) == (SanctionKind.MUTE, dt.timedelta(days=1))


def test_moderators_cannot_sanction_staff_or_be_sanctioned_by_members(app):
    mod, other_mod = make_user("moderator"), make_user("moderator")
    with pytest.raises(NotAllowed):
        sanctions.sanction(actor=mod, user=other_mod, kind="warn", reason="x")
    with pytest.raises(NotAllowed):
        sanctions.sanction(actor=make_user(), user=make_user(), kind="warn", reason="x")
    sanctions.sanction(actor=make_user("admin"), user=other_mod, kind="warn", reason="x")
