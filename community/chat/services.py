"""The chat's use cases, one module each (this module only gathers them for callers that
import `chat.services`):

- rooms.py: a condition's room and private rooms, found by the contract's names
- access.py: who may read and write in a room
- messages.py: history, sending through the moderation gate, edits, deletions
- reads.py: read positions and unread counts
- conversations.py: private conversation requests and blocks
- presence.py: the hide-presence choice

No transport here: the Socket.IO namespace and the web views call these; delivery.py
broadcasts what they emit, after the commit."""
from __future__ import annotations

from .access import (RateLimited, allow_clinician_dm, blocked_between, can_read, can_write, check_rate, check_read, check_write,
                     dm_refusal, joined)
from .conversations import (answer_request, block, blocked_by, conversation_between, conversations, is_blocking,
                            request_conversation, unblock)
from .messages import (BODY_MAX, CLIENT_ID_MAX, EDIT_WINDOW, HISTORY_PAGE, REPLAY_MAX, Sent, StoredMessage, context_around,
                       delete, edit, history, on_user_deleting, on_user_exporting, payload, send, serialise, set_status,
                       visible_to)
from .presence import hides_presence, set_hide_presence
from .reads import mark_read, read_position, unread_counts
from .rooms import RoomRef, condition_room, direct_of, room_by_key, room_ref, room_title, rooms_for

__all__ = [
    "BODY_MAX", "CLIENT_ID_MAX", "EDIT_WINDOW", "HISTORY_PAGE", "REPLAY_MAX", "RoomRef", "Sent", "StoredMessage",
    "RateLimited", "allow_clinician_dm", "check_rate", "answer_request", "block", "blocked_between", "blocked_by", "can_read", "can_write", "check_read",
    "check_write", "condition_room", "context_around", "conversation_between", "conversations", "delete", "direct_of", "dm_refusal",
    "edit", "hides_presence", "history", "is_blocking", "joined", "mark_read", "on_user_deleting", "on_user_exporting",
    "payload", "read_position", "request_conversation", "room_by_key", "room_ref", "room_title", "rooms_for", "send",
    "serialise", "set_hide_presence", "set_status", "unblock", "unread_counts", "visible_to",
]
