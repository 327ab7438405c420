"""Two-step sign-in (TOTP): who needs it, enrolment, the second login step, code reuse,
recovery codes, re-enrolment, admin reset, the CLI, and the token route's codes."""
from __future__ import annotations

import re
import time

import pyotp
import pytest
import sqlalchemy as sa

from community import permissions
from community.auth import mfa
from community.auth.models import RecoveryCode, Role, User
from community.errors import Invalid, NotAllowed
from community.extensions import db
from community.moderation.models import AuditEntry
from tests.factories import PASSWORD, make_user, otp_for


def _actions(user: User) -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.target_id == user.id,
                                                                     AuditEntry.target_type == "user")
                                   .order_by(AuditEntry.id)))


@pytest.mark.parametrize("role,verifier,needs", [
    (Role.PATIENT, False, False), (Role.CLINICIAN, False, False), (Role.MODERATOR, False, True),
    (Role.QUALITY, False, True), (Role.ADMIN, False, True), (Role.MODERATOR, True, True),
])
def test_who_needs_a_second_factor(app, role, verifier, needs):
    user = make_user(role, is_verifier=verifier, totp_secret=None)
    assert permissions.requires_mfa(user) is needs
    assert permissions.mfa_enrolment_needed(user) is needs


def test_verifier_flag_alone_requires_it(app):
    user = make_user(Role.PATIENT)
    user.is_verifier = True
    assert permissions.requires_mfa(user)


def test_enrolment_needs_a_matching_code_and_gives_ten_single_use_codes(app):
    user = make_user()
    enrolment = mfa.start_enrolment(actor=user)
    assert enrolment.uri.startswith("otpauth://totp/") and "secret=" + enrolment.secret in enrolment.uri
    assert enrolment.qr_svg_data_uri.startswith("data:image/svg+xml;base64,")
    with pytest.raises(Invalid):
        mfa.confirm_enrolment(actor=user, secret=enrolment.secret, code="000000")
    assert not permissions.has_mfa(user)
    codes = mfa.confirm_enrolment(actor=user, secret=enrolment.secret, code=pyotp.TOTP(enrolment.secret).now())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert permissions.has_mfa(user)
    stored = db.session.scalars(sa.select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user.id)).all()
    assert len(stored) == 10 and not any(c.replace("-", "") in stored or c in stored for c in codes)
    assert "mfa.enrol" in _actions(user)


def test_a_code_is_accepted_once(app):
    user = make_user()
    secret = mfa.start_enrolment(actor=user).secret
    code = pyotp.TOTP(secret).now()
    mfa.confirm_enrolment(actor=user, secret=secret, code=code)
    # The code that confirmed enrolment cannot sign in again.
    assert mfa.check_code(user=user, code=code) is None
    db.session.execute(sa.update(User).where(User.id == user.id).values(totp_last_step=None))
    db.session.commit()
    assert mfa.check_code(user=user, code=code) == "totp"
    db.session.commit()
    assert mfa.check_code(user=user, code=code) is None


def test_a_recovery_code_works_once(app):
    user = make_user()
    uri, codes = mfa.enrol_directly(user=user)
    assert mfa.check_code(user=user, code=codes[0].upper()) == "recovery"
    db.session.commit()
    assert mfa.check_code(user=user, code=codes[0]) is None
    assert mfa.recovery_codes_left(user) == 9
    assert "mfa.recovery_code_used" in _actions(user)


def test_reenrolment_needs_the_password_and_replaces_codes(app):
    user = make_user()
    _uri, old_codes = mfa.enrol_directly(user=user)
    new = mfa.start_enrolment(actor=user)
    with pytest.raises(Invalid) as exc:
        mfa.confirm_enrolment(actor=user, secret=new.secret, code=pyotp.TOTP(new.secret).now(), password="wrong one")
    assert exc.value.field == "password"
    mfa.confirm_enrolment(actor=user, secret=new.secret, code=pyotp.TOTP(new.secret).now(), password=PASSWORD)
    assert user.totp_secret == new.secret
    assert mfa.check_code(user=user, code=old_codes[1]) is None
    assert "mfa.reenrol" in _actions(user)


def test_staff_cannot_turn_it_off_but_patients_can(app):
    mod = make_user(Role.MODERATOR)
    with pytest.raises(NotAllowed):
        mfa.disable(actor=mod, password=PASSWORD)
    patient = make_user()
    mfa.enrol_directly(user=patient)
    mfa.disable(actor=patient, password=PASSWORD)
    assert not permissions.has_mfa(patient)
    assert "mfa.disable" in _actions(patient)


def test_admin_reset_is_audited_and_signs_out(app):
    admin, mod, other_admin = make_user(Role.ADMIN), make_user(Role.MODERATOR), make_user(Role.ADMIN)
    with pytest.raises(NotAllowed):
        mfa.reset(actor=mod, user=other_admin)
    version = mod.session_version
    mfa.reset(actor=admin, user=mod, reason="lost phone")
    assert permissions.mfa_enrolment_needed(mod) and mod.session_version == version + 1
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "mfa.reset"))
    assert entry.actor_id == admin.id and entry.target_id == mod.id and entry.reason == "lost phone"
    assert mod.totp_secret is None and "secret" not in str(entry.detail)


