"""Administrative action codes (行政行为码): format, ISO 7064 MOD 37,36 check, stages."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.iso7064 import mod_37_36

from ohs.enforcement.rules.action_code import (
    ACTION_STAGES,
    RANDOM_PART_BYTES,
    ActionCodeError,
    ActionKind,
    generate_action_code,
    may_link,
    stage_for,
    validate_action_code,
)

FIXED_BYTES = bytes(range(RANDOM_PART_BYTES))


def test_check_scheme_matches_iso_7064_published_example() -> None:
    # ISO/IEC 7064 MOD 37,36 example as documented by python-stdnum.
    assert mod_37_36.calc_check_digit("A12425GABC1234002") == "M"


def test_generate_action_code_worked_example() -> None:
    # Xihu district (330106), 2025, penalty; bytes 00..09 -> base32 AAAQEAYEAUDAOCAJ.
    code = generate_action_code("330106", 2025, ActionKind.PENALTY, FIXED_BYTES)
    assert code == "330106-2025-CF-AAAQEAYEAUDAOCAJ-7"
    assert mod_37_36.is_valid("3301062025CFAAAQEAYEAUDAOCAJ7")


def test_validate_action_code_parses_parts() -> None:
    result = validate_action_code("330106-2025-CF-AAAQEAYEAUDAOCAJ-7")
    assert result.is_valid and result.parsed is not None
    assert (result.parsed.region_code, result.parsed.year) == ("330106", 2025)
    assert result.parsed.kind is ActionKind.PENALTY


@pytest.mark.parametrize(
    ("region", "year", "rng", "field"),
    [
        ("320106", 2025, FIXED_BYTES, "region_code"),  # Jiangsu
        ("33010", 2025, FIXED_BYTES, "region_code"),
        ("330106", 202, FIXED_BYTES, "year"),
        ("330106", 2025, FIXED_BYTES[:9], "rng_bytes"),
    ],
)
def test_generate_action_code_bad_input_raises_naming_field(region: str, year: int, rng: bytes, field: str) -> None:
    with pytest.raises(ActionCodeError) as caught:
        generate_action_code(region, year, ActionKind.INSPECTION, rng)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("code", "field"),
    [
        ("3301062025CFAAAQEAYEAUDAOCAJ7", "format"),
        ("330106-2025-XX-AAAQEAYEAUDAOCAJ-7", "kind"),
        ("330106-2025-CF-aaaqeayeaudaocaj-7", "random_part"),
        ("330106-2025-CF-AAAQEAYEAUDAOCAJ-8", "check_character"),
        ("330106-25-CF-AAAQEAYEAUDAOCAJ-7", "year"),
    ],
)
def test_validate_action_code_bad_code_names_field(code: str, field: str) -> None:
    result = validate_action_code(code)
    assert not result.is_valid
    assert field in {p.field for p in result.problems}


def test_action_stages_follow_the_chain_of_seed_000_item_14() -> None:
    kinds = [s.kind for s in sorted(ACTION_STAGES, key=lambda s: s.order)]
    assert kinds == [
        ActionKind.INSPECTION,
        ActionKind.PENALTY,
        ActionKind.COMPULSORY_MEASURE,
        ActionKind.RECONSIDERATION,
        ActionKind.LITIGATION,
    ]
    assert not stage_for(ActionKind.LITIGATION).is_confirmed  # action_code.md: unconfirmed


def test_may_link_follows_the_chain() -> None:
    assert may_link(ActionKind.INSPECTION, ActionKind.PENALTY)
    assert may_link(ActionKind.PENALTY, ActionKind.RECONSIDERATION)
    assert not may_link(ActionKind.LITIGATION, ActionKind.PENALTY)
    assert not may_link(ActionKind.INSPECTION, ActionKind.LITIGATION)


regions = st.from_regex(r"33[0-9]{4}", fullmatch=True)
years = st.integers(min_value=1000, max_value=9999)
kinds = st.sampled_from(list(ActionKind))
rng_bytes = st.binary(min_size=RANDOM_PART_BYTES, max_size=RANDOM_PART_BYTES)
replacements = st.sampled_from(string.ascii_letters + string.digits + "-_ 〇一")


@settings(deadline=None)  # the first example loads python-stdnum; on a shared machine it can take >200 ms
@given(region=regions, year=years, kind=kinds, rng=rng_bytes)
def test_generate_action_code_property_always_validates(region: str, year: int, kind: ActionKind, rng: bytes) -> None:
    code = generate_action_code(region, year, kind, rng)
    result = validate_action_code(code)
    assert result.is_valid and result.parsed is not None
    assert (result.parsed.region_code, result.parsed.year, result.parsed.kind) == (
        region,
        year,
        kind,
    )


@settings(deadline=None)
@given(region=regions, year=years, kind=kinds, rng=rng_bytes, data=st.data())
def test_validate_action_code_property_any_single_change_fails(
    region: str, year: int, kind: ActionKind, rng: bytes, data: st.DataObject
) -> None:
    code = generate_action_code(region, year, kind, rng)
    position = data.draw(st.integers(min_value=0, max_value=len(code) - 1))
    replacement = data.draw(replacements.filter(lambda c: c != code[position]))
    changed = code[:position] + replacement + code[position + 1 :]
    assert not validate_action_code(changed).is_valid
