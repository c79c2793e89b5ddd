from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.geo.rules.codes import InvalidRegionCode, Level, descendant_range, level_of, parent_code


def test_levels_and_ranges_of_hangzhou() -> None:
    assert level_of("330000") is Level.PROVINCE
    assert level_of("330100") is Level.CITY
    assert level_of("330102") is Level.COUNTY
    span = descendant_range("330100")
    assert "330102" in span and "330100" in span and "330200" not in span
    assert descendant_range("330000").hi == "340000"
    assert parent_code("330102") == "330100" and parent_code("330100") == "330000" and parent_code("330000") is None


@pytest.mark.parametrize("bad", ["33010", "3301020", "33O102", ""])
def test_invalid_codes_rejected(bad: str) -> None:
    with pytest.raises(InvalidRegionCode):
        level_of(bad)


@given(st.from_regex(r"33[0-9]{2}[0-9][1-9]", fullmatch=True))
def test_county_lies_in_its_city_and_province(code: str) -> None:
    city = parent_code(code)
    assert city is not None
    assert code in descendant_range(city)
    assert code in descendant_range("330000")
