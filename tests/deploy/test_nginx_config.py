"""The sample nginx configuration (deploy/nginx.conf) passes `nginx -t` and keeps what a
multi-process Harbor needs: pages round-robin, Socket.IO sticky, WebSocket upgrade for
/socket.io/, the proxy headers ProxyFix reads (Host with its port), no query strings in the
access log."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "deploy" / "nginx.conf"


def _nginx() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def test_sticky_websocket_and_proxy_headers():
    text = CONF.read_text()
    pages = text.split("upstream harbor {", 1)[1].split("}", 1)[0]
    sockets = text.split("upstream harbor_socketio {", 1)[1].split("}", 1)[0]
    assert "hash" not in pages and "ip_hash" not in pages            # round-robin
    assert re.search(r"^\s*hash \$remote_addr consistent;", sockets, re.M)
    socket_block = text.split("location /socket.io/", 1)[1].split("}", 1)[0]
    assert "proxy_pass http://harbor_socketio;" in socket_block
    assert "proxy_set_header Host $host;" not in text and text.count("proxy_set_header Host $http_host;") == 2
    for line in ("proxy_http_version 1.1;", "proxy_set_header Upgrade $http_upgrade;",
                 "proxy_set_header Connection $connection_upgrade;", "proxy_set_header X-Forwarded-Proto $scheme;",
                 "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", "proxy_buffering off;"):
        assert line in socket_block
    assert "$request_uri" not in text.split("log_format", 1)[1].split(";", 1)[0]
    assert "client_max_body_size 8m;" in text


def test_nginx_accepts_the_config(tmp_path: Path):
    nginx = _nginx()
    if nginx is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light) — the syntax check needs it")
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a throw-away certificate for the check")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    (tmp_path / "logs").mkdir()
    (tmp_path / "static").mkdir()
    site = (CONF.read_text()
            .replace("/etc/ssl/certs/harbor.example.org.pem", str(cert))
            .replace("/etc/ssl/private/harbor.example.org.key", str(key))
            .replace("/var/log/nginx/", f"{tmp_path}/logs/")
            .replace("/srv/harbor/static/", f"{ROOT}/static/"))
    (tmp_path / "harbor.conf").write_text(site)
    main = tmp_path / "nginx.conf"
    main.write_text(f"""
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/logs/error.log;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fcgi; uwsgi_temp_path {tmp_path}/uwsgi; scgi_temp_path {tmp_path}/scgi;
    access_log {tmp_path}/logs/access.log;
    include {tmp_path}/harbor.conf;
}}
""")
    out = subprocess.run([nginx, "-t", "-c", str(main), "-p", str(tmp_path)], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert "syntax is ok" in out.stderr
