"""Server CPU per request, read from /proc, for the costs issue 11 sets targets on.

    DATABASE_URL=sqlite:////tmp/cost10k.sqlite3 .venv/bin/python bench/seed_forum.py --posts 10000
    .venv/bin/python bench/request_cost_bench.py sqlite:////tmp/cost10k.sqlite3 --thread 500

Serves the seeded database with gunicorn (one NoDelayGeventWorker, as `flask --app wsgi serve`
runs it) and measures, in one run so the ratios share the machine's state:

1. the 20-post thread page for an anonymous visitor and for a signed-in member (server CPU per
   request: utime+stime of the server processes from /proc before and after N requests, so a
   busy machine slows the run but barely moves the figure);
2. a reply through the JSON API (one poster, sequential: CPU per reply);
3. 8 concurrent posters on SQLite for a fixed time: replies per second and errors.

Targets (issue 11): signed-in page <= 1.5x the anonymous page; an API reply <= 10 ms of CPU;
>= 150 replies/s from 8 posters with no error."""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])      # utime, stime (fields 14, 15)
    return total / TICK


def server_pids(master: int) -> list[int]:
    kids = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [master, *map(int, kids)]


class Client:
    """One keep-alive HTTP connection with a cookie jar of one session."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=h)
            resp = self.conn.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # gunicorn closes a keep-alive connection idle for 2 s: open it again
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.conn.port, timeout=60)
            self.conn.request(method, path, body=body, headers=h)
            resp = self.conn.getresponse()
        data = resp.read()
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return resp.status, data

    def login(self, username: str, password: str) -> None:
        status, page = self.request("GET", "/login")
        m = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
            rb'value="([^"]+)"[^>]*name="csrf_token"', page)
        form = {"username": username, "password": password}
        if m:
            form["csrf_token"] = m.group(1).decode()
        status, _ = self.request("POST", "/login", urllib.parse.urlencode(form).encode(),
                                 {"Content-Type": "application/x-www-form-urlencoded"})
        if status not in (302, 303):
            sys.exit(f"login as {username} failed: {status}")


def token(port: int, username: str, password: str) -> str:
    c = Client(port)
    status, body = c.request("POST", "/api/v1/tokens", json.dumps({"username": username, "password": password}).encode(),
                             {"Content-Type": "application/json"})
    if status != 201:
        sys.exit(f"token for {username}: {status} {body[:200]!r}")
    return json.loads(body)["token"]


def measure(pids: list[int], fn, n: int) -> tuple[float, float]:
    """CPU ms per call and wall seconds for n calls of fn."""
    fn()                                   # warm
    c0, w0 = cpu_seconds(pids), time.perf_counter()
    for _ in range(n):
        fn()
    return (cpu_seconds(pids) - c0) * 1000 / n, time.perf_counter() - w0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("database_url")
    ap.add_argument("--thread", type=int, required=True)
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--replies", type=int, default=500)
    ap.add_argument("--posters", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=10.0)
    args = ap.parse_args()

    port = 20000 + os.getpid() % 10000
    env = {**os.environ, "DATABASE_URL": args.database_url, "HARBOR_ENV": "development", "SECRET_KEY": "bench",
           "RATELIMIT_ENABLED": "false", "SOCKETIO_ASYNC_MODE": "gevent", "NEW_MEMBER_HOLD_POSTS": "0",
           "CHAT_RATE_BURST": "100000"}
    env.pop("REDIS_URL", None)
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "--worker-class", "community.server.NoDelayGeventWorker",
                             "--workers", "1", "--bind", f"127.0.0.1:{port}", "--no-control-socket", "--log-level", "warning",
                             "wsgi:app"], cwd=ROOT, env=env)
    try:
        for _ in range(150):
            try:
                if Client(port).request("GET", "/login")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        pids = server_pids(proc.pid)
        path = f"/t/{args.thread}"

        anon = Client(port)
        member = Client(port)
        member.login("member1", "bench password")
        assert member.request("GET", path)[0] == 200

        def get(c: Client):
            def f() -> None:
                status, _ = c.request("GET", path)
                assert status == 200, status
            return f

        a_ms, _ = measure(pids, get(anon), args.pages)
        m_ms, _ = measure(pids, get(member), args.pages)
        a2_ms, _ = measure(pids, get(anon), args.pages)      # again: the anonymous figure brackets the member one
        anon_ms = (a_ms + a2_ms) / 2
        print(f"thread page, anonymous: {a_ms:.3f} / {a2_ms:.3f} ms CPU per request")
        print(f"thread page, signed in: {m_ms:.3f} ms CPU per request  ratio {m_ms / anon_ms:.2f}x (target <= 1.5x)")

        tok = token(port, "member2", "bench password")
        poster = Client(port)
        hdr = {"Content-Type": "application/json", "Authorization": f"Bearer {tok}"}
        counter = iter(range(10**9))

        def reply() -> None:
            body = json.dumps({"body": f"Thanks, that helps with the morning readings ({next(counter)})."}).encode()
            status, data = poster.request("POST", f"/api/v1/threads/{args.thread}/posts", body, hdr)
            assert status == 201, (status, data[:200])

        r_ms, wall = measure(pids, reply, args.replies)
        print(f"API reply, one poster: {r_ms:.3f} ms CPU per reply ({args.replies / wall:.0f} replies/s wall) (target <= 10 ms)")

        tokens = [token(port, f"member{10 + i}", "bench password") for i in range(args.posters)]
        done = [0] * args.posters
        errors: list[str] = []
        stop = time.monotonic() + args.seconds

        def run(i: int) -> None:
            c = Client(port)
            h = {"Content-Type": "application/json", "Authorization": f"Bearer {tokens[i]}"}
            while time.monotonic() < stop:
                body = json.dumps({"body": f"Poster {i} says the pacing plan is working ({done[i]})."}).encode()
                try:
                    status, data = c.request("POST", f"/api/v1/threads/{args.thread}/posts", body, h)
                except OSError as err:
                    errors.append(repr(err))
                    c = Client(port)
                    continue
                if status == 201:
                    done[i] += 1
                else:
                    errors.append(f"{status} {data[:120]!r}")

        c0, w0 = cpu_seconds(pids), time.perf_counter()
        workers = [threading.Thread(target=run, args=(i,)) for i in range(args.posters)]
        for t in workers:
            t.start()
        for t in workers:
            t.join()
        wall = time.perf_counter() - w0
        total = sum(done)
        cpu = (cpu_seconds(pids) - c0) * 1000 / max(total, 1)
        print(f"{args.posters} concurrent posters: {total / wall:.0f} replies/s over {wall:.1f}s, "
              f"{cpu:.3f} ms CPU per reply, {len(errors)} errors (target >= 150/s, no error)")
        for e in errors[:5]:
            print("  error:", e)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
