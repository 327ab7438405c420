"""A real OpenID provider for the hospital sign-in tests: npm's oidc-provider
(tests/oidc/provider/provider.mjs) run with the machine's Node.js on a free port, with Harbor
as its client and a few test accounts. `browser` drives the sign-in as a person's browser
would: Harbor through the Flask test client, the provider over real HTTP (requests); Harbor
itself talks to the provider over real HTTP too (discovery, token, JWKS, userinfo)."""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
PROVIDER = ROOT / "tests" / "oidc" / "provider"
CLIENT_ID, CLIENT_SECRET = "harbor-test", "harbor-test-secret-0123456789"
CALLBACK = "http://localhost/login/oidc/callback"
POST_LOGOUT = "http://localhost/login"      # BASE_URL (set by `configure`) + /login
ROLE_MAP = {"harbor-moderators": "moderator", "harbor-clinicians": "clinician", "harbor-admins": "admin"}
PASSWORD = "provider-pw"


def account(claims: dict[str, Any], amr: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    return {"password": PASSWORD, "claims": claims, "amr": amr or ["pwd"], **extra}


ACCOUNTS = {
    # a moderator whose sign-in at the hospital was multi-factor, and one whose was not
    "kim": account({"email": "kim.rivera@hospital.example", "email_verified": True, "roles": ["harbor-moderators"],
                    "preferred_username": "k.rivera", "name": "Kim Rivera"}, ["pwd", "mfa"]),
    "sam": account({"email": "sam@hospital.example", "email_verified": True, "roles": ["harbor-moderators", "staff"],
                    "preferred_username": "sam.ward3"}, ["pwd"]),
    # the same email as a local Harbor account (verified on both sides)
    "lee": account({"email": "lee@example.org", "email_verified": True, "roles": ["harbor-clinicians"]}, ["pwd", "otp"]),
    # an email the provider does not vouch for
    "una": account({"email": "lee@example.org", "email_verified": False, "roles": ["harbor-clinicians"]}, ["pwd", "mfa"]),
    # a patient (no role claim), and one whose claims say "admin" without the map saying so
    "pat": account({"email": "pat.jones@example.org", "email_verified": True, "preferred_username": "pat.jones"}),
    "eve": account({"roles": ["admin", "Admin", "administrator"]}, ["pwd", "mfa"]),
    # an authorization code that lives one second
    "slow": account({"roles": ["harbor-moderators"]}, ["pwd", "mfa"], code_ttl=1),
}


@dataclass
class Provider:
    issuer: str
    process: subprocess.Popen[str]


def _start(tmp: Path, name: str, *, rp_logout: bool = True) -> Provider:
    cfg = tmp / f"{name}.json"
    client: dict[str, Any] = {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": [CALLBACK]}
    if rp_logout:
        client["post_logout_redirect_uris"] = [POST_LOGOUT]
    cfg.write_text(json.dumps({"clients": [client], "accounts": ACCOUNTS, "rp_logout": rp_logout}))
    proc = subprocess.Popen(["node", str(PROVIDER / "provider.mjs"), str(cfg)], cwd=PROVIDER, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    ready: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("READY "):
                ready.append(line.split()[1])
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(30)
    if not ready:
        proc.kill()
        pytest.fail("the test OpenID provider did not start within 30 s")
    return Provider(issuer=ready[0], process=proc)


def stop(provider: Provider) -> None:
    if provider.process.poll() is None:
        provider.process.terminate()
        try:
            provider.process.wait(10)
        except subprocess.TimeoutExpired:
            provider.process.kill()
            provider.process.wait(10)
    if provider.process.stdout is not None:
        provider.process.stdout.close()


@pytest.fixture(scope="session")
def provider_ready() -> None:
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip("hospital sign-in tests need Node.js and npm (apt-get install nodejs npm) to run oidc-provider")
    if not (PROVIDER / "node_modules" / "oidc-provider").is_dir():
        subprocess.run(["bash", str(ROOT / "scripts" / "ensure_oidc_provider.sh")], check=False)
    if not (PROVIDER / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("npm ci in tests/oidc/provider failed (see scripts/ensure_oidc_provider.sh)")


@pytest.fixture(scope="session")
def oidc_provider(provider_ready: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    provider = _start(tmp_path_factory.mktemp("oidc"), "provider")
    yield provider
    stop(provider)


@pytest.fixture
def second_provider(provider_ready: None, tmp_path: Path) -> Iterator[Provider]:
    """A provider of the test's own, which the test may stop."""
    provider = _start(tmp_path, "second")
    yield provider
    stop(provider)


@pytest.fixture
def provider_without_logout(provider_ready: None, tmp_path: Path) -> Iterator[Provider]:
    """A provider with no end_session_endpoint (RP-initiated logout off)."""
    provider = _start(tmp_path, "nologout", rp_logout=False)
    yield provider
    stop(provider)


def configure(app: Any, issuer: str, **extra: Any) -> None:
    app.config.update(OIDC_ISSUER=issuer, OIDC_CLIENT_ID=CLIENT_ID, OIDC_CLIENT_SECRET=CLIENT_SECRET,
                      OIDC_SCOPES="openid email profile roles", OIDC_ROLE_CLAIM="roles", OIDC_ROLE_MAP=ROLE_MAP,
                      OIDC_BUTTON_LABEL="St Elsewhere", OIDC_TIMEOUT_SECONDS=5.0, BASE_URL="http://localhost", **extra)


@pytest.fixture
def oidc_app(app: Any, oidc_provider: Provider) -> Any:
    configure(app, oidc_provider.issuer)
    return app


@dataclass
class Page:
    url: str
    status: int
    text: str
    location: str | None = None


class Browser:
    """Follows redirects between Harbor (the Flask test client) and the provider (HTTP)."""

    def __init__(self, client: Any, issuer: str):
        self.client, self.issuer, self.http = client, issuer, requests.Session()
        self.http.trust_env = False
        self.last_callback: str | None = None

    def _one(self, url: str, method: str, data: dict[str, str] | None) -> Page:
        if url.startswith(self.issuer):
            r = self.http.request(method, url, data=data, allow_redirects=False, timeout=15)
            return Page(url, r.status_code, r.text, r.headers.get("Location"))
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.path == "/login/oidc/callback":
            self.last_callback = url
        r = self.client.open(target, method=method, data=data)
        return Page(url, r.status_code, r.get_data(as_text=True), r.headers.get("Location"))

    def go(self, url: str, method: str = "GET", data: dict[str, str] | None = None, *,
           stop: Any = None, hops: int = 20) -> Page:
        """Open `url` and follow redirects; `stop(url)` true: return the redirect to it unopened.
        The provider's self-submitting forms (its "Submitting Callback" page, e.g. ending its
        session when another account signs in) are submitted, as a browser's script would."""
        page = self._one(urljoin("http://localhost/", url), method, data)
        for _ in range(hops):
            if page.status == 200 and "<title>Submitting Callback</title>" in page.text:
                action = html.unescape(re.search(r'<form method="post" action="([^"]+)"', page.text).group(1))
                fields = {html.unescape(k): html.unescape(v)
                          for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"/>', page.text)}
                page = self._one(urljoin(page.url, action), "POST", fields)
                continue
            if page.status not in (301, 302, 303, 307) or not page.location:
                return page
            nxt = urljoin(page.url, page.location)
            if stop is not None and stop(nxt):
                return Page(nxt, 0, "")
            page = self._one(nxt, "GET", None)
        raise AssertionError("too many redirects")

    def sign_in(self, login: str, password: str = PASSWORD, *, stop: Any = None, next_url: str = "",
                join: bool = True) -> Page:
        """Start at Harbor's button, sign in at the provider's page (a new provider session:
        its cookies are dropped first, so no earlier account signs in by SSO), come back to
        Harbor; with `join`, accept the terms on a first sign-in's join page."""
        page = self._sign_in(login, password, stop=stop, next_url=next_url)
        if join and page.url.endswith("/login/oidc/join"):
            page = self.go("/login/oidc/join", "POST", {"accept_terms": "y", "confirm_age": "y"})
        return page

    def _sign_in(self, login: str, password: str, *, stop: Any, next_url: str) -> Page:
        self.http.cookies.clear()
        page = self.go("/login/oidc" + (f"?next={next_url}" if next_url else ""))
        if not page.url.startswith(self.issuer + "/interaction/"):
            return page
        assert page.status == 200 and 'name="login"' in page.text, page.text[:500]
        return self.go(page.url + "/login", "POST", {"login": login, "password": password}, stop=stop)

    def cancel(self) -> Page:
        page = self.go("/login/oidc")
        assert page.url.startswith(self.issuer + "/interaction/"), page.url
        return self.go(page.url + "/cancel", "POST", {})


@pytest.fixture
def browser(oidc_app: Any, client: Any, oidc_provider: Provider) -> Browser:
    return Browser(client, oidc_provider.issuer)


