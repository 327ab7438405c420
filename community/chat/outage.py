"""Chat during a database outage (issue 16): every event still answers, within 5 s, with the
ack `{"ok": false, "error": "unavailable"}`, and a new socket is refused with the reason
`unavailable`, so the browser keeps its unsent messages and sends them again later."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from socketio.exceptions import ConnectionRefusedError as Refused   # its message reaches the client

from ..extensions import lock_wait_s
from ..reliability.outage import forget_session, is_outage

log = logging.getLogger(__name__)

UNAVAILABLE = "Harbor can't reach its database right now: your message is kept and will be sent again."
CHAT_LOCK_WAIT_S = 4.0   # SQLite write lock: chat must ack within 5 s


def answering(event: str, handler: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    """Run a handler so that it always answers: a database outage (down, restarting, locked past
    the chat's wait) becomes the ack `{"ok": false, "error": "unavailable"}`, not silence."""
    token = lock_wait_s.set(CHAT_LOCK_WAIT_S)
    try:
        return handler(*args)
    except Exception as err:
        if not is_outage(err):
            raise
        forget_session()
        log.warning("chat %s: database unavailable (%s)", event, type(getattr(err, "orig", err)).__name__)
        ack: dict[str, Any] = {"ok": False, "error": "unavailable", "message": UNAVAILABLE}
        if event == "history":
            ack["messages"] = []
        return ack
    finally:
        lock_wait_s.reset(token)


def connecting(check: Callable[[], Any]) -> Any:
    """Run the connect checks with the chat's lock wait; an outage refuses the socket as
    `unavailable` (not `not_allowed`: the client tries again)."""
    token = lock_wait_s.set(CHAT_LOCK_WAIT_S)
    try:
        return check()
    except Exception as err:
        if not is_outage(err):
            raise
        forget_session()
        log.warning("chat connect refused: database unavailable")
        raise Refused("unavailable", {"message": UNAVAILABLE}) from None
    finally:
        lock_wait_s.reset(token)
