"""Bearer tokens for the API: `POST /tokens` issues one; every other route needs one."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, request
from werkzeug.exceptions import Unauthorized

from ..auth import services as accounts
from ..auth.models import User
from ..errors import NotAllowed
from ..permissions import mfa_enrolment_needed
from ..extensions import csrf


def _current() -> tuple[User, Any] | None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    return accounts.user_for_token(header[7:].strip())


def token_required(scope: str = "all") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Require a valid bearer token; `scope="export"` routes also accept export-scoped tokens."""

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            found = _current()
            if found is None:
                raise Unauthorized("Send a valid API token as 'Authorization: Bearer <token>'.")
            user, token = found
            if mfa_enrolment_needed(user):
                raise NotAllowed("Set up two-step sign-in in the browser first.", code="mfa_enrolment_required")
            if token.scope != "all" and token.scope != scope:
                raise NotAllowed("This token is limited to the feedback export.")
            g.api_user = user
            return fn(*args, **kwargs)

        return csrf.exempt(wrapper)

    return deco


def api_user() -> User:
    return g.api_user  # type: ignore[no-any-return]
