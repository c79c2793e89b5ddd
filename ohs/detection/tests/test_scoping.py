"""Who sees a measurement project of employer A (上城区) run by the Hangzhou institution."""

from __future__ import annotations

import pytest

from ohs.detection.models import Project
from ohs.detection.tests import helpers
from ohs.testing.personas import World
from ohs.testing.scoping import FORBIDDEN, HIDDEN, LOGIN, OK, ApiMatrix, PageMatrix

EXPECTATIONS: dict[str | None, str] = {
    None: LOGIN,
    "prov_regulator": OK,
    "prov_cdc": OK,
    "hz_regulator": OK,
    "sc_inspector": OK,
    "sc_coordinator": OK,
    "hs_inspector": HIDDEN,  # another county
    "mgr_a": OK,  # the employer that commissioned it
    "mgr_b": HIDDEN,
    "service_staff": OK,  # the institution running it
    "service_b": HIDDEN,  # another institution
    "worker_a": FORBIDDEN,
    "exam_staff": FORBIDDEN,
    "expert": FORBIDDEN,
    "auditor": FORBIDDEN,
}


@pytest.fixture
def project(world_b: World) -> Project:
    helpers.declared_site(world_b)
    return helpers.issued(world_b)


def test_project_pages_scoping_matrix(world_b: World, project: Project) -> None:
    PageMatrix(
        detail_url=f"/detection/{project.pk}/",
        list_url="/detection/",
        marker=project.code,
        search=project.code,
        expectations=EXPECTATIONS,
    ).check(world_b)


def test_exceedance_list_scoping_matrix(world_b: World, project: Project) -> None:
    PageMatrix(
        detail_url=f"/detection/{project.pk}/report.pdf",
        list_url="/detection/exceedances/",
        marker=project.code,
        search="企业A",
        expectations=EXPECTATIONS,
    ).check(world_b)


def test_project_api_scoping_matrix(world_b: World, project: Project) -> None:
    ApiMatrix(
        detail_url=f"/api/v1/detection/projects/{project.pk}",
        list_url="/api/v1/detection/projects",
        record_id=project.pk,
        expectations=EXPECTATIONS,
    ).check(world_b)
    finding = project.findings.filter(is_compliant=False).first()
    assert finding is not None
    ApiMatrix(
        detail_url=f"/api/v1/detection/projects/{project.pk}/report.pdf",
        list_url="/api/v1/detection/exceedances",
        record_id=finding.pk,
        expectations=EXPECTATIONS,
    ).check(world_b)


@pytest.mark.parametrize(
    "path",
    ["sampling/", "results/", "results/template.xlsx"],
)
def test_field_and_lab_pages_only_for_the_institution_running_it(world_b: World, project: Project, path: str) -> None:
    url = f"/detection/{project.pk}/{path}"
    for persona, status in (("service_staff", 200), ("service_b", 404), ("sc_inspector", 403), ("mgr_a", 403)):
        assert world_b.client(persona).get(url).status_code == status, (persona, url)
    assert world_b.client(None).get(url).status_code == 302


def test_changing_routes_refuse_other_parties(world_b: World, project: Project) -> None:
    sample = project.samples.first()
    assert sample is not None
    api = f"/api/v1/detection/samples/{sample.pk}"
    assert world_b.client("service_b").get(api).status_code == 404
    assert world_b.client("mgr_a").get(api).status_code == 200
    body = {"location": "x"}
    assert world_b.client("mgr_a").patch(api, body, content_type="application/json").status_code == 403
    assert world_b.client("sc_inspector").patch(api, body, content_type="application/json").status_code == 403
    assert world_b.client("service_b").patch(api, body, content_type="application/json").status_code == 404
    for persona, status in (("service_b", 404), ("mgr_a", 403), ("sc_inspector", 403)):
        answer = world_b.client(persona).post(f"/api/v1/detection/projects/{project.pk}/transition/approved")
        assert answer.status_code == status, persona


def test_equipment_is_seen_only_by_its_institution(world_b: World) -> None:
    helpers.equipment(world_b, "HZ-PUMP-7")
    assert "HZ-PUMP-7" in world_b.client("service_staff").get("/detection/equipment/").content.decode()
    assert "HZ-PUMP-7" not in world_b.client("service_b").get("/detection/equipment/").content.decode()
    assert world_b.client("sc_inspector").get("/detection/equipment/").status_code == 403
    assert world_b.client(None).get("/api/v1/detection/equipment").status_code == 401
