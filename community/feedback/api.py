"""Feedback on the JSON API: `POST /api/v1/feedback` (any member) and the streamed
`GET /api/v1/feedback/export` (quality and admin; export-scoped tokens are accepted)."""
from __future__ import annotations

from typing import Any

from flask import Response, request, stream_with_context

from ..api import bp, openapi
from ..api.auth import api_user, token_required
from ..reliability.idempotency import idempotent
from ..api.routes import body
from . import services
from .rows import parse_filters


@bp.post("/feedback")
@token_required()
@idempotent(api_user)
def give_feedback() -> tuple[dict[str, Any], int]:
    data = body("text", types={"text": str, "rating": int, "condition": str, "service": str, "visit_month": str})
    record = services.give_feedback(actor=api_user(), text=data["text"], rating=data.get("rating"), condition=data.get("condition"),
                                    service=data.get("service"), visit_month=data.get("visit_month"))
    return {"id": record.id, "sentiment": {"label": record.sentiment_label, "score": record.sentiment_score},
            "themes": services.theme_list(record)}, 201


@bp.get("/feedback/export")
@token_required(scope="export")
def export() -> Response:
    job = services.export_feedback(actor=api_user(), fmt=request.args.get("format", "csv"), filters=parse_filters(request.args.get),
                                   via="api")
    return Response(stream_with_context(job.chunks()), mimetype=job.mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{job.filename}"', "Cache-Control": "no-store"})


_S, _I = {"type": "string"}, {"type": "integer"}


def _q(name: str, description: str, schema: dict[str, Any] = _S) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


openapi.add("/api/v1/feedback", "post", openapi._op(
    "Share feedback about your care", ok="201",
    body={"type": "object", "required": ["text"], "properties": {
        "text": _S, "rating": {"type": "integer", "minimum": 1, "maximum": 5}, "condition": {**_S, "description": "condition slug"},
        "service": {**_S, "description": "care setting slug (FEEDBACK_SERVICES)"}, "visit_month": {**_S, "description": "YYYY-MM"}}},
    ok_schema={"type": "object", "required": ["id", "sentiment", "themes"], "properties": {
        "id": _I, "sentiment": {"type": "object", "required": ["label", "score"], "properties": {
            "label": {"enum": ["positive", "neutral", "negative"]}, "score": {"type": "number"}}},
        "themes": {"type": "array", "items": _S}}},
    errors=("400", "401", "403", "413", "422", "429")))
openapi.add("/api/v1/feedback/export", "get", openapi._op(
    "The de-identified feedback export (quality and admin; export-scoped tokens accepted; streamed). Columns: record_id, "
    "source, created_on, condition, service, rating, text, sentiment_label, sentiment_score, themes, critical, author_key, "
    "tagger_version.",
    params=[_q("format", "csv (default) or jsonl", {"enum": ["csv", "jsonl"]}), _q("since", "YYYY-MM-DD, inclusive"),
            _q("until", "YYYY-MM-DD, inclusive"), _q("condition", "condition slug"),
            _q("source", "feedback or post", {"enum": ["feedback", "post"]}),
            _q("sentiment", "positive, neutral or negative", {"enum": ["positive", "neutral", "negative"]}),
            _q("theme", "theme slug"), _q("critical", "1: critical records only")],
    content_type="text/csv", ok_schema=_S, errors=("401", "403", "422", "429")))
