"""Hospital sign-in, the protocol half: OpenID Connect with Authlib as the client.

The provider is found from `OIDC_ISSUER` + /.well-known/openid-configuration (its `issuer`
must be the configured one). `begin` sends the browser there (authorization code flow with
PKCE S256; Authlib keeps state, nonce and the code verifier in the server-side session);
`complete` takes the callback: the state must be the one this browser was given, the code is
exchanged at the token endpoint (client secret), the ID token's signature is checked against
the provider's JWKS and its iss, aud, exp and nonce verified. Claims the ID token leaves out
(email, roles) are read from the userinfo endpoint when its `sub` is the same; `amr` is read
from the ID token only.

Every failure becomes an `OidcFailed` with a message for the login page and a short reason
for the audit log (never a token or a code)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app, request

from ..errors import DomainError

EXTENSION = "harbor_oidc"
# The session keys of the ID token of this session's hospital sign-in (kept for logout), and of
# one waiting for the sign-in to finish (the TOTP step, the join or link page).
ID_TOKEN = "oidc_id_token"
ID_TOKEN_PENDING = "oidc_id_token_pending"


class OidcFailed(DomainError):
    """Signing in with your hospital did not work. Please try again."""

    status = 400
    code = "oidc_failed"

    def __init__(self, message: str = "", *, reason: str, status: int = 400):
        super().__init__(message)
        self.reason = reason
        self.status = status


@dataclass
class Identity:
    """What the provider vouched for, after every check."""

    issuer: str
    subject: str
    claims: dict[str, Any] = field(default_factory=dict)
    id_token: str | None = None     # the raw ID token: the id_token_hint of RP-initiated logout

    @property
    def amr(self) -> list[str]:
        amr = self.claims.get("amr")
        return [str(a) for a in amr] if isinstance(amr, list) else []

    @property
    def verified_email(self) -> str | None:
        email = self.claims.get("email")
        verified = self.claims.get("email_verified")
        if isinstance(verified, str):
            verified = verified.strip().lower() == "true"
        return email.strip() if verified is True and isinstance(email, str) and email.strip() else None


def configured(app: Flask | None = None) -> bool:
    cfg = (app or current_app).config
    return bool(cfg.get("OIDC_ISSUER") and cfg.get("OIDC_CLIENT_ID"))


def issuer() -> str:
    return str(current_app.config["OIDC_ISSUER"]).rstrip("/")


def _client() -> Any:
    """The Authlib client for the configured provider, one per app and configuration (the
    discovery document and JWKS it caches stay with it)."""
    cfg = current_app.config
    key = (issuer(), cfg["OIDC_CLIENT_ID"], cfg.get("OIDC_CLIENT_SECRET"), cfg["OIDC_SCOPES"], cfg["OIDC_TIMEOUT_SECONDS"])
    cached = current_app.extensions.get(EXTENSION)
    if cached is not None and cached[0] == key:
        return cached[1]
    oauth = OAuth(current_app._get_current_object())  # type: ignore[attr-defined]
    client = oauth.register(
        "oidc", client_id=cfg["OIDC_CLIENT_ID"], client_secret=cfg.get("OIDC_CLIENT_SECRET"),
        server_metadata_url=issuer() + "/.well-known/openid-configuration",
        client_kwargs={"scope": cfg["OIDC_SCOPES"], "code_challenge_method": "S256",
                       "default_timeout": float(cfg["OIDC_TIMEOUT_SECONDS"])},
    )
    current_app.extensions[EXTENSION] = (key, client)
    return client


UNREACHABLE = "Your hospital's sign-in service could not be reached. Please try again later, or log in with your Harbor password."


def _metadata(client: Any) -> dict[str, Any]:
    try:
        meta = client.load_server_metadata()
    except (requests.RequestException, ValueError) as err:
        raise OidcFailed(UNREACHABLE, reason="provider_unreachable", status=502) from err
    if str(meta.get("issuer", "")).rstrip("/") != issuer():
        client.server_metadata.clear()
        raise OidcFailed("Your hospital's sign-in service is not set up correctly (its issuer does not match).",
                         reason="issuer_mismatch", status=502)
    return meta  # type: ignore[no-any-return]


def begin(redirect_uri: str, **params: Any) -> Any:
    """The redirect to the provider's authorization endpoint (`params`: extra request
    parameters, e.g. prompt and max_age for a re-authentication)."""
    client = _client()
    _metadata(client)
    try:
        return client.authorize_redirect(redirect_uri, **params)
    except (requests.RequestException, ValueError) as err:
        raise OidcFailed(UNREACHABLE, reason="provider_unreachable", status=502) from err


PROVIDER_SAID = {
    "access_denied": "The sign-in was cancelled or refused at your hospital's sign-in page.",
    "login_required": "Please sign in at your hospital's sign-in page.",
    "consent_required": "Harbor needs your permission at your hospital's sign-in page.",
    "interaction_required": "Your hospital's sign-in page needs you to finish signing in.",
}


def complete() -> Identity:
    """Check the callback and return the identity it proves. Raises OidcFailed."""
    client = _client()
    if request.args.get("error"):
        code = str(request.args.get("error"))[:64]
        raise OidcFailed(PROVIDER_SAID.get(code, "Your hospital's sign-in service refused the sign-in. Please try again."),
                         reason=f"provider_error:{code}")
    if not request.args.get("code") or not request.args.get("state"):
        raise OidcFailed("That sign-in link is incomplete. Please start again.", reason="bad_request")
    _metadata(client)
    try:
        token = client.authorize_access_token()
    except MismatchingStateError as err:
        raise OidcFailed("That sign-in has expired or was started in another browser. Please start again.",
                         reason="bad_state") from err
    except OAuthError as err:
        code = str(getattr(err, "error", "") or "")[:64]
        if code == "invalid_grant":
            raise OidcFailed("That sign-in took too long or was already used. Please start again.",
                             reason="invalid_grant") from err
        raise OidcFailed("Your hospital's sign-in service refused the sign-in. Please try again.",
                         reason=f"token_error:{code or 'unknown'}") from err
    except requests.RequestException as err:
        raise OidcFailed(UNREACHABLE, reason="provider_unreachable", status=502) from err
    except Exception as err:  # the ID token failed a check (signature, iss, aud, exp, nonce)
        raise OidcFailed("Your hospital's sign-in could not be verified. Please start again.",
                         reason=f"id_token:{type(err).__name__}") from err
    claims = token.get("userinfo")
    if not isinstance(claims, dict) or not claims.get("sub"):
        raise OidcFailed("Your hospital's sign-in could not be verified. Please start again.", reason="id_token:missing")
    claims = dict(claims)
    _merge_userinfo(client, token, claims)
    raw = token.get("id_token")
    return Identity(issuer=issuer(), subject=str(claims["sub"]), claims=claims,
                    id_token=raw if isinstance(raw, str) else None)


def logout_url(*, id_token: str, post_logout_redirect_uri: str, state: str) -> str | None:
    """The provider's end_session_endpoint (RP-initiated logout) with id_token_hint,
    post_logout_redirect_uri and state; None when the provider has none or can't be reached."""
    client = _client()
    try:
        meta = _metadata(client)
        if not meta.get("end_session_endpoint"):
            return None
        return str(client.create_logout_url(post_logout_redirect_uri=post_logout_redirect_uri, id_token_hint=id_token,
                                            state=state, client_id=current_app.config["OIDC_CLIENT_ID"])["url"])
    except (OidcFailed, RuntimeError, ValueError):
        return None


def _merge_userinfo(client: Any, token: dict[str, Any], claims: dict[str, Any]) -> None:
    """Add the userinfo endpoint's claims that the ID token left out (never `amr`, never
    another subject's)."""
    if not client.server_metadata.get("userinfo_endpoint") or not token.get("access_token"):
        return
    try:
        info = client.userinfo(token=token)
    except (requests.RequestException, OAuthError, ValueError):
        return
    if not isinstance(info, dict) or str(info.get("sub")) != str(claims["sub"]):
        return
    for key, value in info.items():
        if key not in {"amr", "acr", "iss", "aud", "nonce", "exp", "iat", "auth_time"}:
            claims.setdefault(key, value)
