"""Shared form helpers: the base form every Harbor form extends (it refuses text that can't be
stored, beside the field), `show_error`, which puts a service's `Invalid(field, message)`
beside the right field, and `csrf_token`, the request's CSRF token made cheaper."""
from __future__ import annotations

import functools
from typing import Any

from flask import current_app, g, session
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from itsdangerous import URLSafeTimedSerializer
from itsdangerous.signer import Signer

from .cache import Cache

from .errors import DomainError, Invalid, handled
from .inputs import text_problem


class Form(FlaskForm):
    """A FlaskForm whose every text field refuses NUL bytes and lone surrogates (PostgreSQL
    can't store them) with a message beside the field, before any service sees the text."""

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        for field in self:
            problem = next((p for raw in (field.raw_data or []) if isinstance(raw, str) and (p := text_problem(raw))), None)
            if problem:
                field.errors = [*list(field.errors or []), problem]
                ok = False
        return ok


def show_error(form: FlaskForm, err: DomainError) -> None:
    """Show a failed use case's error in its form (its transaction rolled back: errors.handled)."""
    handled(err)
    field = getattr(form, err.field, None) if isinstance(err, Invalid) else None
    if field is None and err.code == "username_taken":
        field = getattr(form, "username", None)
    if field is not None:
        field.errors = [*list(field.errors or []), err.message]
    else:
        form.form_errors.append(err.message)


_payloads = Cache("forms.csrf_payloads", max_items=10_000)   # a session's raw token -> its signed part


@functools.lru_cache(maxsize=4)
def _signing(secret_key: str | bytes) -> tuple[URLSafeTimedSerializer, Signer]:
    s = URLSafeTimedSerializer(secret_key, salt="wtf-csrf-token")
    return s, s.make_signer()


def csrf_token() -> str:
    """The request's CSRF token, the one `flask_wtf.csrf.generate_csrf` makes, kept in `g` as it
    keeps it (so forms, templates and it give the same one for the rest of the request). Made
    the same way, by the same itsdangerous serializer, but that serializer, its signer and the
    session's raw token's payload are built once per process (they hold no time): per request
    only the timestamp and the signature are computed. The first token of a session (and any
    unusual case) is left to flask_wtf."""
    config = current_app.config
    field = config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    if field in g:
        return str(g.get(field))
    secret = config.get("WTF_CSRF_SECRET_KEY", current_app.secret_key)
    raw = session.get(field) if field else None
    if not secret or not isinstance(raw, str):
        return str(generate_csrf())
    serializer, signer = _signing(secret)
    payload = _payloads.get(raw)
    if payload is None:
        payload = _payloads.put(raw, serializer.dump_payload(raw))
    token = signer.sign(payload).decode("utf-8")
    setattr(g, field, token)
    return token
