"""Shared helpers for the feedback tests: run an export through the service and read it back."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from community.feedback import services
from community.feedback.export import BOM
from community.feedback.rows import parse_filters


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM):])))


def read_jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line]


def export(fmt: str = "csv", actor: Any = None, **filters: str) -> list[dict[str, Any]]:
    job = services.export_feedback(actor=actor, fmt=fmt, filters=parse_filters(filters.get), via="cli" if actor is None else "web")
    text = "".join(job.chunks())
    return read_csv(text) if fmt == "csv" else read_jsonl(text)
