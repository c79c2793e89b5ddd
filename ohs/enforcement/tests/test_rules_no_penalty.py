"""First minor violations: no penalty (行政处罚法 Art.33; minor_violation_no_penalty.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.enforcement.rules.no_penalty import (
    DEFAULT_PROVINCIAL_LIST,
    Harm,
    NoPenaltyExtension,
    NoPenaltyItem,
    NoPenaltyOutcome,
    PriorViolation,
    assess_no_penalty,
    extend_list,
    items_for_article,
    validate_item,
)

# ODPL Art.71(5): copy of the surveillance record not given to a departing worker.
ITEM = items_for_article(DEFAULT_PROVINCIAL_LIST, "ODPL-71(5)")[0]
EARLIER = PriorViolation("ODPL-71(5)", date(2024, 5, 10), "杭卫罚〔2024〕12号")
OTHER = PriorViolation("ODPL-72(8)", date(2024, 5, 10), "杭卫罚〔2024〕13号")


def test_default_list_items_meet_article_33() -> None:
    assert all(validate_item(item) == () for item in DEFAULT_PROVINCIAL_LIST.items)
    assert not any(item.is_confirmed for item in DEFAULT_PROVINCIAL_LIST.items)


def test_assess_no_penalty_first_no_harm_corrected_must_not_punish() -> None:
    # Art.33(1) first sentence.
    decision = assess_no_penalty(ITEM, [OTHER], True, Harm.NONE)
    assert decision.outcome is NoPenaltyOutcome.MUST_NOT_PUNISH
    assert decision.is_education_required  # Art.33(3)
    assert DEFAULT_PROVINCIAL_LIST.version in decision.rule_version


def test_assess_no_penalty_first_minor_harm_corrected_may_not_punish() -> None:
    # Art.33(1) second sentence.
    decision = assess_no_penalty(ITEM, [], True, Harm.MINOR)
    assert decision.outcome is NoPenaltyOutcome.MAY_NOT_PUNISH
    assert any("第三十三条第一款后段" in r for r in decision.reasons)


def test_assess_no_penalty_earlier_same_violation_punishes() -> None:
    decision = assess_no_penalty(ITEM, [EARLIER], True, Harm.NONE)
    assert decision.outcome is NoPenaltyOutcome.PUNISH
    assert "杭卫罚〔2024〕12号" in decision.reasons[0]


@pytest.mark.parametrize(
    ("corrected", "harm"),
    [(False, Harm.NONE), (True, Harm.SERIOUS), (False, Harm.MINOR)],
)
def test_assess_no_penalty_not_corrected_or_serious_harm_punishes(corrected: bool, harm: Harm) -> None:
    decision = assess_no_penalty(ITEM, [], corrected, harm)
    assert decision.outcome is NoPenaltyOutcome.PUNISH
    assert not decision.is_education_required


def test_assess_no_penalty_item_limited_to_no_harm_rejects_minor_harm() -> None:
    strict = replace(ITEM, max_harm=Harm.NONE)
    assert assess_no_penalty(strict, [], True, Harm.MINOR).outcome is NoPenaltyOutcome.PUNISH


def _item(new_id: str, **changes: object) -> NoPenaltyItem:
    base = NoPenaltyItem(
        new_id,
        "ODPL-72(8)",
        "警示标识个别缺失",
        "初次发现，当场补设",
        Harm.MINOR,
        "hz-1",
        region_code="330100",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _extension(*items: NoPenaltyItem, discussed: bool = True) -> NoPenaltyExtension:
    return NoPenaltyExtension("330100", "hz-1", items, discussed)


def test_extend_list_lawful_extension_merges() -> None:
    decision = extend_list(DEFAULT_PROVINCIAL_LIST, _extension(_item("HZ-01")))
    assert decision.is_accepted and decision.merged is not None
    assert len(decision.merged.items) == len(DEFAULT_PROVINCIAL_LIST.items) + 1
    assert decision.merged.version.endswith("+330100:hz-1")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"requires_correction_in_time": False}, "requires_correction_in_time"),
        ({"max_harm": Harm.SERIOUS}, "max_harm"),
        ({"requires_first_violation": False}, "requires_first_violation"),
        ({"article": "ODPL-77"}, "article"),
        ({"item_id": "ZJ-OH-01"}, "item_id"),
        ({"region_code": "330200"}, "region_code"),
    ],
)
def test_extend_list_beyond_the_law_rejects_naming_field(changes: dict[str, object], field: str) -> None:
    decision = extend_list(DEFAULT_PROVINCIAL_LIST, _extension(_item("HZ-01", **changes)))
    assert not decision.is_accepted and decision.merged is None
    assert field in {p.field for p in decision.problems}


def test_extend_list_no_harm_item_without_first_requirement_is_lawful() -> None:
    # Art.33(1) first sentence does not require a first violation.
    item = _item("HZ-02", max_harm=Harm.NONE, requires_first_violation=False)
    assert extend_list(DEFAULT_PROVINCIAL_LIST, _extension(item)).is_accepted


def test_extend_list_without_collective_discussion_rejects() -> None:
    decision = extend_list(DEFAULT_PROVINCIAL_LIST, _extension(_item("HZ-01"), discussed=False))
    assert [p.field for p in decision.problems] == ["is_collectively_discussed"]


@pytest.mark.parametrize("region", ["330000", "320100"])
def test_extend_list_by_province_or_other_province_rejects(region: str) -> None:
    extension = NoPenaltyExtension(region, "x-1", (_item("X-01", region_code=region),), True)
    assert not extend_list(DEFAULT_PROVINCIAL_LIST, extension).is_accepted


history_strategy = st.lists(
    st.builds(
        PriorViolation,
        article=st.sampled_from(["ODPL-71(5)", "ODPL-70(2)", "ODPL-72(8)"]),
        found_on=st.dates(min_value=date(2020, 1, 1), max_value=date(2025, 12, 31)),
        case_ref=st.text(min_size=1, max_size=8),
    ),
    max_size=4,
)


@given(
    item=st.sampled_from(DEFAULT_PROVINCIAL_LIST.items),
    history=history_strategy,
    corrected=st.booleans(),
    harm=st.sampled_from(list(Harm)),
)
def test_assess_no_penalty_property_never_spares_outside_article_33(
    item: NoPenaltyItem, history: list[PriorViolation], corrected: bool, harm: Harm
) -> None:
    decision = assess_no_penalty(item, history, corrected, harm)
    assert decision.reasons and decision.rule_version
    if decision.outcome is NoPenaltyOutcome.PUNISH:
        return
    assert corrected and harm is not Harm.SERIOUS and decision.is_education_required
    assert not any(p.article == item.article for p in history)
