"""TOTP secrets are sealed at rest: the database holds a Fernet token, not the base32 seed;
the model reads it back in clear; another key can't open it; keys can be rotated."""
from __future__ import annotations

import pyotp
import sqlalchemy as sa

from community.auth import sealed
from community.auth.models import Role, User
from community.db import utcnow
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


def test_the_migration_seals_secrets_stored_in_clear(tmp_path):
    """Upgrade a database that holds a clear-text secret (as 0007_acct left it) to 0008_sealed."""
    from flask_migrate import downgrade, upgrade

    from community import create_app
    from tests.conftest import BASE_CONFIG

    app = create_app({**BASE_CONFIG, "DATABASE_URL": f"sqlite:///{tmp_path}/old.sqlite3"})
    with app.app_context():
        upgrade(revision="0007_acct")
        # A row as the schema of 0007_acct holds it (the model has columns added since).
        users = sa.Table("users", sa.MetaData(), autoload_with=db.engine)
        row = {"username": "old_mod", "username_key": "old_mod", "password_hash": "x", "role": "MODERATOR",
               "created_at": utcnow(), "session_version": 1, "approved_posts": 0, "is_verifier": False,
               "feedback_consent": False, "hide_presence": False, "notify_new_questions": False,
               "hide_from_directory": False, "unread_notifications": 0, "totp_secret": "JBSWY3DPEHPK3PXP"}
        db.session.execute(sa.insert(users).values({k: v for k, v in row.items() if k in users.c}))
        db.session.commit()
        db.session.remove()
        upgrade(revision="0008_sealed")
        raw = db.session.execute(sa.text("SELECT totp_secret FROM users WHERE username = 'old_mod'")).scalar_one()
        assert raw.startswith(sealed.PREFIX) and "JBSWY3DPEHPK3PXP" not in raw
        assert sealed.unseal(raw) == "JBSWY3DPEHPK3PXP"
        db.session.remove()
        downgrade(revision="0007_acct")
        assert db.session.execute(sa.text("SELECT totp_secret FROM users WHERE username = 'old_mod'")).scalar_one() == "JBSWY3DPEHPK3PXP"
