"""The GBZ 2.1 edition chosen at contract judges the project: a worked example where the 2007
excursion multiples and the 2019 peak rule disagree, stored with each finding and printed."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from ohs.core.documents import current_document_for
from ohs.core.errors import DomainError
from ohs.detection import services
from ohs.detection.choices import JudgementEdition, ProjectStatus, SampleKind
from ohs.detection.models import Finding, Project, SurveyPost
from ohs.detection.report import REPORT_KIND
from ohs.detection.tests import helpers
from ohs.testing.personas import EMPLOYER_A_USCC, World

# Vinyl chloride: PC-TWA 10 mg/m3, no PC-STEL and no MAC (GBZ 2.1-2019 table 1), so its
# short-term exposure is judged by the edition's rule. One 15-min sample at 25 mg/m3 = 2.5 x PC-TWA:
# - GBZ 2.1-2019 6.3.3: above 3 x PC-TWA is what counts; 2.5 x is below it -> compliant;
# - GBZ 2.1-2007: PC-TWA 10 is in the 10-100 band, excursion multiple 2; C_STE 25 > 2 x 10 -> exceeds.
VINYL_CHLORIDE = "氯乙烯"
SHORT_RESULT = "25"
SHORT_VOLUME_L = "30"  # 2 L/min for 15 min


@pytest.fixture
def site(world: World) -> helpers.Site:
    return helpers.declared_site(world)


def _contract(world: World, edition: str) -> Project:
    return services.contract_project(
        actor=world.actor("service_staff"), employer=world.employers["A"], contract_number=f"HT-{edition}",
        contract_signed_on=timezone.localdate() - dt.timedelta(days=3), purpose="periodic", edition=edition,
    )  # fmt: skip


def _short_day(world: World, site: helpers.Site, edition: str) -> Project:
    """Vinyl chloride at the welder's post, one 15-min sample; the declared hazards justified."""
    actor = world.actor("service_staff")
    project = _contract(world, edition)
    services.survey_from_declaration(actor=actor, project=project)
    welder = SurveyPost.objects.get(project=project, post_id=site.welder)
    data = services.PlanItemData(
        sample_kind=SampleKind.SHORT, samples_planned=1, duration_minutes=15, exposure_hours=Decimal(8),
        method_standard=helpers.METHOD,
    )  # fmt: skip
    item = services.add_plan_item(
        actor=actor, project=project, survey_post=welder, agent_id=helpers.agent(VINYL_CHLORIDE).pk, data=data
    )
    services.finish_survey(actor=actor, project=project, process_description="氯乙烯聚合")
    for name in ("苯", "噪声", "矽尘"):
        reason = services.PlanItemData(sample_kind="", samples_planned=0, duration_minutes=0,
                                       exposure_hours=Decimal(0), justification="另行检测")  # fmt: skip
        services.update_plan_item(actor=actor, item=helpers.item_of(project, name), data=reason)
    services.confirm_plan(actor=actor, project=project)
    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
    sample = helpers.take(world, project, item, helpers.equipment(world, serial=f"PUMP-{edition[-4:]}"), start, 15)
    helpers.result(world, sample, SHORT_RESULT, SHORT_VOLUME_L)
    project.refresh_from_db()
    services.finish_sampling(actor=actor, project=project)
    services.review_project(actor=actor, project=project)
    return project


def _short_term_finding(project: Project) -> Finding:
    return Finding.objects.get(project=project, plan_item__agent__name_zh=VINYL_CHLORIDE)


def test_the_2007_multiples_and_the_2019_peak_rule_judge_the_same_day_differently(
    world: World, site: helpers.Site
) -> None:
    new = _short_term_finding(_short_day(world, site, JudgementEdition.GBZ_2_1_2019))
    old = _short_term_finding(_short_day(world, site, JudgementEdition.GBZ_2_1_2007))
    assert new.metric == "peak multiple of PC-TWA" and new.limit_value == 3.0
    assert new.measured_value == pytest.approx(2.5) and new.is_compliant
    assert new.judgement_edition == "GBZ 2.1-2019" and new.rule_version == "gbz2.1-2019/1"
    assert old.metric == "excursion multiple of PC-TWA" and old.limit_value == 2.0
    assert old.measured_value == pytest.approx(2.5) and not old.is_compliant
    assert old.judgement_edition == "GBZ 2.1-2007" and old.rule_version == "gbz2.1-2007/1"


def test_the_report_prints_the_edition_it_was_judged_under(world: World, site: helpers.Site, tmp_path: Path) -> None:
    project = _short_day(world, site, JudgementEdition.GBZ_2_1_2007)
    services.approve_project(actor=helpers.signatory(world), project=project)
    services.issue_report(actor=world.actor("service_staff"), project=project)
    document = current_document_for(project, REPORT_KIND)
    assert document is not None
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(document.file.open("rb").read())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("判定所用 GBZ 2.1 版本", "超限倍数", "GBZ 2.1-2007", "超标"):
        assert expected in text, expected


def test_the_edition_is_checked_and_fixed_once_sampling_starts(world: World, site: helpers.Site) -> None:
    with pytest.raises(DomainError) as error:
        _contract(world, "GBZ 2.1-2002")
    assert error.value.code == "invalid" and "edition" in error.value.fields
    assert "GBZ 2.1-2002" in error.value.message
    project = helpers.contracted(world)
    assert project.edition == JudgementEdition.GBZ_2_1_2019  # the default
    actor = world.actor("service_staff")
    services.choose_edition(actor=actor, project=project, edition=JudgementEdition.GBZ_2_1_2007)
    assert Project.objects.get(pk=project.pk).edition == "GBZ 2.1-2007"
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.SAMPLING)
    project.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        services.choose_edition(actor=actor, project=project, edition=JudgementEdition.GBZ_2_1_2019)
    assert "edition" in refused.value.fields
    assert Project.objects.get(pk=project.pk).edition == "GBZ 2.1-2007"


def test_the_api_takes_the_edition_at_contract(world: World, site: helpers.Site) -> None:
    client = world.client("service_staff")
    signed = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    body = {"employer_uscc": EMPLOYER_A_USCC, "contract_number": "HT-OLD", "contract_signed_on": signed}
    created = client.post(
        "/api/v1/detection/projects", {**body, "edition": "GBZ 2.1-2007"}, content_type="application/json"
    )
    assert created.status_code == 201 and created.json()["edition"] == "GBZ 2.1-2007"
    bad = client.post("/api/v1/detection/projects", {**body, "edition": "2007"}, content_type="application/json")
    assert bad.status_code == 400 and "edition" in bad.json()["fields"]


def test_the_contract_page_offers_the_edition(world: World, site: helpers.Site) -> None:
    client = world.client("service_staff")
    page = client.get("/detection/new/").content.decode()
    assert "GBZ 2.1-2007" in page and "超限倍数" in page
