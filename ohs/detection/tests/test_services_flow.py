"""The measurement workflow through the services: state, audit and outbox; clear refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ohs.core.documents import current_document_for
from ohs.core.errors import DomainError
from ohs.core.models.audit import AuditEntry
from ohs.core.models.outbox import OutboxEvent
from ohs.detection import services
from ohs.detection.choices import ProjectStatus, SampleKind
from ohs.detection.models import Finding, Project, Sample
from ohs.detection.report import REPORT_KIND
from ohs.detection.tests import helpers
from ohs.testing.personas import World


@pytest.fixture
def site(world: World) -> helpers.Site:
    return helpers.declared_site(world)


def test_plan_missing_a_declared_hazard_is_refused_with_the_list(world: World, site: helpers.Site) -> None:
    actor = world.actor("service_staff")
    project = helpers.contracted(world)
    services.survey_from_declaration(actor=actor, project=project)
    services.finish_survey(actor=actor, project=project, process_description="焊接")
    helpers.plan(actor, helpers.item_of(project, "苯"), SampleKind.TWA, 2)
    with pytest.raises(DomainError) as error:
        services.confirm_plan(actor=actor, project=project)
    assert error.value.code == "plan_incomplete"
    assert "电焊工 · 噪声" in error.value.message and "打磨工 · 矽尘" in error.value.message
    assert project.status == ProjectStatus.SURVEYED


def test_a_justified_omission_completes_the_plan(world: World, site: helpers.Site) -> None:
    actor = world.actor("service_staff")
    project = helpers.contracted(world)
    services.survey_from_declaration(actor=actor, project=project)
    services.finish_survey(actor=actor, project=project, process_description="焊接")
    helpers.plan(actor, helpers.item_of(project, "苯"), SampleKind.TWA, 2)
    helpers.plan(actor, helpers.item_of(project, "噪声"), SampleKind.NOISE, 1)
    item = helpers.item_of(project, "矽尘")
    data = services.PlanItemData("", 0, 0, Decimal(8), justification="打磨工位已停用，无人员接触")
    services.update_plan_item(actor=actor, item=item, data=data)
    services.confirm_plan(actor=actor, project=project)
    assert project.status == ProjectStatus.PLANNED and project.hazards_justified == 1


def test_expired_calibration_is_refused(world: World, site: helpers.Site) -> None:
    project = helpers.planned(world)
    pump = helpers.equipment(world, "OLD-1", valid_days=-1)
    with pytest.raises(DomainError) as error:
        services.start_sample(
            actor=world.actor("service_staff"), project=project, plan_item=helpers.item_of(project, "苯"),
            equipment=pump, location="工位", flow_before_l_per_min=Decimal(2),
        )  # fmt: skip
    assert error.value.code == "calibration_expired" and "equipment_id" in error.value.fields


def test_a_client_supplied_start_time_is_refused(world: World, site: helpers.Site) -> None:
    project = helpers.planned(world)
    with pytest.raises(DomainError) as error:
        services.start_sample(
            actor=world.actor("service_staff"), project=project, plan_item=helpers.item_of(project, "苯"),
            equipment=helpers.equipment(world), location="工位", flow_before_l_per_min=Decimal(2),
            started_at=timezone.now() - dt.timedelta(days=2),
        )  # fmt: skip
    assert error.value.code == "backdating_refused" and "started_at" in error.value.fields
    assert not Sample.objects.filter(project=project).exists()


def test_sample_times_are_the_server_clock(world: World, site: helpers.Site) -> None:
    project = helpers.planned(world)
    before = timezone.now()
    sample = services.start_sample(
        actor=world.actor("service_staff"), project=project, plan_item=helpers.item_of(project, "苯"),
        equipment=helpers.equipment(world), location="工位", flow_before_l_per_min=Decimal(2),
    )  # fmt: skip
    assert before <= sample.started_at <= timezone.now()
    project.refresh_from_db()
    assert project.status == ProjectStatus.SAMPLING
    assert OutboxEvent.objects.filter(name="detection.sample.started", payload__id=sample.pk).exists()


def test_flow_drift_over_five_percent_invalidates_the_sample(world: World, site: helpers.Site) -> None:
    project = helpers.planned(world)
    sample = services.start_sample(
        actor=world.actor("service_staff"), project=project, plan_item=helpers.item_of(project, "苯"),
        equipment=helpers.equipment(world), location="工位", flow_before_l_per_min=Decimal(2),
    )  # fmt: skip
    with pytest.raises(DomainError) as error:
        services.finish_sample(actor=world.actor("service_staff"), sample=sample, flow_after_l_per_min=Decimal("2.2"))
    assert error.value.code == "flow_drift"


def test_lab_concentration_that_mass_and_volume_do_not_support_is_refused(world: World, site: helpers.Site) -> None:
    project = helpers.planned(world)
    pump = helpers.equipment(world)
    sample = helpers.take(
        world, project, helpers.item_of(project, "苯"), pump, timezone.now() - dt.timedelta(hours=3), 60
    )
    data = services.ResultData(value=Decimal("2.5"), mass_ug=Decimal("480"), volume_l=Decimal("240"))
    with pytest.raises(DomainError) as error:
        services.record_result(actor=world.actor("service_staff"), sample=sample, data=data)
    assert error.value.code == "concentration_mismatch" and "2 mg/m3" in error.value.message


def test_records_cannot_be_edited_after_the_technical_review(world: World, site: helpers.Site) -> None:
    project = helpers.sampled(world)
    actor = world.actor("service_staff")
    sample = project.samples.first()
    assert sample is not None
    services.correct_sample(actor=actor, sample=sample, location="焊接工位2")  # still open
    services.review_project(actor=actor, project=project)
    sample.refresh_from_db()
    with pytest.raises(DomainError) as error:
        services.correct_sample(actor=actor, sample=sample, location="改动")
    assert error.value.code == "locked_after_review" and "技术审核" in error.value.message
    with pytest.raises(DomainError):
        services.record_result(actor=actor, sample=sample, data=services.ResultData(Decimal("0.1")))
    sample.refresh_from_db()
    assert sample.location == "焊接工位2"


def test_review_judges_each_post_and_agent_with_the_engine(world: World, site: helpers.Site) -> None:
    project = helpers.sampled(world)
    services.review_project(actor=world.actor("service_staff"), project=project)
    findings = {(f.plan_item.agent.name_zh, f.metric): f for f in Finding.objects.filter(project=project)}
    # Three 1-h benzene samples at 2, 4 and 5 mg/m3 standing for an 8-h exposure: C_TWA = 11/3 mg/m3 > PC-TWA 3.
    twa = findings[("苯", "C_TWA")]
    assert twa.measured_value == pytest.approx(11 / 3) and twa.limit_value == 3 and not twa.is_compliant
    noise = findings[("噪声", "L_EX,8h")]
    assert noise.measured_value == pytest.approx(88) and not noise.is_compliant
    dust = findings[("矽尘", "C_TWA total dust")]
    assert dust.limit_value == 1 and dust.is_compliant and dust.reaches_action_level  # 0.5 of 1 mg/m3


def test_issue_locks_the_report_emits_exceedances_and_records_timeliness(world: World, site: helpers.Site) -> None:
    project = helpers.issued(world)
    project.refresh_from_db()
    assert project.status == ProjectStatus.ISSUED and project.days_to_issue == 10
    event = OutboxEvent.objects.get(name="detection.project.issued", payload__id=project.pk)
    agents = sorted(e["agent"] for e in event.payload["exceedances"])
    assert agents == ["噪声", "苯"]
    document = current_document_for(project, REPORT_KIND)
    assert document is not None and document.revision == 1
    assert AuditEntry.objects.filter(object_type="detection.project", object_id=str(project.pk)).exists()


def test_a_correction_is_a_new_revision_with_its_reason(world: World, site: helpers.Site) -> None:
    project = helpers.issued(world)
    actor = world.actor("service_staff")
    with pytest.raises(DomainError):
        services.revise_report(actor=actor, project=project, reason=" ")
    second = services.revise_report(actor=actor, project=project, reason="更正采样地点描述")
    assert second.revision == 2 and second.supersedes is not None and second.revision_reason == "更正采样地点描述"
    assert not second.supersedes.is_current


def test_only_a_technical_service_institution_contracts(world: World, site: helpers.Site) -> None:
    with pytest.raises(DomainError) as error:
        services.contract_project(
            actor=world.actor("mgr_a"), employer=world.employers["A"], contract_number="X",
            contract_signed_on=timezone.localdate(), purpose="periodic",
        )  # fmt: skip
    assert error.value.code == "forbidden"
    assert not Project.objects.exists()


def test_a_sampling_type_that_does_not_fit_the_hazard_is_refused(world: World, site: helpers.Site) -> None:
    actor = world.actor("service_staff")
    project = helpers.contracted(world)
    services.survey_from_declaration(actor=actor, project=project)
    with pytest.raises(DomainError) as error:
        helpers.plan(actor, helpers.item_of(project, "矽尘"), SampleKind.NOISE, 1)
    assert error.value.fields == {"sample_kind": [error.value.message]} and "矽尘" in error.value.message


def test_the_signatory_must_not_be_the_technical_reviewer(world: World, site: helpers.Site) -> None:
    project = helpers.sampled(world)
    reviewer = world.actor("service_staff")
    services.review_project(actor=reviewer, project=project)
    with pytest.raises(DomainError) as error:
        services.approve_project(actor=reviewer, project=project)
    assert error.value.code == "signatory_is_reviewer" and "approved_by" in error.value.fields
    assert "授权签字人" in error.value.message and "service_staff" in error.value.message
    project.refresh_from_db()
    assert project.status == ProjectStatus.REVIEWED and project.approved_by_label == ""
    services.approve_project(actor=helpers.signatory(world), project=project)
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED and project.approved_by_label == helpers.SIGNATORY
    assert project.reviewed_by_user_id == world.user("service_staff").pk
