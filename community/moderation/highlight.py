"""Escaped text with screening findings wrapped in <mark>, for authors and moderators."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape


def highlight(text: str, findings: Iterable[Any]) -> Markup:
    spans = sorted(((_get(f, "start"), _get(f, "end"), _get(f, "code")) for f in findings), key=lambda s: s[0])
    out, pos = [], 0
    for start, end, code in spans:
        if start < pos or end > len(text):
            continue
        out.append(escape(text[pos:start]))
        out.append(Markup('<mark title="{}">{}</mark>').format(code, text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _get(f: Any, key: str) -> Any:
    return f[key] if isinstance(f, dict) else getattr(f, key)
