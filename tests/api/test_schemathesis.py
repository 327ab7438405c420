"""Property test of the JSON API against its own OpenAPI document (schemathesis, through the
WSGI app, no server): generated requests, valid and invalid, never get a 5xx, every answer's
status is one the document lists for that operation, and every body matches the documented
schema. The budget is small (MAX_EXAMPLES per operation) so the whole run stays well under a
minute per database."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi import checks as openapi_checks

from community.auth import services as accounts
from community.auth.models import Role
from community.forums import services as forums
from community.moderation import services as moderation
from tests.factories import make_condition, make_thread, make_user

MAX_EXAMPLES = int(__import__("os").environ.get("SCHEMA_EXAMPLES", "25"))


@pytest.fixture
def api_schema(app):
    cond = make_condition(slug="asthma")
    admin = make_user(Role.ADMIN, username="schema_admin")
    forums.join_condition(actor=admin, condition=cond)
    started = make_thread(author=admin, condition=cond)
    moderation.report(actor=make_user(), target_type="post", target_id=started.post.id, reason="spam")
    app.config["SCHEMA_TEST_TOKEN"] = accounts.create_token(actor=admin, name="schemathesis")
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schemathesis.check
def rejects_schema_violations(ctx, response, case):
    """Schemathesis' negative_data_rejection (a request the document forbids must get a 4xx),
    except for query parameters the document doesn't name: like most HTTP APIs, ours ignores
    those rather than refusing them; and 413 (over JSON_BODY_LIMIT) is a refusal too."""
    from community.api.openapi import PATHS

    params = PATHS.get(case.path, {}).get(case.method.lower(), {}).get("parameters", [])
    if response.status_code == 413 or set(case.query or {}) - {p["name"] for p in params if p["in"] == "query"}:
        return None
    return openapi_checks.negative_data_rejection(ctx, response, case)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_matches_its_document_and_never_fails(case, app):
    case.call_and_validate(
        headers={"Authorization": "Bearer " + app.config["SCHEMA_TEST_TOKEN"]},
        checks=[schemathesis.checks.not_a_server_error, openapi_checks.status_code_conformance,
                openapi_checks.response_schema_conformance, openapi_checks.content_type_conformance,
                rejects_schema_violations],
    )
