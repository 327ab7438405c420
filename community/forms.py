"""Shared form helpers: the base form every Harbor form extends (it refuses text that can't be
stored, beside the field), and `show_error`, which puts a service's `Invalid(field, message)`
beside the right field."""
from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm

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