def test_cli_enrols_and_prints_the_uri_last(app, runner):
    user = make_user(Role.MODERATOR, totp_secret=None)
    out = runner.invoke(args=["users", "mfa", user.username])
    assert out.exit_code == 0, out.output
    last = out.output.strip().splitlines()[-1]
    assert last.startswith("otpauth://totp/") and f"secret={user.totp_secret}" in last
    assert permissions.has_mfa(db.session.get(User, user.id))
    code = runner.invoke(args=["users", "otp", user.username]).output.strip()
    totp = pyotp.TOTP(db.session.get(User, user.id).totp_secret)
    assert re.fullmatch(r"\d{6}", code) and code in {totp.at(time.time() + d) for d in (-30, 0, 30)}
    assert runner.invoke(args=["users", "mfa", "nobody_here"]).exit_code != 0


# --- the web flow ----------------------------------------------------------------------------

def test_login_asks_for_the_code_after_the_password(app, client):
    user = make_user(Role.MODERATOR)
    resp = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/login/code")
    assert client.get("/settings/profile").status_code == 302     # not signed in yet
    assert client.post("/login/code", data={"code": "123456"}).status_code == 401
    assert client.post("/login/code", data={"code": otp_for(user)}).status_code == 302
    assert client.get("/settings/profile").status_code == 200
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "auth.login"))
    assert entry.detail["second_factor"] == "totp"


def test_the_code_step_needs_the_password_step(app, client):
    assert client.get("/login/code").status_code == 302
    assert client.post("/login/code", data={"code": "123456"}).status_code == 302


def test_staff_without_a_second_factor_can_only_enrol(app, client):
    mod = make_user(Role.MODERATOR, totp_secret=None)
    resp = client.post("/login", data={"username": mod.username, "password": PASSWORD})
    assert resp.headers["Location"].endswith("/settings/two-step")
    for path in ("/moderation/queue", "/settings/profile", "/settings/data.json", "/"):
        got = client.get(path)
        assert got.status_code == 302 and got.headers["Location"].endswith("/settings/two-step"), path
    for path in ("/about", "/privacy", "/terms", "/guidelines", "/password/forgot"):
        assert client.get(path).status_code == 200, path      # what the hospital publishes stays readable
    page = client.get("/settings/two-step")
    assert page.status_code == 200 and b"data:image/svg+xml;base64," in page.data
    secret = re.search(rb'id="mfa-secret">([A-Z2-7]+)<', page.data).group(1).decode()
    done = client.post("/settings/two-step", data={"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 200 and done.data.count(b"<li><code>") == 10
    assert client.get("/settings/profile").status_code == 200


def test_api_refuses_staff_who_have_not_enrolled_and_asks_for_the_code(app, client):
    mod = make_user(Role.MODERATOR, totp_secret=None)
    resp = client.post("/api/v1/tokens", json={"username": mod.username, "password": PASSWORD})
    assert resp.status_code == 403 and resp.get_json()["error"]["code"] == "mfa_enrolment_required"
    mfa.enrol_directly(user=mod)
    resp = client.post("/api/v1/tokens", json={"username": mod.username, "password": PASSWORD})
    assert resp.status_code == 401 and resp.get_json()["error"]["code"] == "mfa_required"
    resp = client.post("/api/v1/tokens", json={"username": mod.username, "password": PASSWORD, "otp": "000000"})
    assert resp.status_code == 401 and resp.get_json()["error"]["code"] == "mfa_required"
    resp = client.post("/api/v1/tokens", json={"username": mod.username, "password": "wrong password", "otp": "000000"})
    assert resp.status_code == 401 and resp.get_json()["error"]["code"] == "bad_credentials"
    code = otp_for(mod)
    resp = client.post("/api/v1/tokens", json={"username": mod.username, "password": PASSWORD, "otp": code})
    assert resp.status_code == 201
    again = client.post("/api/v1/tokens", json={"username": mod.username, "password": PASSWORD, "otp": code})
    assert again.status_code == 401 and again.get_json()["error"]["code"] == "mfa_required"   # reused code


def test_staff_token_from_before_enrolment_stops_working(app, client):
    from community.auth import tokens

    mod = make_user(Role.MODERATOR, totp_secret=None)
    token = tokens.create_token(actor=mod, name="old")
    resp = client.get("/api/v1/conditions", headers={"Authorization": "Bearer " + token})
    assert resp.status_code == 403 and resp.get_json()["error"]["code"] == "mfa_enrolment_required"


def test_patients_with_a_second_factor_need_it_too(app, client):
    user = make_user()
    mfa.enrol_directly(user=user)
    resp = client.post("/api/v1/tokens", json={"username": user.username, "password": PASSWORD})
    assert resp.status_code == 401 and resp.get_json()["error"]["code"] == "mfa_required"
    assert client.post("/login", data={"username": user.username, "password": PASSWORD}).headers["Location"].endswith("/login/code")


def test_admin_resets_from_the_roles_page(app, client, auth):
    admin, mod = make_user(Role.ADMIN), make_user(Role.MODERATOR)
    auth.login(admin)
    page = client.get(f"/admin/users?q={mod.username}")
    assert f"/admin/users/{mod.id}/mfa-reset".encode() in page.data
    assert client.post(f"/admin/users/{mod.id}/mfa-reset", data={"reason": "new phone"}).status_code == 302
    assert db.session.get(User, mod.id).totp_secret is None
