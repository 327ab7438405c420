"""The one error vocabulary: domain errors raised by services, each with a `code`, and the
handlers that turn them into HTML or the contract's JSON error `{"error": {"code", "message"}}`.
Chat acks are made from the same errors (`ack`). A DomainError ends the request's transaction:
the handlers here roll it back (one place), so views never call `db.session.rollback()`."""
from __future__ import annotations

import datetime as dt
import time
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException

from .extensions import db, limiter


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str = "", *, code: str | None = None, extra: dict[str, Any] | None = None):
        super().__init__(message or self.__class__.__doc__ or self.code)
        self.message = message or (self.__class__.__doc__ or self.code).strip()
        if code:
            self.code = code
        self.extra = extra or {}


class NotAllowed(DomainError):
    """You are not allowed to do that."""

    status = 403
    code = "forbidden"


class NotFound(DomainError):
    """Not found."""

    status = 404
    code = "not_found"


class Conflict(DomainError):
    """That already exists."""

    status = 409
    code = "conflict"


class Invalid(DomainError):
    """A field's value is not acceptable: the adapter shows `message` beside `field`."""

    status = 422
    code = "invalid"

    def __init__(self, field: str, message: str, *, code: str | None = None, extra: dict[str, Any] | None = None):
        super().__init__(message, code=code, extra=extra)
        self.field = field


class TooSoon(DomainError):
    """Wait a little before doing that again (slow mode)."""

    status = 429
    code = "slow_mode"

    @classmethod
    def unless_waited(cls, last: dt.datetime | None, seconds: int, message: str) -> None:
        """Slow mode, for threads and chat rooms alike: raise if the member's `last` item there
        is less than `seconds` old, with `message` saying how long to wait (`{wait}` seconds)."""
        if not seconds or last is None:
            return
        since = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=seconds)
        if last > since:
            wait = int((last - since).total_seconds()) + 1
            raise cls(message.format(wait=wait), extra={"retry_after": wait})


class Refused(DomainError):
    """Content that must never be posted (a blocked watched word)."""

    status = 422
    code = "refused"


class NeedsConfirmation(DomainError):
    """The text seems to contain personal details: the author edits them out or confirms
    (`confirm_identifiers=True`), and then a moderator checks it before anyone sees it.
    `extra["warnings"]` lists what screening found."""

    status = 422
    code = "needs_confirmation"

    def __init__(self, message: str = "", *, code: str | None = None, warnings: list[dict[str, Any]] | None = None,
                 findings: list[dict[str, Any]] | None = None, text: str = ""):
        super().__init__(message, code=code, extra={"warnings": warnings or []})
        # What the screening found in `text` (spans into it), for a form to highlight: the text
        # is screened once per request, by the service.
        self.findings, self.text = findings or [], text


def handled(err: DomainError) -> DomainError:
    """An adapter caught `err` to answer in its own way (a form shown again, a flash, an ack):
    the failed use case's transaction is rolled back here, the one place that does it."""
    db.session.rollback()
    return err


def ack(err: DomainError) -> dict[str, Any]:
    """A chat ack made from a domain error: `{"ok": false, "error": code, "message", ...extra}`."""
    handled(err)
    out: dict[str, Any] = {"ok": False, "error": err.code, "message": err.message}
    out.update({k: v for k, v in err.extra.items() if v is not None})
    return out


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "rate_limited",
}


def json_error(status: int, code: str, message: str, **extra: Any) -> Response:
    body: dict[str, Any] = {"code": code, "message": message}
    body.update(extra)
    resp = jsonify({"error": body})
    resp.status_code = status
    return resp


def wants_json() -> bool:
    return request.path.startswith("/api/")


def _limit_reset_in() -> int | None:
    try:
        current = limiter.current_limit
    except Exception:  # noqa: BLE001 - no limit context: a plain 429
        return None
    return max(int(current.reset_at - time.time()), 1) if current else None


def _wait_message(seconds: int | None) -> str:
    if seconds is None:
        return "Too many attempts. Please wait a little and try again."
    if seconds < 90:
        return f"Too many attempts. Please wait {max(seconds, 1)} seconds and try again."
    minutes = -(-seconds // 60)
    return f"Too many attempts. Please wait {minutes} minutes and try again."


def init_app(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain(err: DomainError):  # type: ignore[no-untyped-def]
        handled(err)
        if wants_json():
            extra = dict(err.extra)
            if isinstance(err, Invalid):
                extra["field"] = err.field
            return json_error(err.status, err.code, err.message, **extra)
        return render_template("errors/error.html", status=err.status, message=err.message), err.status

    def _retry_after_only_when_refused(resp: Response) -> Response:
        # Flask-Limiter puts its window on every answer; a client should only be told to wait
        # when it was refused (429) or the service is down (503). First in the list = run last.
        if resp.status_code not in (429, 503):
            resp.headers.pop("Retry-After", None)
        return resp

    app.after_request_funcs.setdefault(None, []).insert(0, _retry_after_only_when_refused)

    @app.errorhandler(HTTPException)
    def _http(err: HTTPException):  # type: ignore[no-untyped-def]
        status = err.code or 500
        description = err.description or err.name
        if status == 429:
            description = _wait_message(_limit_reset_in())
        if wants_json():
            resp = json_error(status, _HTTP_CODES.get(status, "error"), description)
            if status == 429 and err.get_headers():
                for k, v in err.get_headers():
                    if k.lower() == "retry-after":
                        resp.headers[k] = v
            return resp
        resp = err.get_response()
        retry_after = resp.headers.get("Retry-After")
        page = render_template("errors/error.html", status=status, message=description)
        out = Response(page, status=status, mimetype="text/html")
        if retry_after:
            out.headers["Retry-After"] = retry_after
        return out

    @app.errorhandler(sa_exc.DataError)
    def _data(err: sa_exc.DataError):  # type: ignore[no-untyped-def]
        # The last line of "bad input never 500s": a value the database refused (out of range,
        # text it can't hold) that no guard before it caught. Nothing of it was kept.
        from .extensions import db

        db.session.rollback()
        app.logger.warning("database refused a value: %s", type(err.orig).__name__ if err.orig else "DataError")
        message = "Something you sent can't be stored (a number out of range or characters that aren't text)."
        if wants_json():
            return json_error(422, "invalid", message)
        return render_template("errors/error.html", status=422, message=message), 422

    @app.errorhandler(500)
    def _server(err: Exception):  # type: ignore[no-untyped-def]
        if wants_json():
            return json_error(500, "server_error", "Something went wrong on our side.")
        try:
            return render_template("errors/error.html", status=500, message="Please try again in a moment."), 500
        except Exception:  # noqa: BLE001  (the page itself failed, e.g. the database is down)
            return Response(_BARE_500, status=500, mimetype="text/html")


_BARE_500 = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Something went wrong</title></head>"
             "<body><h1>Something went wrong on our side</h1><p>Please try again in a moment.</p></body></html>")
