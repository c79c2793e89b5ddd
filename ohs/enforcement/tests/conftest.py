"""Fixtures of the enforcement tests: a stand-in inspection (the employer record itself plays the
subject, as issue 7's inspection will) and officers with certificates."""

from __future__ import annotations

import datetime as dt

import pytest

from ohs.core.supervision import ActStart, issue_action_code
from ohs.orgs.models import User
from ohs.testing.personas import COUNTY_A, World

CERTIFICATES = {"sc_inspector": "ZJ33010200017", "hs_inspector": "ZJ33020300021"}


@pytest.fixture
def officers(world: World) -> World:
    for name, number in CERTIFICATES.items():
        User.objects.filter(username=name).update(certificate_number=number, full_name=f"{name} 监督员")
    return world


def inspection_start(world: World, article: str = "ODPL-72(1)") -> ActStart:
    employer = world.employers["A"]
    return ActStart(
        kind="inspection",
        employer_id=employer.pk,
        county_id=COUNTY_A,
        subject=employer,
        title="噪声作业场所监督检查",
        officers=(world.users["sc_inspector"].pk,),
        legal_basis="《职业病防治法》第六十二条",
        extra={"article": article},
    )


def start_inspection(world: World, article: str = "ODPL-72(1)") -> tuple[str, ActStart]:
    start = inspection_start(world, article)
    return issue_action_code(world.actor("sc_inspector"), start), start


def days_ago(n: int) -> dt.date:
    from django.utils import timezone

    return timezone.localdate() - dt.timedelta(days=n)
