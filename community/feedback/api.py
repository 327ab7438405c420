"""Feedback on the JSON API: `POST /api/v1/feedback` (any member), `GET /api/v1/feedback/mine`
(the member's own feedback with its responses), `POST /api/v1/feedback/{id}/responses`
(quality staff and the service's named responders) and the streamed
`GET /api/v1/feedback/export` (quality and admin; export-scoped tokens are accepted)."""
from __future__ import annotations

from typing import Any

from flask import Response, request, stream_with_context

from ..api import bp, openapi
from ..api.auth import api_user, token_required
from ..api.routes import body
from . import responses, services
from .rows import parse_filters


@bp.post("/feedback")
@token_required()
def give_feedback() -> tuple[dict[str, Any], int]:
    data = body("text", types={"text": str, "rating": int, "condition": str, "service": str, "visit_month": str, "publish": bool})
    record = services.give_feedback(actor=api_user(), text=data["text"], rating=data.get("rating"), condition=data.get("condition"),
                                    service=data.get("service"), visit_month=data.get("visit_month"),
                                    publish_consent=bool(data.get("publish")))
    return {"id": record.id, "sentiment": {"label": record.sentiment_label, "score": record.sentiment_score},
            "themes": services.theme_list(record), "warnings": list(record.warnings)}, 201


def _response_json(r: Any) -> dict[str, Any]:
    out = {"body": r.body, "change": r.change, "created_at": r.created_at.isoformat()}
    if r.what_changed:
        out["what_changed"] = r.what_changed
    return out


@bp.get("/feedback/mine")
@token_required()
def my_feedback() -> dict[str, Any]:
    items = responses.my_feedback(actor=api_user())
    return {"items": [{"id": i.feedback.id, "text": i.feedback.text, "created_at": i.feedback.created_at.isoformat(),
                       "service": i.service or None, "published": i.feedback.publish_consent and bool(i.responses),
                       "responses": [_response_json(r) for r in i.responses]} for i in items]}


@bp.post("/feedback/<int:feedback_id>/responses")
@token_required()
def respond(feedback_id: int) -> tuple[dict[str, Any], int]:
    data = body("body", types={"body": str, "change": str, "what_changed": str})
    row = responses.respond(actor=api_user(), feedback_id=feedback_id, body=data["body"], change=data.get("change") or "none",
                            what_changed=data.get("what_changed"))
    return {"id": row.id, "feedback_id": feedback_id, **_response_json(row)}, 201


@bp.get("/feedback/export")
@token_required(scope="export")
def export() -> Response:
    job = services.export_feedback(actor=api_user(), fmt=request.args.get("format", "csv"), filters=parse_filters(request.args.get),
                                   via="api")
    return Response(stream_with_context(job.chunks()), content_type=job.mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{job.filename}"', "Cache-Control": "no-store"})


_S, _I = {"type": "string"}, {"type": "integer"}


def _q(name: str, description: str, schema: dict[str, Any] = _S) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


openapi.add("/api/v1/feedback", "post", openapi._op(
    "Share feedback about your care", ok="201",
    body=openapi._obj(["text"], text={**_S, "minLength": 1, "maxLength": services.TEXT_MAX},
                      rating={"type": "integer", "minimum": 1, "maximum": 5}, condition={**_S, "description": "condition slug"},
                      service={**_S, "description": "a service-tree path, e.g. Cardiology/Ward 3 (422 if unknown)"},
                      visit_month={**_S, "pattern": "^([0-9]{4}-[0-9]{2})?$", "description": "YYYY-MM (empty: not given)"},
                      publish={"type": "boolean",
                               "description": "the author allows publication of this feedback and its responses, de-identified"}),
    ok_schema={"type": "object", "required": ["id", "sentiment", "themes"], "properties": {
        "id": _I, "sentiment": {"type": "object", "required": ["label", "score"], "properties": {
            "label": {"enum": ["positive", "neutral", "negative"]}, "score": {"type": "number"}}},
        "themes": {"type": "array", "items": _S}}},
    errors=("400", "401", "403", "413", "422", "429")))
_RESP = {"type": "object", "required": ["body", "change", "created_at"], "properties": {
    "body": _S, "change": {"enum": ["none", "planned", "made"]}, "what_changed": _S, "created_at": _S}}
openapi.add("/api/v1/feedback/mine", "get", openapi._op(
    "Your own feedback, newest first, with the care team's responses",
    ok_schema={"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {
        "type": "object", "required": ["id", "text", "created_at", "responses"], "properties": {
            "id": _I, "text": _S, "created_at": _S, "service": {"type": ["string", "null"]}, "published": {"type": "boolean"},
            "responses": {"type": "array", "items": _RESP}}}}}},
    errors=("401", "429")))
openapi.add("/api/v1/feedback/{feedback_id}/responses", "post", openapi._op(
    "Respond to feedback (quality staff, admins, the service's named responders); the author is notified (feedback_response). "
    "change 'made' needs what_changed: a sentence on what changed.", ok="201",
    body={"type": "object", "required": ["body"], "properties": {
        "body": _S, "change": {"enum": ["none", "planned", "made"]}, "what_changed": _S}},
    params=[{"name": "feedback_id", "in": "path", "required": True, "schema": _I}],
    ok_schema=_RESP, errors=("400", "401", "403", "404", "422", "429")))
_EXPORT = openapi._op(
    "The de-identified feedback export (quality and admin; export-scoped tokens accepted; streamed). Columns: record_id, "
    "source, created_on, condition, service, rating, text, sentiment_label, sentiment_score, themes, critical, author_key, "
    "tagger_version, response_status.",
    params=[_q("format", "csv (default) or jsonl", {"enum": ["csv", "jsonl"]}), _q("since", "YYYY-MM-DD, inclusive"),
            _q("until", "YYYY-MM-DD, inclusive"), _q("condition", "condition slug"),
            _q("source", "feedback or post", {"enum": ["feedback", "post"]}),
            _q("sentiment", "positive, neutral or negative", {"enum": ["positive", "neutral", "negative"]}),
            _q("theme", "theme slug"), _q("critical", "1: critical records only")],
    content_type="text/csv", ok_schema=_S, errors=("401", "403", "422", "429"))
_EXPORT["responses"]["200"]["content"]["application/x-ndjson"] = {"schema": _S}
openapi.add("/api/v1/feedback/export", "get", _EXPORT)
