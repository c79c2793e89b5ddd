"""The demo's measurement projects can plan any declared dust: a tiered dust gets a free-SiO2
content one of its tiers covers (coal dust's tiers stop below 10 %, where the typical 25 % does
not fit); only a dust whose rows differ by something else is left unsampled, with a reason."""

from __future__ import annotations

import pytest

from ohs.demo.detection import _dust_row
from ohs.hazards import oels
from ohs.hazards.choices import Category
from ohs.hazards.models import Agent


@pytest.mark.django_db
def test_every_dust_gets_its_limit_row_unless_its_rows_differ_other_than_by_silica() -> None:
    dusts = list(Agent.objects.filter(category=Category.DUST))
    assert dusts
    unsampled = set()
    for agent in dusts:
        if _dust_row(agent) is None:
            assert len(oels.dust_oels(agent)) > 1, agent.name_zh
            unsampled.add(agent.name_zh)
    assert "煤尘(游离SiO2<10%)" not in unsampled
    assert len(unsampled) <= 4  # 铝尘, 麻尘, 石棉 and mineral wool: rows by form, fibre or count
