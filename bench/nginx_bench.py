"""Thread-page throughput through deploy/nginx.conf (three Harbor processes, round-robin) against
one Harbor process directly, on the same machine, with wrk (16 connections).

    .venv/bin/python bench/nginx_bench.py [--seconds 15]

SQLite database with one 20-post thread; each Harbor process is the production gunicorn
worker; nginx terminates TLS (its throw-away certificate) as the sample config does, the
direct run is plain HTTP."""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def wrk(url: str, seconds: int) -> str:
    subprocess.run(["wrk", "-t2", "-c16", "-d3s", url], capture_output=True, check=True)   # warm-up
    out = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url], capture_output=True, text=True,
                         check=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    errors = re.search(r"Non-2xx.*", out)
    return f"{rps.group(1) if rps else '?'} req/s, p50 {p50.group(1) if p50 else '?'}, p99 {p99.group(1) if p99 else '?'}" + (
        f" ({errors.group(0)})" if errors else "")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=15)
    args = ap.parse_args()
    from tests.deploy.nginx_front import Front
    from tests.reliability.servers import Server, call, harbor_env, prepare_database, setup_forum

    tmp = Path(tempfile.mkdtemp(prefix="harbor-nginx-bench-"))
    db_url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    prepare_database(db_url)
    env = harbor_env(db_url, PROXY_FIX="true", HARBOR_ENV="production")
    servers = [Server(env, tmp / f"server{i}.log") for i in range(3)]
    (tmp / "nginx").mkdir()
    front = Front(tmp / "nginx", [s.port for s in servers])
    try:
        for s in servers:
            s.start()
        front.start()
        token, thread_id = setup_forum(servers[0].url)
        for i in range(19):
            call(f"{servers[0].url}/api/v1/threads/{thread_id}/posts", "POST", {"body": f"Reply {i}: pacing helps me."}, token)
        print(f"one process directly: {wrk(f'{servers[0].url}/t/{thread_id}', args.seconds)}")
        print(f"nginx, three processes: {wrk(f'{front.url}/t/{thread_id}', args.seconds)}")
    finally:
        front.stop()
        for s in servers:
            s.stop()


if __name__ == "__main__":
    main()
