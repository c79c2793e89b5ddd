"""The trades name hazards the catalogue holds and industries the reference table lists."""

from __future__ import annotations

import pytest

from ohs.demo.declarations import agent_ids
from ohs.demo.trades import TRADES, hazard_names, industry_groups


@pytest.mark.django_db
def test_every_hazard_the_trades_name_is_in_the_catalogue() -> None:
    warnings: list[str] = []
    found = agent_ids(hazard_names(), warnings.append)
    assert warnings == []
    assert set(found) == set(hazard_names())


@pytest.mark.django_db
def test_missing_hazard_is_skipped_with_a_warning() -> None:
    warnings: list[str] = []
    found = agent_ids(["苯", "不存在的因素"], warnings.append)
    assert list(found) == ["苯"]
    assert len(warnings) == 1 and "不存在的因素" in warnings[0]


def test_every_trade_has_industry_groups_of_its_division() -> None:
    groups = industry_groups()
    for trade in TRADES:
        assert groups[trade.industry_division]
        assert all(code.startswith(trade.industry_division) for code in groups[trade.industry_division])


def test_every_workplace_has_at_least_two_posts_with_distinct_names() -> None:
    for trade in TRADES:
        assert len(trade.workplaces) >= 3, trade.name
        for workplace in trade.workplaces:
            names = [p.name for p in workplace.posts]
            assert len(names) >= 2 and len(set(names)) == len(names), workplace.name
