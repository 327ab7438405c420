"""The one place that reads configuration: defaults, then `instance/config.py`, then the
environment (which wins), then a test's overrides. It also refuses to start a non-development
deployment without a SECRET_KEY."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

DEV_SECRET = "harbor-development-only-secret"

# The care settings a patient picks from when sharing feedback: (slug, label). A deployment
# replaces the list with FEEDBACK_SERVICES in instance/config.py; slugs appear in exports.
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
    "DATABASE_URL": str,
    "REDIS_URL": str,
    "RATELIMIT_ENABLED": bool,
    "NEW_MEMBER_HOLD_POSTS": int,
    "HARBOR_ENV": str,
    "SOCKETIO_ASYNC_MODE": str,
    "CRISIS_HOLDS_POST": bool,
    "REPORT_HIDE_THRESHOLD": int,
    "EXPORT_MIN_AUTHORS": int,
    "EXPORT_DATE_PRECISION": str,
    "ALLOW_CLINICIAN_PATIENT_DM": bool,
    "CHAT_RATE_BURST": int,
    "SOCKETIO_ORIGINS": str,
    "CRISIS_RESOURCES_REGION": str,
    "PROXY_FIX": bool,
    "SESSION_COOKIE_SECURE": bool,
    "STAFF_IDLE_MINUTES": int,
    "SESSION_MAX_DAYS": int,
    "API_TOKEN_DAYS": int,
}


def _parse(kind: type, raw: str) -> Any:
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if kind is int:
        return int(raw)
    return raw


def defaults(instance_path: str) -> dict[str, Any]:
    return {
        "HARBOR_ENV": "production",
        "SECRET_KEY": None,
        "DATABASE_URL": "sqlite:///" + str(Path(instance_path) / "harbor.sqlite3"),
        "REDIS_URL": None,
        "RATELIMIT_ENABLED": True,
        "NEW_MEMBER_HOLD_POSTS": 2,
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
        "CRISIS_RESOURCES_REGION": "all",
        "REPORT_HIDE_THRESHOLD": 3,
        "EXPORT_MIN_AUTHORS": 5,
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
        "PASSWORD_MIN_SCORE": 3,        # zxcvbn's 0-4 guessability score a new password needs
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        "UPLOAD_MAX_BYTES": 5 * 1024 * 1024,
        "NEW_MEMBER_LINK_POSTS": 3,
        "CRISIS_RESOURCES": [
            {"name": "988 Suicide & Crisis Lifeline (US)", "contact": "Call or text 988", "url": "https://988lifeline.org"},
            {"name": "Samaritans (UK and Ireland)", "contact": "Call 116 123, free, day or night", "url": "https://www.samaritans.org"},
            {"name": "Emergency services", "contact": "If you are in immediate danger call 999 (UK), 911 (US) or 112 (EU)", "url": None},
        ],
    }


def load(app: Flask, test_config: dict[str, Any] | None) -> None:
    app.config.from_mapping(defaults(app.instance_path))
    app.config.from_pyfile(os.path.join(app.instance_path, "config.py"), silent=True)
    for key, kind in _ENV_KEYS.items():
        if key in os.environ and os.environ[key] != "":
            app.config[key] = _parse(kind, os.environ[key])
    if test_config:
        app.config.from_mapping(test_config)

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
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    os.makedirs(app.instance_path, exist_ok=True)


def normalise_db_url(url: str) -> str:
    """Accept the usual `postgres://` and `postgresql://` spellings and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
