"""Fixtures: `smtp` (a real SMTP server, aiosmtpd, plain), `smtp_tls` (STARTTLS on a
throw-away CA's certificate, with a login), both wired into the app's MAIL_* settings."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from .smtp import SMTPServer, smtp_server


@pytest.fixture
def smtp(app: Flask) -> Iterator[SMTPServer]:
    with smtp_server() as server:
        app.config.update(server.config(MAIL_USE_TLS=False))
        yield server


@pytest.fixture
def smtp_tls(app: Flask, tmp_path: Path) -> Iterator[SMTPServer]:
    with smtp_server(tls_dir=tmp_path, users={"harbor": "relay-secret"}) as server:
        app.config.update(server.config(MAIL_USERNAME="harbor", MAIL_PASSWORD="relay-secret"))
        yield server
