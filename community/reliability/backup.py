"""`backup create` and `backup restore` (../shared/CONTRACT.md, "Reliability").

SQLite: the online backup API copies a consistent snapshot while Harbor keeps serving
(WAL: readers and writers go on); restore copies the file back the same way, so the live
database's WAL is handled by SQLite itself. PostgreSQL: `pg_dump --format=custom` (one
snapshot) and `pg_restore --clean --single-transaction`. Restore is refused while any server
process holds the server lock (serverlock.py)."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import sqlalchemy as sa

from . import serverlock


class BackupError(Exception):
    pass


def _libpq_url(url: sa.URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (PostgreSQL client tools): apt-get install postgresql-client")
    return found


def create(engine: sa.Engine, target: Path) -> str:
    """Write a consistent copy of the database to `target` (via a temporary file beside it)."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    if engine.dialect.name == "sqlite":
        src_path = serverlock.sqlite_path(engine.url)
        if src_path is None or not src_path.exists():
            raise BackupError("the SQLite database file does not exist")
        src = sqlite3.connect(src_path, timeout=30)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)     # one step: a single consistent snapshot (readers never block writers in WAL)
            dst.execute("PRAGMA journal_mode=DELETE")   # a self-contained single file
        finally:
            dst.close()
            src.close()
        kind = "SQLite database copy"
    else:
        out = subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial),
                              _libpq_url(engine.url)], capture_output=True, text=True)
        if out.returncode != 0:
            partial.unlink(missing_ok=True)
            raise BackupError("pg_dump failed: " + (out.stderr.strip().splitlines() or ["?"])[-1])
        kind = "pg_dump custom archive"
    with open(partial, "rb") as fh:
        os.fsync(fh.fileno())
    partial.replace(target)
    return f"{kind}, {target.stat().st_size:,} bytes"


def _check_sqlite_backup(path: Path) -> None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA quick_check").fetchone()[0]
            con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as err:
        raise BackupError(f"{path} is not a Harbor SQLite backup ({err})") from None
    if ok != "ok":
        raise BackupError(f"{path} fails SQLite's integrity check: {ok}")


def restore(engine: sa.Engine, source: Path) -> str:
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    engine.dispose()
    try:
        token = serverlock.check_free(engine)
    except serverlock.ServerRunning:
        raise BackupError("a Harbor server is using this database: stop every server process, then restore") from None
    try:
        if engine.dialect.name == "sqlite":
            _check_sqlite_backup(source)
            dst_path = serverlock.sqlite_path(engine.url)
            assert dst_path is not None
            src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            dst = sqlite3.connect(dst_path, timeout=30)
            try:
                src.backup(dst)
            finally:
                dst.close()
                src.close()
        else:
            out = subprocess.run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                                  "--dbname", _libpq_url(engine.url), str(source)], capture_output=True, text=True)
            if out.returncode != 0:
                raise BackupError("pg_restore failed: " + (out.stderr.strip().splitlines() or ["?"])[-1])
    finally:
        serverlock.release(token)
        engine.dispose()    # no pooled connection outlives the database it was opened on
    return f"restored {source}"
