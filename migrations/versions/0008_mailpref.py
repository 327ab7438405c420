"""one email preference per member (mail_preferences) in place of the mail scopes
(email_preferences) and notifications' notification_email_prefs; periodic_jobs for the
background worker's periodic runner

Existing rows move: a member's notification-email choice (mode, opted_in, last digest) is
kept; a member who had turned any scope of email off (an unsubscribe) is off.

Revision ID: 0008_mailpref
Revises: 0008_ignore
"""
from alembic import op
import sqlalchemy as sa

import community.db  # noqa: F401  (UTCDateTime)

revision = "0008_mailpref"
down_revision = "0008_ignore"
branch_labels = None
depends_on = None

UTC = community.db.UTCDateTime(timezone=True)


def upgrade():
    op.create_table(
        "mail_preferences",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=12), nullable=False),
        sa.Column("opted_in", sa.Boolean(), nullable=False),
        sa.Column("last_digest_at", UTC, nullable=True),
        sa.Column("updated_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_mail_preferences_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_mail_preferences")),
    )
    with op.batch_alter_table("mail_preferences", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_preferences_mode"), ["mode"], unique=False)
    op.create_table(
        "periodic_jobs",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("next_run_at", UTC, nullable=False),
        sa.Column("last_run_at", UTC, nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_periodic_jobs")),
    )
    # The notification-email choices, as they were.
    op.execute("INSERT INTO mail_preferences (user_id, mode, opted_in, last_digest_at, updated_at) "
               "SELECT user_id, mode, opted_in, last_digest_at, updated_at FROM notification_email_prefs")
    # Whoever unsubscribed from any kind of email is off (never email someone who said stop).
    op.execute("UPDATE mail_preferences SET mode = 'off', opted_in = false WHERE user_id IN "
               "(SELECT user_id FROM email_preferences WHERE setting = 'off')")
    op.execute("INSERT INTO mail_preferences (user_id, mode, opted_in, last_digest_at, updated_at) "
               "SELECT user_id, 'off', false, NULL, MAX(updated_at) FROM email_preferences WHERE setting = 'off' "
               "AND user_id NOT IN (SELECT user_id FROM mail_preferences) GROUP BY user_id")
    op.drop_table("email_preferences")
    op.drop_table("notification_email_prefs")


def downgrade():
    op.create_table(
        "notification_email_prefs",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=12), nullable=False),
        sa.Column("opted_in", sa.Boolean(), nullable=False),
        sa.Column("last_digest_at", UTC, nullable=True),
        sa.Column("updated_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_notification_email_prefs_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notification_email_prefs")),
    )
    op.create_table(
        "email_preferences",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("setting", sa.String(length=16), nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_email_preferences_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "scope", name=op.f("pk_email_preferences")),
    )
    op.execute("INSERT INTO notification_email_prefs (user_id, mode, opted_in, last_digest_at, updated_at) "
               "SELECT user_id, mode, opted_in, last_digest_at, updated_at FROM mail_preferences")
    op.execute("INSERT INTO email_preferences (user_id, scope, setting, updated_at) "
               "SELECT user_id, 'notifications', 'off', updated_at FROM mail_preferences WHERE mode = 'off'")
    op.drop_table("periodic_jobs")
    with op.batch_alter_table("mail_preferences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_preferences_mode"))
    op.drop_table("mail_preferences")
