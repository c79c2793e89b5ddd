"""The demo step: institutions with scope, sites and capacity; a result with its follow-ups."""

from __future__ import annotations

from django.utils import timezone

from ohs.core.actor import SYSTEM_ACTOR
from ohs.demo.exams import DAYS_AHEAD, FULL_SCOPE, PLACES, create_exam_demo
from ohs.exams.models import CapacityDay, DiagnosisReferral, ExamInstitution, ExamResult
from ohs.exams.tests.conftest import declare_post
from ohs.orgs.services import create_organisation
from ohs.testing.personas import World


def test_demo_connects_institutions_with_capacity_and_records_a_suspected_case(world: World) -> None:
    declare_post(world, "B", ("噪声",), "worker_b")
    ningbo = create_organisation(
        actor=SYSTEM_ACTOR, name="宁波市职业病防治院", kind="exam_institution", region_code="330200"
    )
    rows = create_exam_demo({"exam_institution:330200": ningbo}, timezone.localdate(), lambda _line: None)
    institution = ExamInstitution.objects.get(organisation=ningbo)
    assert institution.hazard_categories == list(FULL_SCOPE)
    assert rows == CapacityDay.objects.count() == DAYS_AHEAD * len(PLACES) * len(FULL_SCOPE)
    result = ExamResult.objects.get(worker=world.workers["worker_b"])
    assert result.conclusion == "suspected_disease" and result.reported_at is not None
    assert DiagnosisReferral.objects.get(result=result).suspected_disease == "职业性噪声聋"
