"""The one place that reads configuration: defaults, then `instance/config.py`, then the
environment (which wins), then a test's overrides. It also refuses to start a non-development
deployment without a SECRET_KEY."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

DEV_SECRET = "harbor-development-only-secret"

# The care settings patients picked from before the service tree (issue 15): (slug, label). No longer
# offered on the form; kept so older records (feedback.service) still read as before in exports.
DEFAULT_FEEDBACK_SERVICES: list[tuple[str, str]] = [
    ("gp_primary_care", "GP or primary care"),
    ("hospital_inpatient", "Hospital inpatient"),
    ("outpatient_clinic", "Outpatient clinic"),
    ("emergency_department", "Emergency department"),
    ("pharmacy", "Pharmacy"),
    ("mental_health", "Mental health services"),
    ("telehealth", "Telehealth"),
    ("other", "Other"),
]

# Keys read from the environment, with the type each is parsed as.
_ENV_KEYS: dict[str, type] = {
    "SECRET_KEY": str,
    "TOTP_ENCRYPTION_KEY": str,
    "DATABASE_URL": str,
    "REDIS_URL": str,
    "RATELIMIT_ENABLED": bool,
    "NEW_MEMBER_HOLD_POSTS": int,
    "TRUST_MEMBER_DAYS": int,
    "TRUST_TRUSTED_POSTS": int,
    "TRUST_TRUSTED_DAYS": int,
    "HARBOR_ENV": str,
    "SOCKETIO_ASYNC_MODE": str,
    "CRISIS_HOLDS_POST": bool,
    "CRISIS_CLAIM_MINUTES": int,
    "SAFEGUARDING_CONTACTS": str,   # comma-separated usernames and/or email addresses
    "CRISIS_MODEL": bool,
    "REPORT_HIDE_THRESHOLD": int,
    "ARTICLE_REVIEW_DAYS": int,
    "EXPORT_MIN_AUTHORS": int,
    "CRITICAL_ACK_HOURS": int,
    "EXPORT_DATE_PRECISION": str,
    "ALLOW_CLINICIAN_PATIENT_DM": bool,
    "CHAT_RATE_BURST": int,
    "SOCKETIO_ORIGINS": str,
    "CRISIS_RESOURCES_REGION": str,
    "CRISIS_LOCALE": str,
    "PROXY_FIX": bool,
    "SESSION_COOKIE_SECURE": bool,
    "STAFF_IDLE_MINUTES": int,
    "SESSION_MAX_DAYS": int,
    "API_TOKEN_DAYS": int,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USE_TLS": bool,
    "MAIL_USE_SSL": bool,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_FROM": str,
    "MAIL_CA_FILE": str,
    "MAIL_WORKER": bool,
    "MAIL_UNSUBSCRIBE_MAILTO": str,
    "BASE_URL": str,
    "MAIL_POLL_SECONDS": float,
    "MAIL_MAX_ATTEMPTS": int,
    "NOTIFY_IN_BACKGROUND": bool,
    "PERIODIC_JOBS": bool,
    "NOTIFY_IMMEDIATE_SECONDS": float,
    "NOTIFY_DIGEST_SECONDS": float,
    "NOTIFY_BATCH_MINUTES": int,
    "FEEDBACK_ESCALATE_SECONDS": float,
    "MODERATION_SWEEP_SECONDS": float,
    "MIN_AGE": int,
    "TERMS_VERSION": str,
    "OIDC_ISSUER": str,
    "OIDC_CLIENT_ID": str,
    "OIDC_CLIENT_SECRET": str,
    "OIDC_SCOPES": str,
    "OIDC_ROLE_CLAIM": str,
    "OIDC_ROLE_MAP": dict,
    "OIDC_PATIENTS": bool,
    "OIDC_BUTTON_LABEL": str,
    "OIDC_MFA_AMR": list,
    "OIDC_TIMEOUT_SECONDS": float,
    "OIDC_REAUTH_SECONDS": int,
    "OIDC_REAUTH_MAX_AGE_SECONDS": int,
    "OIDC_POST_LOGOUT_REDIRECT_URI": str,
}


def _parse(kind: type, raw: str) -> Any:
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if kind is int:
        return int(raw)
    if kind is float:
        return float(raw)
    if kind in (dict, list):
        import json

        value = json.loads(raw)
        if not isinstance(value, kind):
            raise ValueError(f"expected a JSON {kind.__name__}")
        return value
    return raw


def defaults(instance_path: str) -> dict[str, Any]:
    return {
        "HARBOR_ENV": "production",
        "SECRET_KEY": None,
        "DATABASE_URL": "sqlite:///" + str(Path(instance_path) / "harbor.sqlite3"),
        "REDIS_URL": None,
        "RATELIMIT_ENABLED": True,
        "NEW_MEMBER_HOLD_POSTS": 2,
        "TRUST_MEMBER_DAYS": 0,
        "TRUST_TRUSTED_POSTS": 20,
        "TRUST_TRUSTED_DAYS": 30,
        "SOCKETIO_ASYNC_MODE": "threading",
        "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,  # the whole-app body limit (uploads are the largest)
        "JSON_BODY_LIMIT": 64 * 1024,
        "TITLE_MAX": 150,
        "BODY_MAX": 20_000,
        "PAGE_SIZE": 20,
        "ARGON2_TIME_COST": 3,
        "ARGON2_MEMORY_COST": 65536,
        "ARGON2_PARALLELISM": 2,
        "CRISIS_HOLDS_POST": False,
        "CRISIS_CLAIM_MINUTES": 10,
        # The on-call list for urgent items and escalations: staff usernames and/or email addresses
        # (moderation/oncall.py). A list, or in the environment a comma-separated string.
        "SAFEGUARDING_CONTACTS": [],
        "CRISIS_MODEL": True,           # the trained crisis model beside the rules (False: rules alone)
        "CRISIS_RESOURCES_REGION": "all",
        "REPORT_HIDE_THRESHOLD": 3,
        "ARTICLE_REVIEW_DAYS": 365,
        "EXPORT_MIN_AUTHORS": 5,
        "CRITICAL_ACK_HOURS": 4,
        "EXPORT_DATE_PRECISION": "month",
        "FEEDBACK_SERVICES": list(DEFAULT_FEEDBACK_SERVICES),
        "ALLOW_CLINICIAN_PATIENT_DM": False,
        "CHAT_RATE_BURST": 10,          # messages a member may send at once...
        "CHAT_RATE_PER_SECOND": 1.0,    # ...then this many per second
        "LOGIN_LIMIT": "10 per minute",
        # Wrong passwords (auth/throttle.py): free tries per account name and per address, then
        # a wait that doubles with each further failure, up to LOGIN_DELAY_MAX seconds.
        "LOGIN_FREE_FAILURES": 5,
        "LOGIN_FREE_FAILURES_ADDRESS": 20,
        "LOGIN_DELAY_MAX": 900,
        "STAFF_IDLE_MINUTES": 30,       # staff sessions end after this long without a request
        "SESSION_MAX_DAYS": 30,         # every signed-in session ends this long after sign-in
        "API_TOKEN_DAYS": 90,
        "MFA_ISSUER": "Harbor",
        "TOTP_ENCRYPTION_KEY": None,   # seals TOTP secrets at rest (auth/sealed.py); default: derived from SECRET_KEY
        "PASSWORD_MIN_SCORE": 3,        # zxcvbn's 0-4 guessability score a new password needs
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        "UPLOAD_MAX_BYTES": 5 * 1024 * 1024,
        "NEW_MEMBER_LINK_POSTS": 3,
        "SEARCH_CANDIDATES": 500,       # newest matching posts a search ranks (bench/README.md, "Search")
        "SEARCH_TIMEOUT_MS": 500,       # one search's statements stop after this long
        "ARTICLE_CANDIDATES": 50,       # newest matching published articles a search ranks
        # Email (community/mail). No MAIL_SERVER: every email is written to instance/mail/*.eml.
        "MAIL_SERVER": None,
        "MAIL_PORT": 587,
        "MAIL_USE_TLS": True,           # STARTTLS, with the server's certificate checked
        "MAIL_USE_SSL": False,          # TLS from the first byte (port 465) instead
        "MAIL_USERNAME": None,
        "MAIL_PASSWORD": None,
        "MAIL_FROM": "Harbor <no-reply@localhost>",
        "MAIL_CA_FILE": None,           # an extra CA for the relay's certificate
        "MAIL_UNSUBSCRIBE_MAILTO": None,  # an address that takes "unsubscribe" mail, if any
        "BASE_URL": "http://127.0.0.1:5000",
        "MAIL_WORKER": True,            # drain the outbox in each server process
        "MAIL_POLL_SECONDS": 5.0,
        "MAIL_BATCH_SIZE": 100,
        "MAIL_LEASE_SECONDS": 300,      # a claimed batch returns to the queue if not done by then
        "MAIL_MAX_ATTEMPTS": 8,         # retries over about 2 hours at the default base
        "MAIL_RETRY_BASE_SECONDS": 60,
        "MAIL_TIMEOUT_SECONDS": 10,
        "MAIL_KEEP_SENT_DAYS": 30,
        # Periodic jobs, run by the same background worker (community/periodic.py); false where
        # cron runs `notifications digest`, `feedback escalate` and `moderation sweep` instead.
        "PERIODIC_JOBS": True,
        "NOTIFY_IMMEDIATE_SECONDS": 60,   # how often "immediately when away" emails are looked for
        "NOTIFY_BATCH_MINUTES": 15,       # at most one "immediately" email per member in this window
        "NOTIFY_DIGEST_SECONDS": 900,     # how often due daily/weekly digests are looked for
        "FEEDBACK_ESCALATE_SECONDS": 300,
        "MODERATION_SWEEP_SECONDS": 60,
        "PASSWORD_RESET_LIMIT": "5 per hour",
        "PASSWORD_RESET_HOURS": 1,
        "PASSWORD_RESET_MIN_SECONDS": 0.25,  # asking takes this long whether or not the account exists
        "EMAIL_VERIFY_DAYS": 7,
        "MIN_AGE": 16,              # registration asks members to confirm they are at least this old
        "TERMS_VERSION": None,      # None: a digest of the Privacy, Terms and guidelines texts (community/pages.py)
        # Hospital sign-in (OpenID Connect, community/auth/oidc*.py): on when ISSUER and CLIENT_ID are set.
        "OIDC_ISSUER": None,            # e.g. "https://login.hospital.example/realms/staff"
        "OIDC_CLIENT_ID": None,
        "OIDC_CLIENT_SECRET": None,
        "OIDC_SCOPES": "openid email profile",
        "OIDC_ROLE_CLAIM": "roles",     # the claim holding the member's groups or roles
        "OIDC_ROLE_MAP": {},            # claim value -> Harbor role, e.g. {"harbor-moderators": "moderator"}
        "OIDC_PATIENTS": False,         # whether accounts whose claims map to no staff role may use it
        "OIDC_BUTTON_LABEL": "your hospital",   # the login page's "Sign in with <label>"
        # `amr` values (RFC 8176) that count as a multi-factor sign-in at the provider; "a+b": both.
        "OIDC_MFA_AMR": ["mfa", "otp", "hwk", "swk+pin", "sc+pin"],
        "OIDC_TIMEOUT_SECONDS": 10.0,   # each request Harbor makes to the provider
        # "Confirm with <label>" instead of a password (auth/reauth.py): how long the confirmation
        # lasts, and how long ago the provider's sign-in (`auth_time`) may have been.
        "OIDC_REAUTH_SECONDS": 300,
        "OIDC_REAUTH_MAX_AGE_SECONDS": 120,
        # Where the provider sends the browser after logout; None: BASE_URL + /login.
        "OIDC_POST_LOGOUT_REDIRECT_URI": None,
        "CRISIS_LOCALE": "",   # e.g. "en-GB": whose crisis lines to show when the page's locale names no country ("" = default)
        # Crisis lines per country code (ISO 3166 alpha-2), with a "default" for everyone else.
        "CRISIS_RESOURCES": {
            "GB": [
                {"name": "Samaritans", "contact": "Call 116 123, free, day or night", "url": "https://www.samaritans.org"},
                {"name": "Shout", "contact": "Text SHOUT to 85258", "url": "https://giveusashout.org"},
                {"name": "Emergency services", "contact": "If you are in immediate danger call 999", "url": None},
            ],
            "IE": [
                {"name": "Samaritans Ireland", "contact": "Call 116 123, free, day or night", "url": "https://www.samaritans.org"},
                {"name": "Emergency services", "contact": "If you are in immediate danger call 112 or 999", "url": None},
            ],
            "US": [
                {"name": "988 Suicide & Crisis Lifeline", "contact": "Call or text 988", "url": "https://988lifeline.org"},
                {"name": "Emergency services", "contact": "If you are in immediate danger call 911", "url": None},
            ],
            "default": [
                {"name": "988 Suicide & Crisis Lifeline (US)", "contact": "Call or text 988", "url": "https://988lifeline.org"},
                {"name": "Samaritans (UK and Ireland)", "contact": "Call 116 123, free, day or night", "url": "https://www.samaritans.org"},
                {"name": "Emergency services", "contact": "If you are in immediate danger call 999 (UK), 911 (US) or 112 (EU)", "url": None},
            ],
        },
    }


def load(app: Flask, test_config: dict[str, Any] | None) -> None:
    base = defaults(app.instance_path)
    default_base_url = base.pop("BASE_URL")
    app.config.from_mapping(base)
    app.config.from_pyfile(os.path.join(app.instance_path, "config.py"), silent=True)
    for key, kind in _ENV_KEYS.items():
        if key in os.environ and os.environ[key] != "":
            app.config[key] = _parse(kind, os.environ[key])
    if test_config:
        app.config.from_mapping(test_config)
    # Whether someone chose BASE_URL (instance/config.py, the environment, a test): if not,
    # `serve` sets it to the address it serves (community/cli.py).
    app.config["BASE_URL_CONFIGURED"] = bool(app.config.get("BASE_URL"))
    if not app.config["BASE_URL_CONFIGURED"]:
        app.config["BASE_URL"] = default_base_url

    env = app.config["HARBOR_ENV"]
    if env == "testing":
        app.config["TESTING"] = True
    if not app.config.get("SECRET_KEY"):
        if env in {"development", "testing"}:
            app.config["SECRET_KEY"] = DEV_SECRET
        else:
            raise RuntimeError(
                "SECRET_KEY is not set. Set the SECRET_KEY environment variable or put "
                "SECRET_KEY = '...' in instance/config.py (python3 dev.py setup writes one)."
            )
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_db_url(app.config["DATABASE_URL"])
    app.config.setdefault("REMEMBER_COOKIE_SECURE", bool(app.config.get("SESSION_COOKIE_SECURE")))
    app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"] or "memory://"
    # Redis away: count in this process's memory meanwhile (logins keep working), and find
    # out fast that it is away.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", {"socket_connect_timeout": 0.5, "socket_timeout": 0.5})
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    os.makedirs(app.instance_path, exist_ok=True)


def normalise_db_url(url: str) -> str:
    """Accept the usual `postgres://` and `postgresql://` spellings and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
