"""Rows to CSV or JSON Lines (pure generators: rows in, text chunks out, memory flat).

A row is a tuple in `COLUMNS` order with native values: rating int|None, sentiment_score
float, critical bool, everything else str. Both formats neutralise formula injection: every
string cell that starts with =, +, -, @, a tab or a carriage return gets a leading single
quote. JSON Lines gets the same treatment (a JSONL file is often opened in a spreadsheet after
a conversion) so the two formats always carry the same text. Numbers are written as numbers:
a negative sentiment score is not a formula and stays numeric.

CSV is UTF-8 with a byte-order mark (so Excel reads the encoding right) and CRLF line ends."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from .deidentify import FORMULA_STARTS

COLUMNS = ("record_id", "source", "created_on", "condition", "service", "rating", "text", "sentiment_label",
           "sentiment_score", "themes", "critical", "author_key", "tagger_version", "response_status")
# Full Content-Type values: pass them as `content_type=` (Flask's `mimetype=` would add a second charset).
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}
BOM = "\ufeff"
CHUNK_ROWS = 500


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return value


def csv_chunks(rows: Iterable[tuple[Any, ...]], *, bom: bool = True) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if bom:
        buf.write(BOM)
    writer.writerow(COLUMNS)
    n = 0
    for row in rows:
        writer.writerow([_cell(v) for v in row])
        n += 1
        if n % CHUNK_ROWS == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _json_value(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def jsonl_chunks(rows: Iterable[tuple[Any, ...]]) -> Iterator[str]:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    out: list[str] = []
    for row in rows:
        out.append(dumps(dict(zip(COLUMNS, [_json_value(v) for v in row]))))
        if len(out) == CHUNK_ROWS:
            out.append("")
            yield "\n".join(out)
            out = []
    if out:
        out.append("")
        yield "\n".join(out)


def chunks(fmt: str, rows: Iterable[tuple[Any, ...]]) -> Iterator[str]:
    if fmt == "csv":
        return csv_chunks(rows)
    if fmt == "jsonl":
        return jsonl_chunks(rows)
    raise ValueError(f"unknown export format {fmt!r}")
