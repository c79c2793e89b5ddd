"""The pages an institution uses, stage by stage; the lab's Excel file with a dry run; list budgets."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ohs.core.excel import workbook_bytes
from ohs.detection.choices import ProjectStatus, SampleStatus
from ohs.detection.lab_excel import COLUMNS
from ohs.detection.models import Project, Sample
from ohs.detection.tests import helpers
from ohs.testing.personas import EMPLOYER_A_USCC, World
from ohs.testing.queries import query_budget


def _messages(html: str) -> str:
    return " ".join(re.findall(r'role="alert">([^<]*)<', html))


def test_institution_runs_the_pages_from_contract_to_sampling(world: World) -> None:
    helpers.declared_site(world)
    pump = helpers.equipment(world)
    client = world.client("service_staff")
    signed = timezone.localdate().isoformat()
    body = {
        "employer_uscc": EMPLOYER_A_USCC,
        "contract_number": "HT-1",
        "contract_signed_on": signed,
        "purpose": "periodic",
        "edition": "GBZ 2.1-2019",
    }
    response = client.post("/detection/new/", body)
    project = Project.objects.get(contract_number="HT-1")
    assert project.edition == "GBZ 2.1-2019"
    assert response["Location"] == f"/detection/{project.pk}/"
    client.post(f"/detection/{project.pk}/survey/import/")
    client.post(f"/detection/{project.pk}/transition/surveyed/", {"process_description": "焊接、打磨"})
    page = client.get(f"/detection/{project.pk}/").content.decode()
    assert 'data-testid="plan-missing"' in page and "打磨工 · 矽尘" in page
    refused = client.post(f"/detection/{project.pk}/transition/planned/", follow=True).content.decode()
    assert "有 3 项申报的危害因素既未安排采样也未说明理由" in _messages(refused)
    for item in project.plan_items.select_related("agent"):
        chemical = item.agent.category == "chemical"
        form = {
            "sample_kind": "twa" if chemical else "", "samples_planned": 1 if chemical else 0,
            "duration_minutes": 60, "exposure_hours": "8", "method_standard": helpers.METHOD,
            "justification": "" if chemical else "另行委托",
        }  # fmt: skip
        client.post(f"/detection/{project.pk}/plan/{item.pk}/", form)
    client.post(f"/detection/{project.pk}/transition/planned/")
    project.refresh_from_db()
    assert project.status == ProjectStatus.PLANNED
    sampling = client.get(f"/detection/{project.pk}/sampling/")
    assert sampling.status_code == 200 and 'capture="environment"' in sampling.content.decode()
    benzene = helpers.item_of(project, "苯")
    photo = SimpleUploadedFile("site.jpg", b"\xff\xd8\xff\xe0 photo", content_type="image/jpeg")
    start = {
        "plan_item": benzene.pk,
        "equipment": pump.pk,
        "location": "焊接工位1",
        "flow_before_l_per_min": "2.0",
        "photo": photo,
    }
    client.post(f"/detection/{project.pk}/sampling/", start)
    sample = Sample.objects.get(project=project)
    assert sample.photo.name and sample.status == SampleStatus.SAMPLING
    client.post(f"/detection/{project.pk}/sampling/{sample.pk}/finish/", {f"s{sample.pk}-flow_after_l_per_min": "2.01"})
    sample.refresh_from_db()
    assert sample.status == SampleStatus.COLLECTED and sample.ended_at is not None


def _sheet(rows: list[list[object]]) -> SimpleUploadedFile:
    return SimpleUploadedFile("lab.xlsx", workbook_bytes("检测结果", COLUMNS, rows))


def test_lab_excel_dry_run_shows_each_problem_and_writes_nothing(world: World) -> None:
    helpers.declared_site(world)
    project = helpers.planned(world)
    pump = helpers.equipment(world)
    start = timezone.now() - dt.timedelta(hours=4)
    a = helpers.take(world, project, helpers.item_of(project, "苯"), pump, start, 60)
    b = helpers.take(world, project, helpers.item_of(project, "苯"), pump, start, 60)
    client = world.client("service_staff")
    url = f"/detection/{project.pk}/results/upload/"
    bad = [[a.code, 2, 480, 240, 0.05], [b.code, 9, 480, 240, 0.05], ["NO-SUCH", 1, 1, 1, None]]
    page = client.post(url, {"file": _sheet(bad)}).content.decode()
    assert page.count('data-testid="row-error"') == 2 and "concentration" not in page.split("row-error")[0]
    good = [[a.code, 2, 480, 240, 0.05], [b.code, 4, 960, 240, 0.05]]
    checked = client.post(url, {"file": _sheet(good)}).content.decode()
    assert 'data-testid="commit"' in checked
    assert not Sample.objects.filter(project=project, value__isnull=False).exists()  # a dry run writes nothing
    client.post(url, {"file": _sheet(good), "commit": "1"})
    values = Sample.objects.filter(project=project).order_by("value").values_list("value", flat=True)
    assert list(values) == [Decimal(2), Decimal(4)]


def test_every_stage_of_the_project_page_renders(world: World) -> None:
    helpers.declared_site(world)
    project = helpers.issued(world)
    for persona in ("service_staff", "sc_inspector", "mgr_a"):
        page = world.client(persona).get(f"/detection/{project.pk}/").content.decode()
        assert 'data-testid="findings"' in page and 'data-testid="revisions"' in page, persona
    results = world.client("service_staff").get(f"/detection/{project.pk}/results/").content.decode()
    assert 'data-testid="save-result"' not in results  # locked after the review
    file = world.client("mgr_a").get(f"/employers/{world.employers['A'].pk}/file/").content.decode()
    assert project.code in file


def test_list_pages_keep_to_their_query_budget(world: World) -> None:
    helpers.declared_site(world)
    for _ in range(3):
        helpers.contracted(world)
    helpers.issued(world)
    client = world.client("sc_inspector")
    with query_budget(16):
        assert client.get("/detection/").status_code == 200
    with query_budget(16):
        page = client.get("/detection/exceedances/").content.decode()
    assert page.count("苯") >= 1


def test_the_page_refuses_an_approval_by_the_reviewer(world: World) -> None:
    helpers.declared_site(world)
    project = helpers.sampled(world)
    client = world.client("service_staff")
    client.post(f"/detection/{project.pk}/transition/reviewed/")
    page = client.post(f"/detection/{project.pk}/transition/approved/", follow=True).content.decode()
    assert "授权签字人" in _messages(page), _messages(page)
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.REVIEWED
