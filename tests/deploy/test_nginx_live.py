"""deploy/nginx.conf in front of three real Harbor processes: 16 keep-alive connections from one
address (a hospital behind NAT) spread page requests so that each process serves at least a
quarter of them, and chat through nginx works (WebSocket and the polling fallback), with the
browser's Origin header checked against the Host nginx passes on."""
from __future__ import annotations

import http.client
import ssl
import threading
import time
from pathlib import Path

import pytest

from tests.deploy.nginx_front import Front, nginx_binary
from tests.reliability.servers import PASSWORD, Server, call, harbor_env, prepare_database

pytestmark = [
    pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed (apt-get install nginx-light)"),
    pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning"),   # the throw-away certificate
]

UNVERIFIED = ssl._create_unverified_context()   # the test's throw-away certificate


def _token(base: str, name: str) -> str:
    import json
    import urllib.request

    req = urllib.request.Request(base + "/api/v1/tokens", data=json.dumps({"username": name, "password": PASSWORD}).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, context=UNVERIFIED, timeout=10) as resp:
        return json.loads(resp.read())["token"]


def _pages(port: int, path: str, n: int, statuses: list[int]) -> None:
    conn = http.client.HTTPSConnection("127.0.0.1", port, context=UNVERIFIED, timeout=30)
    for _ in range(n):
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        statuses.append(resp.status)
    conn.close()


def test_three_processes_behind_nginx(tmp_path: Path):
    db_url = f"sqlite:///{tmp_path / 'front.sqlite3'}"
    prepare_database(db_url)
    env = harbor_env(db_url, PROXY_FIX="true")
    servers = [Server(env, tmp_path / f"server{i}.log", access_log=True) for i in range(3)]
    front = Front(tmp_path / "nginx", [s.port for s in servers])
    (tmp_path / "nginx").mkdir()
    try:
        for s in servers:
            s.start()
        front.start()
        base = front.url
        writer = servers[0].url
        token = _token(writer, "writer")
        status, created = call(f"{writer}/api/v1/conditions/asthma/threads", "POST", {"title": "Through nginx", "body": "hi"}, token)
        assert status == 201
        before = [s.log.read_text().count("GET /t/") for s in servers]

        statuses: list[int] = []
        workers = [threading.Thread(target=_pages, args=(front.port, f"/t/{created['id']}", 15, statuses)) for _ in range(16)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(120)
        assert len(statuses) == 16 * 15 and set(statuses) == {200}
        deadline = time.monotonic() + 10    # gunicorn writes an access line just after its answer
        while True:
            served = [s.log.read_text().count("GET /t/") - b for s, b in zip(servers, before, strict=True)]
            if sum(served) >= 240 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert sum(served) == 240
        assert min(served) >= 0.25 * 240, served

        _chat_through(base, token, _token(base, "reader"))
    finally:
        front.stop()
        for s in servers:
            s.stop()


def _session() -> object:
    import requests

    http = requests.Session()
    http.trust_env = False    # REQUESTS_CA_BUNDLE in the environment would override verify=False
    http.verify = False
    return http


def _chat_through(base: str, writer_token: str, reader_token: str) -> None:
    import socketio

    got: list[dict] = []
    ev = threading.Event()
    reader = socketio.Client(reconnection=False, ssl_verify=False, http_session=_session())
    reader.on("message", lambda m: (got.append(m), ev.set()), namespace="/chat")
    # The polling fallback through nginx: its requests must stay on one process.
    reader.connect(base, namespaces=["/chat"], auth={"token": reader_token}, transports=["polling"],
                   headers={"Origin": base}, wait_timeout=30)
    writer = socketio.Client(reconnection=False, ssl_verify=False, http_session=_session())
    # (websocket-client sends the page's Origin, https://127.0.0.1:<port>, by itself.)
    writer.connect(base, namespaces=["/chat"], auth={"token": writer_token}, transports=["websocket"], wait_timeout=30)
    try:
        for c in (reader, writer):
            assert c.call("join", {"room": "condition:asthma"}, namespace="/chat", timeout=30)["ok"]
        for i in range(5):   # several polling round trips, each through nginx
            ack = writer.call("send", {"room": "condition:asthma", "body": f"via nginx {i}", "client_id": f"ng-{i}"},
                              namespace="/chat", timeout=30)
            assert ack["ok"], ack
        assert ev.wait(30)
        deadline = time.monotonic() + 30   # a busy 2-core machine delays polling round trips
        while len(got) < 5 and time.monotonic() < deadline:
            ev.clear()
            ev.wait(0.2)
        assert [m["body"] for m in got] == [f"via nginx {i}" for i in range(5)]
    finally:
        writer.disconnect()
        reader.disconnect()
