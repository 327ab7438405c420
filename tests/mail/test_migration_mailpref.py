"""Migration 0008_mailpref moves both earlier preference stores into the one `mail_preferences`
table (and back on downgrade): the notification-email choice is kept, and a member who had
unsubscribed from any kind of email is off."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from community import create_app
from community.extensions import db
from tests.conftest import BASE_CONFIG

NOW = "2026-01-01 00:00:00.000000"


def test_existing_rows_move_into_the_one_preference(tmp_path: Path) -> None:
    app = create_app({**BASE_CONFIG, "DATABASE_URL": f"sqlite:///{tmp_path / 'm.sqlite3'}"})
    with app.app_context():
        upgrade(revision="0007_acct")
        with db.engine.begin() as conn:
            for i in range(1, 5):
                conn.execute(sa.text(
                    "INSERT INTO users (id, username, username_key, password_hash, role, is_verifier, created_at, "
                    "session_version, approved_posts, feedback_consent, hide_presence, notify_new_questions, "
                    "hide_from_directory, unread_notifications) VALUES "
                    "(:i, :u, :u, 'x', 'PATIENT', 0, :now, 1, 0, 0, 0, 0, 0, 0)"), {"i": i, "u": f"m{i}", "now": NOW})
            # 1: chose a weekly digest; 2: chose immediate but unsubscribed from announcements;
            # 3: only ever unsubscribed (no notification row); 4: nothing stored.
            conn.execute(sa.text("INSERT INTO notification_email_prefs (user_id, mode, opted_in, last_digest_at, updated_at) "
                                 "VALUES (1, 'weekly', 1, :now, :now), (2, 'immediate', 1, NULL, :now)"), {"now": NOW})
            conn.execute(sa.text("INSERT INTO email_preferences (user_id, scope, setting, updated_at) VALUES "
                                 "(2, 'announcements', 'off', :now), (3, 'notifications', 'off', :now), "
                                 "(1, 'notifications', 'on', :now)"), {"now": NOW})
        upgrade(revision="0008_mailpref")
        with db.engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT user_id, mode, opted_in, last_digest_at IS NOT NULL FROM mail_preferences "
                                        "ORDER BY user_id")).all()
            assert [tuple(r) for r in rows] == [(1, "weekly", 1, 1), (2, "off", 0, 0), (3, "off", 0, 0)]
            names = sa.inspect(conn).get_table_names()
            assert "email_preferences" not in names and "notification_email_prefs" not in names and "periodic_jobs" in names
        downgrade(revision="0007_acct")
        with db.engine.connect() as conn:
            back = conn.execute(sa.text("SELECT user_id, mode FROM notification_email_prefs ORDER BY user_id")).all()
            assert [tuple(r) for r in back] == [(1, "weekly"), (2, "off"), (3, "off")]
            offs = conn.execute(sa.text("SELECT user_id FROM email_preferences WHERE setting = 'off' ORDER BY user_id")).all()
            assert [r[0] for r in offs] == [2, 3]
            assert "mail_preferences" not in sa.inspect(conn).get_table_names()
        db.engine.dispose()
