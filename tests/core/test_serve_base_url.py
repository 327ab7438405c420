"""`flask serve --host H --port P` points links in emails at the address it serves, unless
BASE_URL was configured (QA: emails linked to 127.0.0.1:5000 whatever the server's address)."""
from __future__ import annotations

import os

import pytest

from community import create_app


@pytest.fixture()
def served(monkeypatch, tmp_path):
    """Run `serve` with gunicorn replaced by a probe; return a function giving the BASE_URL an
    app started by that gunicorn would read."""
    monkeypatch.setenv("BASE_URL", "")    # restored afterwards; "" counts as unset
    monkeypatch.setenv("HARBOR_INSTANCE_PATH", str(tmp_path))
    seen: dict[str, str] = {}

    def fake_exec(**kwargs):
        seen.update(kwargs)

    import community.server

    monkeypatch.setattr(community.server, "exec_gunicorn", fake_exec)

    def run(*args: str) -> str:
        app = create_app({"HARBOR_ENV": "testing", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
        with app.app_context():     # as `flask` gives every command
            result = app.test_cli_runner().invoke(args=["serve", *args])
        assert result.exit_code == 0, result.output
        assert seen, "serve did not start gunicorn"
        child = create_app({"HARBOR_ENV": "testing", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
        with child.app_context():
            from community.mail.services import absolute_url

            return absolute_url("mail.unsubscribe", token="t")
    return run


def test_serve_sets_base_url_to_the_served_host_and_port(served):
    assert served("--host", "10.1.2.3", "--port", "8123").startswith("http://10.1.2.3:8123/")


def test_serve_default_address(served):
    assert served().startswith("http://127.0.0.1:5000/")


def test_configured_base_url_is_kept_environment(served, monkeypatch):
    monkeypatch.setenv("BASE_URL", "https://community.example-hospital.org")
    assert served("--host", "10.1.2.3", "--port", "8123").startswith("https://community.example-hospital.org/")


def test_configured_base_url_is_kept_instance_config(served, tmp_path):
    (tmp_path / "config.py").write_text("BASE_URL = 'https://harbor.example.org'\n")
    assert served("--host", "10.1.2.3", "--port", "8123").startswith("https://harbor.example.org/")
    assert os.environ.get("BASE_URL", "") in ("", "https://harbor.example.org")


def test_wildcard_bind_uses_the_machine_name(served):
    import socket

    assert served("--host", "0.0.0.0", "--port", "8000").startswith(f"http://{socket.getfqdn()}:8000/")
