"""What the author is told after writing, from what actually happened: held for review or
visible (and to whom), whether the moderators were alerted (crisis language), whether a
moderator may check in (possible crisis). One function for forum threads, replies, edits,
chat messages and private conversations: the pages flash its text through
templates/_partials/author_notice.html, the chat acks carry it as `notice`, and the gate's
`held` warning uses the same sentence."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# kind -> (what the author wrote, who sees it once visible)
KINDS: dict[str, tuple[str, str]] = {
    "thread": ("thread", "everyone who can read this community"),
    "post": ("reply", "everyone who can read this thread"),     # a reply (the gate's kind for one)
    "edit": ("edited post", "everyone who can read this thread"),
    "message": ("message", "everyone in this chat room"),
    "private": ("message", "the other member of this conversation"),
}


@dataclass(frozen=True)
class AuthorNotice:
    text: str
    held: bool
    alerted: bool           # the moderators were alerted at once (crisis language)
    help: str | None        # "crisis" / "possible_crisis": the help box shown with it
    level: str              # flash category: "info" (held) or "success"

    def json(self) -> dict[str, Any]:
        return asdict(self)


def held_sentence(kind: str) -> str:
    noun = KINDS.get(kind, ("post", ""))[0]
    return f"Your {noun} is waiting for a moderator to review it: until then only you and the moderators can see it."


def author_notice(*, kind: str, status: Any, warnings: list[dict[str, Any]] | None = None) -> AuthorNotice:
    """The one message for the author of a just-written thread, reply, edit or message."""
    noun, audience = KINDS.get(kind, ("post", "everyone who can read it"))
    codes = {w.get("code") for w in warnings or []}
    held = str(status) == "pending"
    crisis, possible = "crisis" in codes, "possible_crisis" in codes and "crisis" not in codes
    parts = [held_sentence(kind) if held else f"Your {noun} is up: {audience} can see it."]
    if crisis:
        parts.append("Our moderators have been alerted and someone from the moderation team will check in with you.")
    elif possible:
        parts.append("A moderator from our team may check in with you.")
    return AuthorNotice(text=" ".join(parts), held=held, alerted=crisis,
                        help="crisis" if crisis else ("possible_crisis" if possible else None),
                        level="info" if held else "success")
