"""The OpenAPI 3.1 document of every /api/v1 route (a test fails if a route is missing)."""
from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from . import bp

_ERR = {"$ref": "#/components/responses/Error"}


def _op(summary: str, *, body: dict[str, Any] | None = None, ok: str = "200", ok_schema: dict[str, Any] | None = None,
        params: list[dict[str, Any]] | None = None, auth: bool = True, errors: tuple[str, ...] = ("400", "401", "403", "404", "413", "422", "429"),
        content_type: str = "application/json") -> dict[str, Any]:
    answer: dict[str, Any] = ({"description": "No content"} if ok == "204" else
                              {"description": "OK", "content": {content_type: {"schema": ok_schema or {"type": "object"}}}})
    op: dict[str, Any] = {"summary": summary, "responses": {ok: answer}}
    # Any route with a JSON body answers 413 past JSON_BODY_LIMIT (a long text in a multi-byte
    # script can pass a field's maxLength and still be too many bytes).
    for code in (*errors, "413") if body is not None else errors:
        op["responses"][code] = _ERR
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if params:
        op["parameters"] = params
    if not auth:
        op["security"] = []
    return op


def _obj(required: list[str], **props: Any) -> dict[str, Any]:
    """An object schema. The server reads a null optional field as absent, so optional
    properties accept null too."""
    return {"type": "object", "required": required,
            "properties": {k: v if k in required else _nullable(v) for k, v in props.items()}}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    return schema


S = {"type": "string"}
I = {"type": "integer"}
ID = {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}   # ids are INTEGER columns; a bigger one is a 404/422
# The server's limits (the defaults of TITLE_MAX and BODY_MAX); text may not hold NUL (422).
TITLE = {"type": "string", "minLength": 5, "maxLength": 150, "description": "5 to 150 characters once runs of whitespace are one space"}
BODY = {"type": "string", "minLength": 1, "maxLength": 20_000, "description": "Markdown, 1 to 20,000 characters once trimmed"}
CURSOR = {"name": "cursor", "in": "query", "required": False, "schema": S}


def _path(name: str, schema: dict[str, Any] = S) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": schema}


CONFIRM = {"type": "boolean", "description": "Identifiers in the text (a phone number, an NHS number, an address...) hold the "
           "post for a moderator (status `pending`). Send false to be asked first instead: 422 `needs_confirmation` "
           "listing what was found (`warnings`), and nothing is stored. Absent or null: true."}
WRITE_RESULT = _obj(["id", "status", "warnings"], id=I, status={"enum": ["published", "pending"]},
                    warnings={"type": "array", "items": {"$ref": "#/components/schemas/Warning"}})

PATHS: dict[str, dict[str, Any]] = {
    "/api/v1/openapi.json": {"get": _op("This document", auth=False, errors=())},
    "/api/v1/conditions": {"get": _op("List condition communities", ok_schema=_obj(["items"], items={"type": "array", "items": _obj(["slug", "name", "description"], slug=S, name=S, description=S)}))},
    "/api/v1/conditions/{slug}/membership": {
        "put": _op("Join a condition community (and its chat room); idempotent", params=[_path("slug")], ok="204"),
        "delete": _op("Leave a condition community; idempotent", params=[_path("slug")], ok="204"),
    },
    "/api/v1/conditions/{slug}/threads": {
        "get": _op("Threads of a condition by latest activity", params=[_path("slug"), CURSOR]),
        "post": _op("Start a thread", params=[_path("slug")], ok="201", body=_obj(["title", "body"], title=TITLE, body=BODY, is_question={"type": "boolean"}, confirm_identifiers=CONFIRM), ok_schema=WRITE_RESULT),
    },
    "/api/v1/threads/{thread_id}": {"get": _op("A thread with a page of its posts", params=[_path("thread_id", ID), CURSOR])},
    "/api/v1/threads/{thread_id}/posts": {"post": _op("Reply to a thread", params=[_path("thread_id", ID)], ok="201", body=_obj(["body"], body=BODY, confirm_identifiers=CONFIRM), ok_schema=WRITE_RESULT)},
}


def add(path: str, method: str, op: dict[str, Any]) -> None:
    """Capabilities add their routes' operations here when their API module is imported."""
    PATHS.setdefault(path, {})[method] = op


IDEMPOTENCY_KEY = {"name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string", "maxLength": 128},
                   "description": "Repeat it on a retry: within 24 hours the first answer comes back and nothing new is stored."}
IDEMPOTENT = ("/api/v1/conditions/{slug}/threads", "/api/v1/threads/{thread_id}/posts", "/api/v1/feedback", "/api/v1/reports")


def document() -> dict[str, Any]:
    for path in IDEMPOTENT:
        op = PATHS.get(path, {}).get("post")
        if op is not None and IDEMPOTENCY_KEY not in op.setdefault("parameters", []):
            op["parameters"].append(IDEMPOTENCY_KEY)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Harbor API", "version": "1.0.0", "description": "Harbor's JSON API. Send `Authorization: Bearer <token>` from POST /api/v1/tokens."},
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": PATHS,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": _obj(["error"], error=_obj(["code", "message"], code=S, message=S)),
                "Warning": _obj(["code", "message"], code=S, message=S, resources={"type": "array", "items": {"type": "object"}}),
            },
            "responses": {"Error": {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
        },
    }


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(document())
