"""Organisations: regulators see their region's, everyone else only their own."""

from __future__ import annotations

from ohs.orgs.models import Organisation
from ohs.testing.personas import World
from ohs.testing.scoping import FORBIDDEN, HIDDEN, LOGIN, OK, ApiMatrix, PageMatrix


def test_county_enforcement_body_visibility(world: World) -> None:
    org = Organisation.objects.get(kind="enforcement", region_id="330102")
    expectations: dict[str | None, str] = {
        None: LOGIN,
        "prov_regulator": OK,
        "hz_regulator": OK,
        "sc_inspector": OK,
        "hs_inspector": HIDDEN,
        "mgr_a": FORBIDDEN,
        "worker_a": FORBIDDEN,
    }
    PageMatrix(
        f"/organisations/{org.pk}/", "/organisations/", marker=org.name, search=org.name, expectations=expectations
    ).check(world)
    ApiMatrix(f"/api/v1/orgs/organisations/{org.pk}", "/api/v1/orgs/organisations", org.pk, expectations).check(world)
