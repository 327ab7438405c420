"""Shared form helpers: put a service's `Invalid(field, message)` beside the right field."""
from __future__ import annotations

from flask_wtf import FlaskForm

from .errors import DomainError, Invalid, handled


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
