"""The API shell: token and session auth, one error body, pagination, the OpenAPI snapshot."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from ohs.core.models.tokens import ApiToken
from ohs.orgs.models import Organisation
from ohs.testing.personas import World

SNAPSHOT = Path(__file__).parent / "openapi.snapshot.json"


def _token_for(org: Organisation) -> tuple[ApiToken, str]:
    raw, prefix, key_hash = ApiToken.generate()
    return ApiToken.objects.create(organisation=org, name="LIS", prefix=prefix, key_hash=key_hash), raw


def _bearer(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_token_acts_for_its_organisation_and_revocation_stops_it(world: World) -> None:
    org = world.employers["A"].organisation
    assert org is not None
    token, raw = _token_for(org)
    client = _bearer(raw)
    me = client.get("/api/v1/orgs/me").json()
    assert me["organisation_id"] == org.pk and me["role"] == "employer_manager"
    ids = [e["id"] for e in client.get("/api/v1/registry/employers").json()["items"]]
    assert ids == [world.employers["A"].pk]
    token.revoked_at = timezone.now()
    token.save()
    response = client.get("/api/v1/orgs/me")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_unknown_token_is_401(db: None) -> None:
    assert _bearer("ohs_not-a-token").get("/api/v1/orgs/me").status_code == 401


def test_invalid_credit_code_error_names_the_field(world: World) -> None:
    body = {"uscc": "91330102MA2K00000X", "name": "测试企业", "county_code": "330102"}
    response = world.client("sc_inspector").post("/api/v1/registry/employers", body, content_type="application/json")
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "invalid" and "uscc" in error["fields"]
    assert "校验位" in error["fields"]["uscc"][0]


def test_schema_error_has_the_same_shape(world: World) -> None:
    response = world.client("sc_inspector").post(
        "/api/v1/registry/employers", {"name": "x"}, content_type="application/json"
    )
    assert response.status_code == 422
    error = response.json()
    assert error["code"] == "invalid" and {"uscc", "county_code"} <= set(error["fields"])


def test_not_found_and_forbidden_bodies(world: World) -> None:
    client = world.client("mgr_b")
    assert client.get(f"/api/v1/registry/employers/{world.employers['A'].pk}").json()["code"] == "not_found"
    forbidden = world.client("expert").get("/api/v1/registry/employers")
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "forbidden"


def test_pagination(world: World) -> None:
    page = world.client("prov_regulator").get("/api/v1/orgs/organisations", {"page": 1, "page_size": 2}).json()
    assert page["count"] > 2 and len(page["items"]) == 2


def test_docs_page_served_locally(world: World) -> None:
    html = world.client("mgr_a").get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle" in html and "cdn" not in html.lower()


def test_openapi_snapshot(world: World) -> None:
    """Every API change shows up as a diff of the snapshot; OHS_UPDATE_SNAPSHOTS=1 rewrites it."""
    current = world.client("mgr_a").get("/api/v1/openapi.json").json()
    text = json.dumps(current, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("OHS_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert SNAPSHOT.exists(), "no snapshot yet: run with OHS_UPDATE_SNAPSHOTS=1 and commit it"
    assert SNAPSHOT.read_text(encoding="utf-8") == text, "API changed: review, then run with OHS_UPDATE_SNAPSHOTS=1"


@pytest.mark.parametrize(("start", "n", "expected"), [("2026-09-30", 1, "2026-10-08")])
def test_calendar_api(world: World, start: str, n: int, expected: str) -> None:
    params = {"start": start, "n": str(n)}
    body = world.client("mgr_a").get("/api/v1/core/calendar/add-working-days", params).json()
    assert body["result"] == expected


def test_calendar_api_unknown_year_is_a_clear_error(world: World) -> None:
    params = {"start": "2031-01-05", "n": "3"}
    response = world.client("mgr_a").get("/api/v1/core/calendar/add-working-days", params)
    assert response.status_code == 400
    assert response.json()["code"] == "calendar_unknown_year" and "start" in response.json()["fields"]
