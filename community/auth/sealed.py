"""Secrets kept at rest encrypted: the TOTP seed is needed in clear to check a code, so it
cannot be hashed like a password or a recovery code; instead the column holds a Fernet token
(AES-128-CBC + HMAC-SHA256, from the `cryptography` package), and a copy of the database or a
backup alone no longer lets anyone mint second-factor codes.

The key is `TOTP_ENCRYPTION_KEY` (any string; keep it apart from the database) or, when that is
not set, one derived from SECRET_KEY with HKDF. Several keys may be given, newest first,
separated by commas, so a key can be rotated: values sealed with an older key still open and are
sealed again with the newest one the next time they are written. A value that no key opens reads
as no secret at all (the member enrols again) and is logged without its content."""
from __future__ import annotations

import base64
import logging
from typing import Any

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app, has_app_context

log = logging.getLogger(__name__)
PREFIX = "f1:"


def _fernet_key(material: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"harbor-sealed-v1", info=b"totp")
    return base64.urlsafe_b64encode(hkdf.derive(material.encode()))


def _cipher() -> MultiFernet:
    config = current_app.config
    raw = config.get("TOTP_ENCRYPTION_KEY") or config["SECRET_KEY"]
    keys = [k.strip() for k in str(raw).split(",") if k.strip()]
    return MultiFernet([Fernet(_fernet_key(k)) for k in keys])


def seal(value: str) -> str:
    return PREFIX + _cipher().encrypt(value.encode()).decode()


def unseal(stored: str) -> str | None:
    if not stored.startswith(PREFIX):
        return stored   # written before sealing existed (the migration seals those)
    try:
        return _cipher().decrypt(stored[len(PREFIX):].encode()).decode()
    except InvalidToken:
        log.warning("a sealed value could not be opened with the configured keys")
        return None


class Sealed(sa.TypeDecorator[str]):
    """A String column whose value is sealed on the way in and opened on the way out."""

    impl = sa.String(255)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> str | None:
        if value is None:
            return None
        if not has_app_context():
            raise RuntimeError("a sealed column needs the app's key: write it inside an app context")
        return seal(str(value))

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> str | None:
        if value is None:
            return None
        return unseal(str(value)) if has_app_context() else None
