"""The batch upsert of profiles (raw pipelined upsert on PostgreSQL, bulk_create elsewhere)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ohs.risk import services
from ohs.risk.models import RiskProfile
from ohs.risk.rules.profile import MeasurementResult
from ohs.risk.tests.fakes import FakeInputs
from ohs.testing.personas import World


def test_second_batch_replaces_every_field_of_the_first(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    fakes = FakeInputs(monkeypatch)
    ids = [e.pk for e in world.employers.values()]
    assert services.classify_employers(ids) == len(ids)
    first = RiskProfile.objects.get(employer_id=ids[0])
    fakes.provide("detection", ids[0], measurements=[MeasurementResult("苯", Decimal("2.5"), True)])
    services.classify_employers(ids)
    second = RiskProfile.objects.get(employer_id=ids[0])
    assert RiskProfile.objects.filter(employer_id__in=ids).count() == len(ids)
    assert second.pk == first.pk and second.computed_at >= first.computed_at
    assert second.exposure_level == "exceedance" and second.grade == "Ⅲ"
    assert second.inputs["measurements"] == [["苯", "2.5", True]]
    assert second.shortfalls[0]["evidence"].startswith("苯 检测结果为接触限值的 2.50 倍")
