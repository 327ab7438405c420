"""argon2id password hashing with rehash-on-login when the parameters change."""
from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

_hashers: dict[tuple[int, int, int], PasswordHasher] = {}


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    key = (cfg["ARGON2_TIME_COST"], cfg["ARGON2_MEMORY_COST"], cfg["ARGON2_PARALLELISM"])
    if key not in _hashers:
        _hashers[key] = PasswordHasher(time_cost=key[0], memory_cost=key[1], parallelism=key[2])
    return _hashers[key]


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    try:
        return _hasher().check_needs_rehash(stored)
    except InvalidHashError:
        return True


_dummy_hashes: dict[int, str] = {}


# A hash no password matches, made once per hasher: checking against it costs one hash, as a
# real account's check does, so login time does not tell which names exist.
def dummy_verify(password: str) -> None:
    hasher = _hasher()
    stored = _dummy_hashes.get(id(hasher))
    if stored is None:
        stored = _dummy_hashes[id(hasher)] = hasher.hash(secrets.token_urlsafe(16))
    try:
        hasher.verify(stored, password)
    except VerificationError:
        pass
