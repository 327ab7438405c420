"""Per-process live state of the chat: who is connected where (presence) and the send rate
limit. Pure Python, no Flask: the namespace feeds it.

Presence is counted per server process: with several processes behind nginx each shows the
members connected to it (README: multi-process deployment)."""
from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Connection:
    user_id: int
    name: str                      # what others see (display name or username)
    username: str                  # who it is, for the viewer's own ignore list
    session_version: int
    browser_key: str | None        # the login this socket belongs to (None: an API token)
    hidden: bool = False
    rooms: set[str] = field(default_factory=set)


class Presence:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.connections: dict[str, Connection] = {}
        self._rooms: dict[str, dict[str, Connection]] = defaultdict(dict)   # room → sid → connection

    def connect(self, sid: str, conn: Connection) -> None:
        with self._lock:
            self.connections[sid] = conn

    def get(self, sid: str) -> Connection | None:
        return self.connections.get(sid)

    def join(self, sid: str, room: str) -> None:
        with self._lock:
            conn = self.connections.get(sid)
            if conn is not None:
                conn.rooms.add(room)
                self._rooms[room][sid] = conn

    def leave(self, sid: str, room: str) -> None:
        with self._lock:
            conn = self.connections.get(sid)
            if conn is not None:
                conn.rooms.discard(room)
            self._rooms.get(room, {}).pop(sid, None)

    def disconnect(self, sid: str) -> Connection | None:
        with self._lock:
            conn = self.connections.pop(sid, None)
            for room in conn.rooms if conn else ():
                self._rooms.get(room, {}).pop(sid, None)
            return conn

    def members(self, room: str) -> list[dict[str, str]]:
        """The visible members in `room` (each once, however many tabs), by name: what the
        room's "Online now" line lists. The username lets each viewer leave out the members
        they ignore."""
        seen: dict[int, Connection] = {}
        for conn in list(self._rooms.get(room, {}).values()):
            if not conn.hidden:
                seen[conn.user_id] = conn
        return [{"username": c.username, "name": c.name}
                for c in sorted(seen.values(), key=lambda c: c.name.casefold())]

    def online(self, room: str, *, leaving_out: frozenset[str] | set[str] = frozenset()) -> list[str]:
        """Names of the visible members in `room`, without the usernames in `leaving_out`."""
        return [m["name"] for m in self.members(room) if m["username"] not in leaving_out]

    def count(self, room: str) -> int:
        return len(self.online(room))

    def sids_of(self, user_id: int, browser_key: str | None = None) -> list[str]:
        return [sid for sid, c in list(self.connections.items())
                if c.user_id == user_id and (browser_key is None or c.browser_key == browser_key)]

    def set_hidden(self, user_id: int, hidden: bool) -> list[str]:
        """Returns the rooms whose online list changed."""
        rooms: set[str] = set()
        for conn in list(self.connections.values()):
            if conn.user_id == user_id:
                conn.hidden = hidden
                rooms |= conn.rooms
        return sorted(rooms)


class RateLimiter:
    """A token bucket per member: `burst` messages at once, then `per_second` steadily."""

    def __init__(self, burst: int, per_second: float, clock: "type[time.monotonic] | None" = None):
        self.burst, self.per_second = burst, per_second
        self._clock = clock or time.monotonic
        self._lock = threading.Lock()
        self._buckets: dict[int, tuple[float, float]] = {}

    def allow(self, key: int) -> bool:
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.per_second)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return False
            self._buckets[key] = (tokens - 1.0, now)
            return True

    def retry_after(self, key: int) -> float:
        tokens, _ = self._buckets.get(key, (float(self.burst), 0.0))
        return max(0.0, (1.0 - tokens) / self.per_second) if self.per_second else 0.0
