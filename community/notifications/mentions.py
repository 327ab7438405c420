"""`@username` in a post or chat message: pure parsing (no database), so the rule for what
counts as a mention is written once and tested on plain strings."""
from __future__ import annotations

import re

MAX_MENTIONS = 20
# After start, whitespace or an opening bracket (not inside an email address or a URL path);
# a name as usernames allow it (letters, digits, _ . - inside), 2-32 characters.
_MENTION = re.compile(r"(?:(?<=^)|(?<=[\s(\[>]))@([A-Za-z0-9](?:[A-Za-z0-9_.-]{0,30}[A-Za-z0-9])?)")
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def mentioned(text: str) -> list[str]:
    """The usernames mentioned in `text` (lower-cased, first occurrence order, at most 20);
    code spans and blocks don't mention anyone."""
    if "@" not in text:
        return []
    seen: dict[str, None] = {}
    for m in _MENTION.finditer(_CODE.sub(" ", text)):
        seen.setdefault(m.group(1).rstrip(".").lower(), None)
        if len(seen) >= MAX_MENTIONS:
            break
    return list(seen)
