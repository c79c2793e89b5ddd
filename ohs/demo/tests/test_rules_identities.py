"""Generated identities pass the same validation as real input."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc

from ohs.core.rules.identity import parse_id_number
from ohs.demo.rules.identities import (
    GIVEN_CHARS_FEMALE,
    GIVEN_CHARS_MALE,
    SURNAMES,
    birth_date_of,
    make_id_number,
    make_mobile,
    make_person_name,
    make_uscc,
    org_code_check,
)

BORN = (dt.date(1965, 1, 1), dt.date(2005, 12, 31))


def test_org_code_check_known_example() -> None:
    """GB 11714-1997 worked example: body D2143569 has check character X."""
    assert org_code_check("D2143569") == "X"


@given(st.integers(min_value=0, max_value=2**32))
def test_make_uscc_always_valid(seed: int) -> None:
    code = make_uscc(random.Random(seed), "330102")
    assert uscc.is_valid(code)
    assert code[2:8] == "330102"


@given(st.integers(min_value=0, max_value=2**32), st.sampled_from(["M", "F"]))
def test_make_id_number_valid_with_sex_and_birth(seed: int, sex: str) -> None:
    number = make_id_number(random.Random(seed), "330102", BORN, sex)
    parsed = parse_id_number(number)
    assert parsed.sex == sex
    assert BORN[0] <= parsed.birth_date <= BORN[1]


def test_same_seed_same_identities() -> None:
    first = [make_uscc(random.Random(7), "330102") for _ in range(3)]
    again = [make_uscc(random.Random(7), "330102") for _ in range(3)]
    assert first == again


@given(st.integers(min_value=0, max_value=2**32), st.sampled_from(["M", "F"]))
def test_make_person_name_fits_sex(seed: int, sex: str) -> None:
    name = make_person_name(random.Random(seed), sex)
    pool = GIVEN_CHARS_MALE if sex == "M" else GIVEN_CHARS_FEMALE
    assert name[0] in SURNAMES
    assert 1 <= len(name) - 1 <= 2
    assert all(char in pool for char in name[1:])


def test_birth_date_of_reads_the_id_number() -> None:
    assert birth_date_of("330102199003070131") == dt.date(1990, 3, 7)


def test_make_mobile_has_eleven_digits() -> None:
    phone = make_mobile(random.Random(3))
    assert len(phone) == 11 and phone.isdigit() and phone[0] == "1"
