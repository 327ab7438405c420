"""users.password_set (migration 0009_pwset_acct): true for password accounts, false for
accounts made by hospital sign-in until a reset or "Set a password" sets one."""
from __future__ import annotations

import sqlalchemy as sa

from community.db import utcnow
from community.extensions import db


def test_the_migration_marks_accounts_made_by_hospital_sign_in(tmp_path):
    from flask_migrate import downgrade, upgrade

    from community import create_app
    from tests.conftest import BASE_CONFIG

    app = create_app({**BASE_CONFIG, "DATABASE_URL": f"sqlite:///{tmp_path}/old.sqlite3"})
    with app.app_context():
        upgrade(revision="0008_roomslow")
        users = sa.Table("users", sa.MetaData(), autoload_with=db.engine)
        audit = sa.Table("audit_entries", sa.MetaData(), autoload_with=db.engine)
        base = {"password_hash": "x", "role": "PATIENT", "created_at": utcnow(), "session_version": 1,
                "approved_posts": 0, "is_verifier": False, "feedback_consent": False, "hide_presence": False,
                "notify_new_questions": False, "hide_from_directory": False, "unread_notifications": 0}
        ids = {}
        for name in ("local", "hospital", "hospital_reset"):
            ids[name] = db.session.execute(sa.insert(users).values(
                {k: v for k, v in {**base, "username": name, "username_key": name}.items() if k in users.c})).inserted_primary_key[0]

        def audited(action: str, uid: int) -> None:
            db.session.execute(sa.insert(audit).values(actor_name="system", action=action, target_type="user",
                                                       target_id=uid, detail={}, reason="", created_at=utcnow()))

        audited("auth.oidc_account_created", ids["hospital"])
        audited("auth.oidc_account_created", ids["hospital_reset"])
        audited("password.reset", ids["hospital_reset"])
        db.session.commit()
        db.session.remove()
        upgrade(revision="0009_pwset_acct")
        got = dict(db.session.execute(sa.text("SELECT username, password_set FROM users")).all())
        assert {k: bool(v) for k, v in got.items()} == {"local": True, "hospital": False, "hospital_reset": True}
        db.session.remove()
        downgrade(revision="0008_roomslow")
        cols = [c["name"] for c in sa.inspect(db.engine).get_columns("users")]
        assert "password_set" not in cols
