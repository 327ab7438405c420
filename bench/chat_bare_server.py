"""The limit to compare Harbor's chat with: a bare python-socketio broadcast server (no Flask,
no database, no screening) with the same /chat event shapes, on gevent with TCP_NODELAY set
on every accepted socket (without it small frames stall ~45 ms each: ../shared/ECOSYSTEM.md).

    .venv/bin/python bench/chat_bare_server.py --port 5101 [--redis redis://127.0.0.1:6379/14]
"""
from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import itertools  # noqa: E402
import socket  # noqa: E402

import socketio  # noqa: E402
from gevent import pywsgi  # noqa: E402


def build(redis_url: str | None) -> socketio.Server:
    mgr = socketio.RedisManager(redis_url) if redis_url else None
    sio = socketio.Server(async_mode="gevent", client_manager=mgr, cors_allowed_origins=None)
    ids = itertools.count(1)

    @sio.on("connect", namespace="/chat")
    def connect(sid, environ, auth=None):  # type: ignore[no-untyped-def]
        return True

    @sio.on("join", namespace="/chat")
    def join(sid, data):  # type: ignore[no-untyped-def]
        sio.enter_room(sid, data["room"], namespace="/chat")
        return {"ok": True, "history": []}

    @sio.on("send", namespace="/chat")
    def send(sid, data):  # type: ignore[no-untyped-def]
        mid = next(ids)
        msg = {"id": mid, "room": data["room"], "author": {"name": "bench", "badge": None}, "body": data["body"],
               "created_at": dt.datetime.now(dt.UTC).isoformat()}
        sio.emit("message", msg, to=data["room"], namespace="/chat")
        return {"ok": True, "id": mid, "status": "published"}

    return sio


class NoDelayServer(pywsgi.WSGIServer):
    def handle(self, sock, address):  # type: ignore[no-untyped-def]
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        super().handle(sock, address)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=5101)
    ap.add_argument("--redis", default=None)
    ap.add_argument("--no-nodelay", action="store_true", help="leave Nagle on (to see the trap)")
    args = ap.parse_args()
    app = socketio.WSGIApp(build(args.redis))
    cls = pywsgi.WSGIServer if args.no_nodelay else NoDelayServer
    cls(("127.0.0.1", args.port), app, log=None).serve_forever()


if __name__ == "__main__":
    main()
