"""The region tree loaded by migration from reference/regions_zhejiang.csv."""

from __future__ import annotations

import pytest

from ohs.geo.models import Region

pytestmark = pytest.mark.django_db


def test_zhejiang_tree_is_complete() -> None:
    assert Region.objects.get(code="330000").name == "浙江省"
    assert Region.objects.cities().count() == 11
    assert Region.objects.counties().count() == 90
    assert all(r.parent_id for r in Region.objects.exclude(code="330000"))


def test_within_city_uses_the_code_range() -> None:
    hangzhou = set(Region.objects.within("330100").values_list("code", flat=True))
    assert "330102" in hangzhou and "330100" in hangzhou and "330203" not in hangzhou
    assert Region.objects.get(code="330102").full_name == "杭州市上城区"


def test_regions_api_lists_within(world) -> None:  # type: ignore[no-untyped-def]
    client = world.client("mgr_a")
    items = client.get("/api/v1/geo/regions", {"within": "330200", "level": "county"}).json()
    assert {i["parent_code"] for i in items} == {"330200"}
    assert len(items) == Region.objects.within("330200").counties().count()
