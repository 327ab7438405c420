"""The production server behind `flask --app wsgi serve`: gunicorn with a gevent worker that
carries Socket.IO WebSockets (gevent + simple-websocket, as Flask-SocketIO advises).

Small chat frames stall for ~45 ms under Nagle's algorithm on gevent sockets, so the worker
sets TCP_NODELAY on every accepted connection."""
from __future__ import annotations

import gc
import os
import shutil
import socket
import sys

import gevent
from gunicorn.workers.ggevent import GeventWorker


class NoDelayGeventWorker(GeventWorker):
    def handle(self, listener, client, addr):  # type: ignore[no-untyped-def]
        try:
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # not a TCP socket (unix socket)
            pass
        super().handle(listener, client, addr)

    # After this many requests, everything the app has built for itself (mappers, compiled SQL,
    # compiled templates) is moved out of the garbage collector's sight (gc.freeze): a full
    # collection over the ~145,000 objects of a warmed-up worker paused it for about 75 ms, twice
    # every 1,000 thread pages (that was the p99); over what is left it takes under 1 ms.
    GC_FREEZE_AT = (200, 2_000, 20_000)

    def load_wsgi(self):  # type: ignore[no-untyped-def]
        super().load_wsgi()
        # This process serves the database from now on: `backup restore` refuses while it runs.
        from .extensions import db
        from .reliability import serverlock

        if hasattr(self.wsgi, "app_context"):     # not gunicorn's error app
            with self.wsgi.app_context():
                serverlock.hold(db.engine)
        # This process drains the email outbox in a greenlet of its own (community/mail/worker.py).
        from community.mail import worker as mail_worker

        mail_worker.start(self.wsgi)
        # The crisis model's weights (about 4.5 MB of JSON, ~190 ms to read) now, not in the first
        # member's post; `model_enabled` reads them only where CRISIS_MODEL is on.
        from community.moderation.screening.crisis import model_enabled

        model_enabled()
        # The app as loaded (modules, mappers, configuration: ~110,000 objects) lives as long as
        # the process: out of the collector's sight at once. A worker that serves only chat
        # sockets makes few requests, and its full collections took ~75 ms each (the chat's
        # p99) until then.
        gc.collect()
        gc.freeze()

    def handle_request(self, listener_name, req, sock, addr):  # type: ignore[no-untyped-def]
        try:
            return super().handle_request(listener_name, req, sock, addr)
        finally:
            self._served = getattr(self, "_served", 0) + 1
            if self._served in self.GC_FREEZE_AT:
                gc.collect()
                gc.freeze()
            # Fairness under load: on a keep-alive connection whose next request has already
            # arrived, reading it does not yield, so one busy client could keep the worker
            # while every other connection waits (measured: p99 1.4 s at 8 connections).
            # sleep(0) is not enough (it doesn't let the loop poll for I/O: p99 still ~170 ms);
            # a 0.1 ms timer makes the loop poll and serve the other ready connections first
            # (p99 21 ms). gevent.idle() did as well but can starve under constant load.
            gevent.sleep(0.0001)


def gunicorn_argv(*, host: str, port: int, workers: int = 1, access_log: bool = False) -> list[str]:
    exe = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn") or "gunicorn"
    argv = [
        exe, "--worker-class", "community.server.NoDelayGeventWorker", "--workers", str(workers),
        "--bind", f"{host}:{port}", "--graceful-timeout", "10", "--timeout", "60",
        "--no-control-socket", "wsgi:app",
    ]
    if access_log:
        argv[1:1] = ["--access-logfile", "-"]
    return argv


def exec_gunicorn(*, host: str, port: int, workers: int, access_log: bool) -> None:
    """Replace this process with gunicorn, so SIGTERM reaches it directly (clean stop)."""
    os.environ["SOCKETIO_ASYNC_MODE"] = "gevent"
    os.execv(sys.executable, [sys.executable, "-m", "gunicorn", *gunicorn_argv(host=host, port=port, workers=workers, access_log=access_log)[1:]])
