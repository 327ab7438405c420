"""Account rules: username shapes and look-alikes, passwords, sessions, deletion, roles."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.auth import services
from community.auth.models import Role, User
from community.auth.usernames import skeleton, username_problem
from community.errors import Conflict, Invalid, NotAllowed
from community.extensions import db
from community.forums.models import Post, Thread
from community.moderation.models import AuditEntry
from tests.factories import PASSWORD, make_thread, make_user


@pytest.mark.parametrize("name", ["ab", "x" * 25, "bad name", "-dash", "dot.", "emoji🙂", "admin", "Moderator", "supp0rt", "ＡＤＭＩＮ"])
def test_bad_usernames_are_refused(app, name):
    with pytest.raises(Invalid) as exc:
        services.register(username=name, password=PASSWORD)
    assert exc.value.field == "username"


@pytest.mark.parametrize("name", ["Dr_Smith", "nurse.jo", "RN-kim", "verified_help"])
def test_usernames_may_not_claim_a_credential(app, name):
    with pytest.raises(Invalid, match="title or credential"):
        services.register(username=name, password=PASSWORD)


@pytest.mark.parametrize("lookalike", ["SugarBeet", "sugarbеet", "sugarbeet", "5ugarbeet", "sugar.beet"])
def test_lookalike_of_existing_name_is_taken(app, lookalike):
    services.register(username="sugarbeet", password=PASSWORD)
    # Non-ASCII letters are refused outright; ASCII look-alikes collide with the existing name.
    with pytest.raises(Conflict if lookalike.isascii() else Invalid):
        services.register(username=lookalike, password=PASSWORD)


def test_display_name_may_not_impersonate_another_member(app):
    from community.auth.services import ProfileChange

    services.register(username="mod_juniper", password=PASSWORD)
    member = make_user()
    with pytest.raises(Invalid, match="another member"):
        services.update_profile(actor=member, change=ProfileChange("Mod Juniper", None, None, set()))
    with pytest.raises(Invalid, match="another member"):
        services.update_profile(actor=member, change=ProfileChange("mоd_junipеr", None, None, set()))


def test_skeleton_folds_case_homoglyphs_and_separators():
    assert skeleton("Admin") == skeleton("аdmin") == skeleton("ADM1N")
    assert username_problem("quiet_harbour") is None


def test_short_password_is_refused_and_nothing_is_stored(app):
    with pytest.raises(Invalid) as exc:
        services.register(username="shortpw", password="short")
    assert exc.value.field == "password"
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_authenticate(app):
    user = services.register(username="walker", password=PASSWORD, email="w@example.org")
    assert services.authenticate(username="walker", password=PASSWORD) == user
    assert services.authenticate(username="walker", password="wrong password!") is None
    assert services.authenticate(username="nobody", password=PASSWORD) is None


def test_rehash_on_login_when_parameters_change(app):
    user = services.register(username="rehasher", password=PASSWORD)
    old = user.password_hash
    app.config["ARGON2_TIME_COST"] = 2
    assert services.authenticate(username="rehasher", password=PASSWORD) is not None
    assert user.password_hash != old and "t=2" in user.password_hash


def test_password_change_bumps_session_version(app):
    user = make_user()
    before = user.get_id()
    with pytest.raises(Invalid):
        services.change_password(actor=user, current="not it at all", new="a brand new password")
    services.change_password(actor=user, current=PASSWORD, new="a brand new password")
    assert user.get_id() != before
    assert services.authenticate(username=user.username, password="a brand new password") == user


def test_delete_account_keeps_posts_as_former_member(app):
    author = make_user()
    result = make_thread(author=author)
    services.delete_account(actor=author, password=PASSWORD, delete_posts=False)
    post = db.session.get(Post, result.post.id)
    assert post.author_id is None and post.status == "published"
    assert db.session.scalar(sa.select(User).where(User.username == author.username)) is None


def test_delete_account_with_posts(app):
    author = make_user()
    result = make_thread(author=author)
    services.delete_account(actor=author, password=PASSWORD, delete_posts=True)
    assert db.session.get(Post, result.post.id).status == "deleted"
    assert db.session.get(Thread, result.thread.id).status == "deleted"


def test_only_admins_assign_roles_and_it_is_audited(app):
    admin, mod, member = make_user(Role.ADMIN), make_user(Role.MODERATOR), make_user()
    with pytest.raises(NotAllowed):
        services.set_role(actor=mod, user=member, role=Role.MODERATOR)
    services.set_role(actor=admin, user=member, role=Role.MODERATOR, reason="trusted")
    assert member.role == Role.MODERATOR
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "role.change"))
    assert entry.actor_id == admin.id and entry.detail["to"] == "moderator" and entry.reason == "trusted"


def test_display_name_cannot_claim_title_unless_verified(app):
    from community.auth.services import ProfileChange
    from tests.factories import make_clinician

    member = make_user()
    with pytest.raises(Invalid) as exc:
        services.update_profile(actor=member, change=ProfileChange("Dr. Jane", None, None, set()))
    assert exc.value.field == "display_name"
    clin = make_clinician()
    services.update_profile(actor=clin, change=ProfileChange("Dr. Amara", None, None, set()))
    assert clin.display_name == "Dr. Amara"


@pytest.mark.parametrize("weak", ["aaaaaaaaaa", "password12", "1234567890", "qwertyuiop", "Summer2024!"])
def test_guessable_passwords_are_refused_with_a_reason(app, weak):
    with pytest.raises(Invalid) as exc:
        services.register(username="guessable", password=weak)
    assert exc.value.field == "password" and exc.value.code == "weak_password"
    message = exc.value.message.lower()
    assert len(message) > 20 and ("guess" in message or "common" in message)
    assert db.session.scalar(sa.select(User.id).where(User.username == "guessable")) is None


def test_a_guessable_new_password_is_refused_on_change(app):
    user = make_user()
    with pytest.raises(Invalid):
        services.change_password(actor=user, current=PASSWORD, new="password12")


def test_register_form_explains_a_weak_password_and_keeps_the_name(app, client):
    resp = client.post("/register", data={"username": "weakling", "password": "1234567890", "confirm": "1234567890",
                                          "accept_terms": "y", "confirm_age": "y"})
    assert resp.status_code == 422
    page = resp.get_data(as_text=True)
    assert "common password" in page and 'value="weakling"' in page
