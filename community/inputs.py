"""Bad input never reaches a query: the one place that bounds what a URL, a query string or a
JSON body can carry.

- `<int:...>` in a route matches 0 .. 2**31-1 only, the range of the INTEGER id columns (a
  bigger id is no row: 404, not "integer out of range" from PostgreSQL or an OverflowError from
  SQLite); `<slug>`/`<username>` never match a NUL byte (PostgreSQL text
  cannot hold one).
- `request.args.get(name, type=int)` gives the default for a number outside +/-2**31 (a page
  number that large would overflow OFFSET), so every `?page=`/`?condition=` is bounded at once.
- JSON that is nested too deep for the parser, or holds a lone surrogate (which no database
  can store), is invalid JSON: `get_json(silent=True)` gives None and the API answers 400.
"""
from __future__ import annotations

import json
from typing import Any

from flask import Flask, Request, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter, UnicodeConverter, ValidationError

from .errors import Invalid

ID_MAX = 2**31 - 1      # INTEGER columns (every id) on PostgreSQL
ARG_INT_MAX = ID_MAX
JSON_MAX_DEPTH = 64


class BoundedInt(IntegerConverter):
    """`<int:x>`: only values an INTEGER id column can hold."""

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        if not -ID_MAX <= number <= ID_MAX:
            raise ValidationError()
        return number


class NoNulString(UnicodeConverter):
    """`<x>`/`<string:x>`: a segment with a NUL byte (`%00`) matches no route."""

    def to_python(self, value: str) -> str:
        if "\x00" in value or has_surrogate(value):
            raise ValidationError()
        return value


class BoundedArgs(ImmutableMultiDict):  # type: ignore[type-arg]
    def get(self, key: Any, default: Any = None, type: Any = None) -> Any:  # noqa: A002
        value = super().get(key, default, type)
        if type is int and isinstance(value, int) and not -ARG_INT_MAX <= value <= ARG_INT_MAX:
            return default
        return value


class HarborRequest(Request):
    parameter_storage_class = BoundedArgs


def has_surrogate(text: str) -> bool:
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check(value: Any, depth: int = 0) -> None:
    if depth > JSON_MAX_DEPTH:
        raise ValueError("JSON is nested too deeply.")
    if isinstance(value, str):
        if has_surrogate(value):
            raise ValueError("JSON strings must be valid Unicode (no lone surrogates).")
    elif isinstance(value, dict):
        for k, v in value.items():
            _check(k, depth + 1)
            _check(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _check(v, depth + 1)


def strict_loads(s: str | bytes, **kwargs: Any) -> Any:
    """json.loads that raises ValueError (never RecursionError) for deep nesting and refuses
    strings no database can store."""
    try:
        value = json.loads(s, **kwargs)
    except RecursionError:
        raise ValueError("JSON is nested too deeply.") from None
    _check(value)
    return value


class StrictJSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return strict_loads(s, **kwargs)


def text_problem(value: str) -> str | None:
    """Why a submitted text can't be stored, or None."""
    if "\x00" in value:
        return "This can't contain NUL characters."
    if has_surrogate(value):
        return "This contains characters that are not valid text."
    return None


def payload_problem(value: Any, depth: int = 0) -> str | None:
    """Why a decoded payload (a Socket.IO event's arguments) can't reach a query, or None:
    text with NUL or a lone surrogate, a number past the INTEGER range, nesting too deep."""
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return None
    if isinstance(value, int):
        return None if -ID_MAX <= value <= ID_MAX else "A number is out of range."
    if depth > JSON_MAX_DEPTH:
        return "The data is nested too deeply."
    if isinstance(value, dict):
        items: Any = [*value.keys(), *value.values()]
    elif isinstance(value, list | tuple):
        items = value
    else:
        return None
    for item in items:
        if problem := payload_problem(item, depth + 1):
            return problem
    return None


def form_text(name: str, default: str = "") -> str:
    """A form value a view reads without a WTForms form: refused (422, the field named) when
    it can't be stored."""
    value = request.form.get(name, default)
    if problem := text_problem(value):
        raise Invalid(name, problem)
    return value


def _check_args() -> None:
    for name, value in request.args.items(multi=True):
        if problem := text_problem(value) or text_problem(name):
            raise Invalid(name, f"The '{name[:40]}' parameter: {problem}")


def init_app(app: Flask) -> None:
    """Before any blueprint is registered (rules bind their converters then)."""
    app.before_request(_check_args)
    app.url_map.converters["int"] = BoundedInt
    app.url_map.converters["default"] = NoNulString
    app.url_map.converters["string"] = NoNulString
    app.request_class = HarborRequest
    app.json_provider_class = StrictJSONProvider
    app.json = StrictJSONProvider(app)
