"""Chat's Redis message queue, made to survive a Redis outage:

- every emit is delivered to this process's own sockets first (python-socketio does that
  before publishing), so members on the same process keep chatting while Redis is away;
- a connect to a dead Redis fails within a second instead of hanging (socket_connect_timeout);
- the listener reconnects with a delay capped at RECONNECT_MAX_S (the library doubles up to
  60 s, so chat between processes resumed seconds after Redis came back);
- once it is back, every socket of this process is told `resync`, and the browser client
  asks `history` for what it missed while messages between processes were lost."""
from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import socketio

RECONNECT_MAX_S = 2.0
NAMESPACE = "/chat"


class HarborRedisManager(socketio.RedisManager):  # type: ignore[misc]
    def __init__(self, url: str, **kwargs: Any):
        kwargs.setdefault("redis_options", {"socket_connect_timeout": 1.0, "socket_keepalive": True,
                                            "health_check_interval": 10})
        super().__init__(url, **kwargs)

    def _redis_listen_with_retries(self) -> Iterator[Any]:  # pragma: no cover - exercised by the fault tests
        retry_sleep = 0.25
        subscribed = False
        lost = False
        while True:
            try:
                if not subscribed:
                    self._redis_connect()
                    self.pubsub.subscribe(self.channel)
                    subscribed = True
                    retry_sleep = 0.25
                    if lost:
                        lost = False
                        self._resync()
                yield from self.pubsub.listen()
            except Exception as exc:  # noqa: BLE001 - any Redis failure: reconnect soon
                self._get_logger().warning("chat message queue: Redis unavailable (%s); retrying in %.2f s",
                                           type(exc).__name__, retry_sleep)
                subscribed = False
                lost = True
                time.sleep(retry_sleep)
                retry_sleep = min(retry_sleep * 2, RECONNECT_MAX_S)

    def _resync(self) -> None:
        try:
            self.server.emit("resync", {}, namespace=NAMESPACE, ignore_queue=True)
        except Exception:  # noqa: BLE001 - no sockets, or the server is stopping
            self._get_logger().debug("resync emit failed")
