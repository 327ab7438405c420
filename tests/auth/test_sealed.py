"""TOTP secrets are sealed at rest: the database holds a Fernet token, not the base32 seed;
the model reads it back in clear; another key can't open it; keys can be rotated."""
from __future__ import annotations

import pyotp
import sqlalchemy as sa

from community.auth import sealed
from community.auth.models import Role, User
from community.extensions import db
from tests.factories import make_user


def _stored(user: User) -> str:
    return db.session.execute(sa.text("SELECT totp_secret FROM users WHERE id = :id"), {"id": user.id}).scalar_one()


def test_the_database_never_holds_the_seed(app):
    mod = make_user(Role.MODERATOR)
    db.session.expire_all()
    secret = db.session.get(User, mod.id).totp_secret
    raw = _stored(mod)
    assert secret and pyotp.TOTP(secret).now()
    assert raw.startswith(sealed.PREFIX) and secret not in raw


def test_another_key_cannot_open_it_and_rotation_keeps_old_values(app):
    mod = make_user(Role.MODERATOR)
    db.session.expire_all()
    secret = db.session.get(User, mod.id).totp_secret
    raw = _stored(mod)
    old_key = app.config.get("TOTP_ENCRYPTION_KEY")
    try:
        app.config["TOTP_ENCRYPTION_KEY"] = "a completely different key"
        assert sealed.unseal(raw) is None
        app.config["TOTP_ENCRYPTION_KEY"] = "a new key," + (old_key or app.config["SECRET_KEY"])
        assert sealed.unseal(raw) == secret
        assert sealed.unseal(sealed.seal(secret)) == secret
    finally:
        app.config["TOTP_ENCRYPTION_KEY"] = old_key


def test_a_value_written_in_clear_before_sealing_still_reads(app):
    assert sealed.unseal("JBSWY3DPEHPK3PXP") == "JBSWY3DPEHPK3PXP"
