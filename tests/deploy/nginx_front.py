"""deploy/nginx.conf run for real: the repository's file with only the machine-specific parts
replaced (ports of the three Harbor processes, a throw-away certificate, paths under a
temporary folder), in front of real Harbor processes. Used by test_nginx_live.py and
bench/nginx_bench.py."""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "deploy" / "nginx.conf"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Front:
    def __init__(self, tmp: Path, backend_ports: list[int]):
        self.tmp, self.backends = tmp, backend_ports
        self.port, self.http_port = free_port(), free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def write(self) -> Path:
        tmp = self.tmp
        cert, key = tmp / "cert.pem", tmp / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1",
                        "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
        (tmp / "logs").mkdir(exist_ok=True)
        site = (CONF.read_text()
                .replace("/etc/ssl/certs/harbor.example.org.pem", str(cert))
                .replace("/etc/ssl/private/harbor.example.org.key", str(key))
                .replace("/var/log/nginx/", f"{tmp}/logs/")
                .replace("/srv/harbor/static/", f"{ROOT}/static/"))
        for default, port in zip((5001, 5002, 5003), self.backends, strict=True):
            site = site.replace(f"127.0.0.1:{default} ", f"127.0.0.1:{port} ")
        site = re.sub(r"^\s*listen \[::\]:\d+.*$", "", site, flags=re.M)
        site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{self.port} ssl http2;")
        site = site.replace("listen 80;", f"listen 127.0.0.1:{self.http_port};")
        (tmp / "harbor.conf").write_text(site)
        main = tmp / "nginx.conf"
        main.write_text(f"""
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/logs/error.log;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    access_log {tmp}/logs/access.log;
    include {tmp}/harbor.conf;
}}
""")
        return main

    def start(self) -> Front:
        nginx = nginx_binary()
        assert nginx is not None
        main = self.write()
        with (self.tmp / "logs" / "stderr.log").open("ab") as err:
            self.proc = subprocess.Popen([nginx, "-c", str(main), "-p", str(self.tmp), "-g", "daemon off;"],
                                         stdout=subprocess.DEVNULL, stderr=err)
        end = time.monotonic() + 20
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError("nginx exited: " + (self.tmp / "logs" / "stderr.log").read_text())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
