"""The hospital sign-in routes, configured, for every kind of visitor (the access matrix in
tests/access has them unconfigured: 404)."""
from __future__ import annotations

from community.auth.models import Role
from tests.conftest import login
from tests.factories import make_user

KINDS = (None, Role.PATIENT, Role.CLINICIAN, Role.MODERATOR, Role.QUALITY, Role.ADMIN)


def test_routes_answer_alike_for_everyone(oidc_app, oidc_provider):
    for kind in KINDS:
        client = oidc_app.test_client()
        if kind is not None:
            login(client, make_user(kind))
        start = client.get("/login/oidc")
        assert start.status_code == 302 and start.headers["Location"].startswith(oidc_provider.issuer + "/auth?"), kind
        query = start.headers["Location"].split("?", 1)[1]
        assert "code_challenge_method=S256" in query and "code_challenge=" in query and "nonce=" in query and "state=" in query
        assert client.get("/login/oidc/callback").status_code == 400        # no code, no state
        assert client.get("/login/oidc/link").status_code == 400            # nothing to link
        assert client.post("/login/oidc/link").status_code == 400
        assert client.get("/login/oidc/join").status_code == 400            # no sign-in waiting to join
        assert client.post("/login/oidc/join").status_code == 400
        confirm = client.post("/settings/confirm-identity")               # no `next`
        if kind is None:
            assert confirm.status_code == 302 and "/login" in confirm.headers["Location"]
        else:
            assert confirm.status_code == 400, kind
