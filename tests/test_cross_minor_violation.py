"""Risk → enforcement: a minor violation the employer found in its self-inspection and corrected in
time reaches enforcement through the outbox, so a later case on the same provision is not "first"
(行政处罚法 Art.33)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ohs.core.delivery import deliver_due
from ohs.core.errors import DomainError
from ohs.core.supervision import ActStart, issue_action_code, open_case_from_act
from ohs.enforcement.models import Case, MinorViolation
from ohs.enforcement.rules.no_penalty import NoPenaltyOutcome
from ohs.enforcement.services import cases, minor
from ohs.risk import services as risk_services
from ohs.testing.personas import COUNTY_A, World


def _training_case(world: World) -> Case:
    employer = world.employers["A"]
    start = ActStart(
        kind="inspection",
        employer_id=employer.pk,
        county_id=COUNTY_A,
        subject=employer,
        title="职业卫生培训监督检查",
        officers=(world.users["sc_inspector"].pk,),
        extra={"article": "ODPL-70(4)"},
    )
    actor = world.actor("sc_inspector")
    case = open_case_from_act(actor, action_code=issue_action_code(actor, start), start=start, findings="培训记录不全")
    assert isinstance(case, Case)
    cases.approve_filing(actor=world.actor("hz_regulator"), case=case)
    return case


def _offer(world: World, case: Case) -> None:
    minor.offer_commitment(
        actor=world.actor("sc_inspector"), case=case, item_id="ZJ-OH-04", harm="危害后果轻微", corrected_in_time=True
    )


def test_self_inspection_minor_violation_corrected_in_time_is_not_first_any_more(world: World) -> None:
    employer, today = world.employers["A"], timezone.localdate()
    found_on = today - dt.timedelta(days=10)
    # Before: the same provision (OH09 training -> ODPL-70(4), list item ZJ-OH-04) is a first violation.
    first = minor.assess(_training_case(world), "ZJ-OH-04", "危害后果轻微", True)
    assert first.outcome is not NoPenaltyOutcome.PUNISH
    risk_services.record_self_inspection(
        actor=world.actor("mgr_a"),
        employer=employer,
        performed_on=found_on,
        score=Decimal(90),
        problems={
            "OH09": {
                "problem": "培训记录不全",
                "is_minor": True,
                "correct_by": found_on + dt.timedelta(days=5),
                "corrected_on": found_on + dt.timedelta(days=3),
            }
        },
    )
    deliver_due()
    kept = MinorViolation.objects.get(employer=employer)
    assert (kept.article, kept.found_on) == ("ODPL-70(4)", found_on)
    deliver_due()  # delivered once: nothing is kept twice
    assert MinorViolation.objects.filter(employer=employer).count() == 1
    with pytest.raises(DomainError) as not_first:
        _offer(world, _training_case(world))
    assert "非初次违法" in not_first.value.message and found_on.isoformat() in not_first.value.message


def test_a_minor_violation_corrected_late_is_not_kept(world: World) -> None:
    employer, today = world.employers["A"], timezone.localdate()
    found_on = today - dt.timedelta(days=10)
    risk_services.record_self_inspection(
        actor=world.actor("mgr_a"),
        employer=employer,
        performed_on=found_on,
        score=Decimal(90),
        problems={
            "OH09": {
                "problem": "培训记录不全",
                "is_minor": True,
                "correct_by": found_on + dt.timedelta(days=1),
                "corrected_on": found_on + dt.timedelta(days=3),
            }
        },
    )
    deliver_due()
    assert not MinorViolation.objects.filter(employer=employer).exists()
    _offer(world, _training_case(world))  # still a first violation
