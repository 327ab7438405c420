"""User accounts, their roles and API tokens."""
from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from typing import TYPE_CHECKING

from ..db import utcnow
from ..extensions import db
from .sealed import Sealed

if TYPE_CHECKING:
    from ..clinicians.models import Verification


class Role(enum.StrEnum):
    PATIENT = "patient"
    CLINICIAN = "clinician"
    MODERATOR = "moderator"
    QUALITY = "quality"
    ADMIN = "admin"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(32), unique=True)
    # The look-alike skeleton of the username: two names that look the same share it.
    username_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    display_name: Mapped[str | None] = mapped_column(sa.String(50))
    bio: Mapped[str | None] = mapped_column(sa.String(1000))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    # When the member confirmed the address is theirs (None: not yet; cleared when it changes).
    email_verified_at: Mapped[dt.datetime | None]
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    # False for an account made by hospital sign-in (auth/oidc_accounts.py), whose password is a
    # random one nobody knows, until the member sets one ("Set a password", or a reset link).
    password_set: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    role: Mapped[Role] = mapped_column(sa.Enum(Role, native_enum=False, length=16), default=Role.PATIENT)
    is_verifier: Mapped[bool] = mapped_column(default=False)
    # The version of the Privacy notice, Terms and guidelines the member accepted at sign-up
    # (community/pages.py), and when; None for accounts made by the CLI.
    terms_version: Mapped[str | None] = mapped_column(sa.String(40))
    terms_accepted_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Bumped on password change / suspension so old sessions and sockets stop working.
    session_version: Mapped[int] = mapped_column(default=1)
    approved_posts: Mapped[int] = mapped_column(default=0)
    feedback_consent: Mapped[bool] = mapped_column(default=False)
    hide_presence: Mapped[bool] = mapped_column(default=False)
    notify_new_questions: Mapped[bool] = mapped_column(default=False)   # clinicians' opt-in
    hide_from_directory: Mapped[bool] = mapped_column(default=False)
    # TOTP second factor (auth/mfa.py): the base32 secret once confirmed, sealed at rest
    # (auth/sealed.py), and the last time step a code was accepted for (never accepted twice).
    totp_secret: Mapped[str | None] = mapped_column(Sealed())
    totp_enabled_at: Mapped[dt.datetime | None]
    totp_last_step: Mapped[int | None]
    # Kept by community/notifications so the header's count costs no query on any page.
    unread_notifications: Mapped[int] = mapped_column(default=0, server_default="0")
    last_seen_at: Mapped[dt.datetime | None]
    # Sanction state, kept on the row by the moderation services so permission checks stay pure.
    muted_until: Mapped[dt.datetime | None]
    suspended_until: Mapped[dt.datetime | None]
    banned_at: Mapped[dt.datetime | None]

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user", cascade="all, delete-orphan")
    # Loaded with the user in one batched query, so badges cost nothing per post.
    verifications: Mapped[list[Verification]] = relationship(
        "Verification", foreign_keys="Verification.user_id", back_populates="user",
        lazy="selectin", cascade="all, delete-orphan", passive_deletes=True,
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def name(self) -> str:
        return self.display_name or self.username

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80), default="api")
    # "all": everything the user may do; "export": only the feedback export.
    scope: Mapped[str] = mapped_column(sa.String(16), default="all")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[dt.datetime | None]
    expires_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship(back_populates="tokens")


class RecoveryCode(db.Model):
    """One of the ten single-use codes given at MFA enrolment; only its SHA-256 is kept (the
    codes carry 60 random bits, so a fast hash is enough)."""

    __tablename__ = "mfa_recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    used_at: Mapped[dt.datetime | None]


class UserSession(db.Model):
    """A browser session held on the server (auth/sessions.py): the cookie carries only the
    signed session key, of which only the SHA-256 is stored. `user_version` is the account's
    session_version at sign-in: a bump ends the session."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    user_version: Mapped[int | None]
    data: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)
    persistent: Mapped[bool] = mapped_column(default=False)
    device: Mapped[str] = mapped_column(sa.String(80), default="")
    # The address with its last part dropped (IPv4 /24, IPv6 /48), never the whole address.
    network: Mapped[str] = mapped_column(sa.String(48), default="")


class LoginThrottle(db.Model):
    """Wrong passwords counted per account name and per address (auth/throttle.py); the key
    is a hash, so the table holds neither names typed nor addresses."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ExternalIdentity(db.Model):
    """An account at a hospital's OpenID provider (auth/oidc_accounts.py): the provider's
    `issuer` and its `subject` (the ID token's `sub`) sign in the linked Harbor account.
    `granted_role` is the role the provider's claims last gave (None: none mapped), so a role
    an admin set in Harbor is not taken back when the claims stop mapping to one."""

    __tablename__ = "external_identities"
    __table_args__ = (sa.UniqueConstraint("issuer", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer: Mapped[str] = mapped_column(sa.String(255))
    subject: Mapped[str] = mapped_column(sa.String(255))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    granted_role: Mapped[Role | None] = mapped_column(sa.Enum(Role, native_enum=False, length=16))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[dt.datetime | None]
