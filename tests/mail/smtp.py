"""A real SMTP server for tests (aiosmtpd in a thread), optionally with STARTTLS on a
certificate from a throw-away CA (trustme) and a login; and a port where nothing answers."""
from __future__ import annotations

import email
import email.policy
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    tls: bool
    login: str | None


@dataclass
class Inbox:
    """What the server received; `answer` (e.g. "451 try later", "550 no such user") makes it
    refuse messages instead."""

    messages: list[Received] = field(default_factory=list)
    answer: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.answer:
            return self.answer
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        with self.lock:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), msg,  # type: ignore[arg-type]
                                          session.ssl is not None, login))
        return "250 OK"

    def wait_for(self, n: int, timeout: float = 10.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < n and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.messages)


@dataclass
class SMTPServer:
    host: str
    port: int
    inbox: Inbox
    ca_file: str | None = None
    controller: Any = None

    def config(self, **extra: Any) -> dict[str, Any]:
        cfg = {"MAIL_SERVER": self.host, "MAIL_PORT": self.port, "MAIL_USE_TLS": self.ca_file is not None,
               "MAIL_CA_FILE": self.ca_file, "MAIL_TIMEOUT_SECONDS": 5}
        cfg.update(extra)
        return cfg

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def start(self) -> None:
        if self.controller is None:
            self.controller = self._make()
            self.controller.start()

    def _make(self) -> Any:
        return self._factory()

    _factory: Any = None


def _authenticator(users: dict[str, str]) -> Any:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and users.get(auth_data.login.decode()) == auth_data.password.decode()
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return check


@contextmanager
def smtp_server(*, tls_dir: Path | None = None, users: dict[str, str] | None = None, port: int | None = None) -> Iterator[SMTPServer]:
    """An SMTP server on 127.0.0.1. With `tls_dir`: STARTTLS required, on a certificate for
    127.0.0.1 signed by a fresh CA whose PEM file is `server.ca_file`. With `users`: AUTH
    (only after STARTTLS) against that dict."""
    inbox = Inbox()
    port = port or free_port()
    kwargs: dict[str, Any] = {}
    ca_file = None
    if tls_dir is not None:
        import trustme

        ca = trustme.CA()
        cert = ca.issue_cert("127.0.0.1", "localhost")
        server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(server_ctx)
        ca_file = str(tls_dir / "ca.pem")
        ca.cert_pem.write_to_path(ca_file)
        kwargs.update(tls_context=server_ctx, require_starttls=True)
    if users:
        kwargs.update(authenticator=_authenticator(users), auth_require_tls=True, auth_exclude_mechanism=["CRAM-MD5"])
    server = SMTPServer("127.0.0.1", port, inbox, ca_file)
    server._factory = lambda: Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def silent_port() -> Iterator[int]:
    """A port that accepts TCP connections and then never says a word (a hung mail server)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    try:
        yield int(sock.getsockname()[1])
    finally:
        sock.close()
