"""Opaque keyset cursors: pages are found by the last row's sort key, never by OFFSET, so a
page costs the same at row 10 and at row 1,000,000."""
from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import sqlalchemy as sa

from .errors import Invalid

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    items: list[T]
    next: str | None


def encode(*values: Any) -> str:
    raw = [v.isoformat() if isinstance(v, dt.datetime) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(raw, separators=(",", ":")).encode()).decode().rstrip("=")


def decode(cursor: str | None, *kinds: type) -> tuple[Any, ...] | None:
    if not cursor:
        return None
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(kinds):
            raise ValueError
        out = []
        for kind, value in zip(kinds, raw, strict=True):
            if kind is dt.datetime:
                out.append(dt.datetime.fromisoformat(value))
            elif kind is int:
                if not isinstance(value, int) or isinstance(value, bool) or not -(2**31 - 1) <= value <= 2**31 - 1:
                    raise ValueError
                out.append(value)
            else:
                if not isinstance(value, str | int | float) or "\x00" in str(value):
                    raise ValueError
                out.append(kind(value))
        return tuple(out)
    except (ValueError, TypeError, OverflowError, RecursionError, json.JSONDecodeError):
        raise Invalid("cursor", "That page cursor is not valid.", code="bad_cursor") from None


def before(key: Any, tiebreak: Any, key_value: Any, tiebreak_value: Any) -> Any:
    """The keyset condition for a newest-first list ordered by (key DESC, tiebreak DESC): rows
    after the one whose sort key was (key_value, tiebreak_value)."""
    return sa.or_(key < key_value, sa.and_(key == key_value, tiebreak < tiebreak_value))
