"""Supporting documents for verification: type checked from the content (not the name),
size-limited, stored privately under instance/ and never under static/."""
from __future__ import annotations

import secrets
from pathlib import Path

from ..errors import Invalid

MAX_BYTES = 5 * 1024 * 1024
_MAGIC = [(b"%PDF-", "application/pdf", ".pdf"), (b"\x89PNG\r\n\x1a\n", "image/png", ".png"), (b"\xff\xd8\xff", "image/jpeg", ".jpg")]


def sniff(head: bytes) -> tuple[str, str] | None:
    for magic, mime, ext in _MAGIC:
        if head.startswith(magic):
            return mime, ext
    return None


def store(*, folder: Path, data: bytes) -> tuple[str, str]:
    """Check and save a document; returns (stored file name, mime type)."""
    if len(data) > MAX_BYTES:
        raise Invalid("document", "The document is larger than 5 MB.")
    if not data:
        raise Invalid("document", "The document is empty.")
    kind = sniff(data[:16])
    if kind is None:
        raise Invalid("document", "Upload a PDF, PNG or JPEG file (checked from the file's content).")
    mime, ext = kind
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16) + ext
    (folder / name).write_bytes(data)
    return name, mime
