"""`backup create` while Harbor serves writes, `backup restore` refused while a server runs,
and a restored copy holds every row acknowledged before the backup began."""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from tests.reliability.servers import Server, call, cli, harbor_env, prepare_database, setup_forum


def _writer(url: str, token: str, thread_id: int, acked: list[tuple[float, int]], stop: threading.Event) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        status, body = call(f"{url}/api/v1/threads/{thread_id}/posts", "POST", {"body": f"reply number {n}"}, token)
        if status == 201:
            acked.append((time.monotonic(), body["id"]))


def test_backup_under_write_load_restores_every_acknowledged_row(tmp_path: Path):
    db_file = tmp_path / "live.sqlite3"
    env = harbor_env(f"sqlite:///{db_file}")
    app = prepare_database(f"sqlite:///{db_file}")
    server = Server(env, tmp_path / "server.log").start()
    try:
        token, thread_id = setup_forum(server.url)
        acked: list[tuple[float, int]] = []
        stop = threading.Event()
        writers = [threading.Thread(target=_writer, args=(server.url, token, thread_id, acked, stop)) for _ in range(3)]
        for w in writers:
            w.start()
        time.sleep(1.0)
        started = time.monotonic()
        out = cli(env, "backup", "create", str(tmp_path / "copy.sqlite3"))
        finished = time.monotonic()
        assert "backup written" in out.stdout
        time.sleep(0.5)
        stop.set()
        for w in writers:
            w.join(20)
        refused = app.test_cli_runner().invoke(args=["backup", "restore", str(tmp_path / "copy.sqlite3")])
        assert refused.exit_code != 0 and "server is using this database" in refused.output
    finally:
        server.stop()
    before = {i for t, i in acked if t < started}
    after = {i for t, i in acked if t > finished}
    assert len(before) > 20 and after, (len(before), len(after))
    restored_cmd = app.test_cli_runner().invoke(args=["backup", "restore", str(tmp_path / "copy.sqlite3")])
    assert restored_cmd.exit_code == 0, restored_cmd.output
    con = sqlite3.connect(db_file)
    restored = {r[0] for r in con.execute("SELECT id FROM posts")}
    con.close()
    assert before <= restored               # nothing acknowledged before the copy began is missing
    assert not (after & restored)           # and the live database really is the copy again
