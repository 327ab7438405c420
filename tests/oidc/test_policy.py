"""The pure rules of hospital sign-in: which `amr` values are multi-factor, which role claims map."""
from __future__ import annotations

import pytest

from community.auth.mfa_policy import amr_is_multi_factor
from community.auth.models import Role
from community.auth.oidc_accounts import mapped_role

ACCEPTED = ["mfa", "otp", "hwk", "swk+pin", "sc+pin"]


@pytest.mark.parametrize("amr, multi", [
    (["pwd", "mfa"], True), (["otp"], True), (["hwk"], True), (["swk", "pin"], True), (["PIN", "SWK"], True),
    (["pwd"], False), (["swk"], False), (["pin"], False), ([], False), (["pwd", "kba"], False),
])
def test_which_amr_values_are_multi_factor(amr, multi):
    assert amr_is_multi_factor(amr, ACCEPTED) is multi


@pytest.mark.parametrize("claim, role", [
    (["harbor-moderators"], Role.MODERATOR), ("harbor-moderators", Role.MODERATOR),
    (["harbor-clinicians", "harbor-admins"], Role.ADMIN), (["harbor-clinicians", "harbor-quality"], Role.QUALITY),
    (["admin", "Admin", "moderator"], None), ([], None), (None, None), ([{"harbor-admins": 1}], None),
    (["harbor-typo"], None),
])
def test_only_mapped_values_give_a_role(app, claim, role):
    app.config.update(OIDC_ROLE_CLAIM="groups", OIDC_ROLE_MAP={
        "harbor-moderators": "moderator", "harbor-clinicians": "clinician", "harbor-admins": "admin",
        "harbor-quality": "quality", "harbor-typo": "superuser"})
    assert mapped_role({"groups": claim, "roles": ["harbor-admins"]}) == role
