"""Credit codes and ID numbers: validated by python-stdnum, explained in words officials use."""

from __future__ import annotations

import datetime as dt

import pytest
from stdnum.cn import ric

from ohs.core.rules.identity import InvalidIdentifier, clean_uscc, mask_id_number, parse_id_number
from ohs.testing.personas import EMPLOYER_A_USCC, WORKER_A_ID


def test_valid_uscc_is_normalised() -> None:
    assert clean_uscc(f" {EMPLOYER_A_USCC.lower()} ") == EMPLOYER_A_USCC


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (EMPLOYER_A_USCC[:-1], "应为18位"),
        (EMPLOYER_A_USCC[:-1] + ("0" if EMPLOYER_A_USCC[-1] != "0" else "1"), "校验位不正确"),
        ("91330102MA2K!!!!!X", "不允许的字符"),
    ],
)
def test_invalid_uscc_names_the_reason(code: str, reason: str) -> None:
    with pytest.raises(InvalidIdentifier, match=reason) as caught:
        clean_uscc(code)
    assert caught.value.field == "uscc"


def test_id_number_gives_birth_date_and_sex() -> None:
    parsed = parse_id_number(WORKER_A_ID)
    assert parsed.birth_date == dt.date(1990, 3, 7)
    assert parsed.sex == "M"  # 17th digit 3 is odd


def test_id_number_issued_after_district_was_created_is_accepted() -> None:
    # 滨江区 (330108) dates from 1996; a person born in 1990 can hold a number issued there later.
    number = "33010819900101002"
    full = number + ric.calc_check_digit(number + "0")
    assert parse_id_number(full).number == full


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (WORKER_A_ID[:-1], "应为18位"),
        (WORKER_A_ID[:-1] + ("2" if WORKER_A_ID[-1] != "2" else "3"), "校验位不正确"),
        ("330102199002301230", "出生日期无效"),
    ],
)
def test_invalid_id_number_names_the_reason(number: str, reason: str) -> None:
    with pytest.raises(InvalidIdentifier, match=reason):
        parse_id_number(number)


def test_masking_keeps_county_and_last_four() -> None:
    assert mask_id_number("330102199003070131") == "330102********0131"
