"""The risk-profile input: latest result per sampling point as a ratio to the OEL, batched."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ohs.core.profile_inputs import collect_profile_inputs
from ohs.detection.profile import measurement_inputs
from ohs.detection.tests import helpers
from ohs.testing.personas import World


def test_measurements_give_the_worst_ratio_per_point_with_the_carcinogen_flag(world: World) -> None:
    helpers.declared_site(world)
    helpers.issued(world)
    employer = world.employers["A"]
    with CaptureQueriesContext(connection) as captured:
        inputs = measurement_inputs([employer.pk, world.employers["B"].pk], timezone.localdate())
    assert len(captured.captured_queries) == 1
    measurements = {m.agent: m for m in inputs[employer.pk]["measurements"]}
    assert measurements["苯"].ratio_to_oel == Decimal("1.2222") and measurements["苯"].is_carcinogen_listed
    assert not measurements["矽尘"].is_carcinogen_listed and measurements["矽尘"].ratio_to_oel == Decimal("0.5")
    assert world.employers["B"].pk not in inputs
    merged = collect_profile_inputs([employer.pk], timezone.localdate())
    assert len(merged[employer.pk]["measurements"]) == 3
