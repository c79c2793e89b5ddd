"""Links to the rest of the platform: the enterprise file's section, the risk-profile inputs
(batched), a county's lawful extension of the no-penalty list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ohs.core.errors import DomainError
from ohs.core.profile_inputs import collect_profile_inputs
from ohs.core.supervision import open_case_from_act
from ohs.enforcement.models import Case, NoPenaltyItem
from ohs.enforcement.services import cases, minor
from ohs.enforcement.tests.conftest import days_ago, start_inspection
from ohs.testing.personas import World


def _case(world: World) -> Case:
    code, start = start_inspection(world)
    case = open_case_from_act(world.actor("sc_inspector"), action_code=code, start=start, findings="噪声超标")
    assert isinstance(case, Case)
    return case


def test_enterprise_file_shows_the_cases_in_scope(world: World) -> None:
    case = _case(world)
    url = f"/employers/{world.employers['A'].pk}/file/"
    assert case.action_code.code in world.client("sc_inspector").get(url).content.decode()
    assert case.ref in world.client("mgr_a").get(url).content.decode()


def test_profile_inputs_count_unrectified_orders_in_one_batch(world: World) -> None:
    case = _case(world)
    cases.approve_filing(actor=world.actor("hz_regulator"), case=case, filed_on=days_ago(20))
    cases.order_correction(actor=world.actor("sc_inspector"), case=case, deadline=days_ago(5))
    employers = [world.employers["A"].pk, world.employers["B"].pk]
    with CaptureQueriesContext(connection) as captured:
        inputs = collect_profile_inputs(employers, days_ago(0))
    ours = [q for q in captured.captured_queries if "enforcement_case" in q["sql"]]
    assert len(ours) == 1
    assert inputs[world.employers["A"].pk]["orders_unrectified"] == 1
    assert inputs[world.employers["A"].pk]["penalties_in_window"] == 0


def test_county_extends_the_list_only_lawfully(world: World) -> None:
    item = {
        "item_id": "SC-01",
        "article": "ODPL-70(4)",
        "description": "培训签到表缺页",
        "minor_circumstance": "初次发现并补正",
    }
    with pytest.raises(DomainError) as not_discussed:
        minor.extend_list(
            actor=world.actor("sc_inspector"), items=[item], version="sc-1", is_collectively_discussed=False
        )
    assert "is_collectively_discussed" in not_discussed.value.fields
    with pytest.raises(DomainError) as serious:
        minor.extend_list(
            actor=world.actor("sc_inspector"),
            items=[{**item, "article": "ODPL-77"}],
            version="sc-1",
            is_collectively_discussed=True,
        )
    assert "article" in serious.value.fields
    minor.extend_list(actor=world.actor("sc_inspector"), items=[item], version="sc-1", is_collectively_discussed=True)
    assert NoPenaltyItem.objects.get(item_id="SC-01").region_id == "330102"
