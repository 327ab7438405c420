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


_TAG = re.compile(r"(<[^>]+>)")
_SKIP = {"a", "code", "pre"}


def link_mentions(html: str, known: set[str]) -> str:
    """Sanitised HTML with each `@name` of a `known` member (lower-cased names) turned into a
    link to their profile; other `@words` stay plain text. Text inside links and code is left
    alone. Pure: the caller looks the names up."""
    if not known or "@" not in html:
        return html
    out, depth = [], 0
    for part in _TAG.split(html):
        if part.startswith("<") and part.endswith(">"):
            name = part[1:].lstrip("/").split()[0].rstrip(">").lower() if len(part) > 2 else ""
            if name in _SKIP:
                depth += -1 if part.startswith("</") else 1
            out.append(part)
        elif depth > 0 or "@" not in part:
            out.append(part)
        else:
            out.append(_MENTION.sub(lambda m: _link(m, known), part))
    return "".join(out)


def _link(m: re.Match[str], known: set[str]) -> str:
    name = m.group(1).rstrip(".")
    if name.lower() not in known:
        return m.group(0)
    rest = m.group(1)[len(name):]
    return f'<a href="/members/{name}" class="mention">@{name}</a>{rest}'
