"""Identifiers people type: unified social credit codes and resident ID numbers.

Validation uses python-stdnum (GB 32100-2015 for the USCC, GB 11643-1999 for the ID number),
a maintained library, rather than hand-written check-digit code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

# Positions in an 18-character resident ID number (GB 11643-1999 clause 4).
ID_NUMBER_LENGTH = 18
_SEX_DIGIT_INDEX = 16
_VISIBLE_HEAD = 6  # the address code: which county issued it
_VISIBLE_TAIL = 4


class InvalidIdentifier(ValueError):
    """A code failed validation; ``reason`` says why in words an official understands."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


_REASONS_USCC = {
    InvalidLength: "统一社会信用代码应为18位",
    InvalidFormat: "统一社会信用代码含有不允许的字符",
    InvalidComponent: "统一社会信用代码的登记管理部门或机构类别代码无效",
    InvalidChecksum: "统一社会信用代码校验位不正确",
}
_REASONS_RIC = {
    InvalidLength: "身份证号码应为18位",
    InvalidFormat: "身份证号码格式不正确",
    InvalidComponent: "身份证号码中的出生日期无效",
    InvalidChecksum: "身份证号码校验位不正确",
}


def _reason(error: ValidationError, table: Mapping[type[ValidationError], str], fallback: str) -> str:
    return next((text for kind, text in table.items() if isinstance(error, kind)), fallback)


def clean_uscc(value: str, field: str = "uscc") -> str:
    """The normalised 18-character USCC, or InvalidIdentifier naming what is wrong."""
    try:
        return str(uscc.validate(value.strip().upper()))
    except ValidationError as error:
        raise InvalidIdentifier(field, _reason(error, _REASONS_USCC, "统一社会信用代码无效")) from error


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: dt.date
    sex: str  # "M" or "F": the 17th digit is odd for men (GB 11643-1999 4.3)

    @property
    def masked(self) -> str:
        return mask_id_number(self.number)


def parse_id_number(value: str, field: str = "id_number") -> ResidentId:
    """Validate a resident ID number and read the birth date and sex it encodes.

    Format, birth date and check digit are validated through python-stdnum. Its additional
    rule that the address code existed on the birth date is not applied: a code is assigned
    when the number is first issued, often years after birth (someone born in 1990 whose
    number was issued in 滨江区, created in 1996, is real), so that rule rejects real people.
    """
    number = str(ric.compact(value)).upper()
    try:
        if len(number) != ID_NUMBER_LENGTH:
            raise InvalidLength()
        if not number[:-1].isdigit() or not (number[-1].isdigit() or number[-1] == "X"):
            raise InvalidFormat()
        birth_date = ric.get_birth_date(number)
        if number[-1] != ric.calc_check_digit(number):
            raise InvalidChecksum()
    except ValidationError as error:
        raise InvalidIdentifier(field, _reason(error, _REASONS_RIC, "身份证号码无效")) from error
    sex = "M" if int(number[_SEX_DIGIT_INDEX]) % 2 else "F"
    return ResidentId(number=number, birth_date=birth_date, sex=sex)


def mask_id_number(number: str) -> str:
    """Show the issuing county and the last four characters only, e.g. 330102********123X."""
    if len(number) <= _VISIBLE_HEAD + _VISIBLE_TAIL:
        return "*" * len(number)
    hidden = len(number) - _VISIBLE_HEAD - _VISIBLE_TAIL
    return number[:_VISIBLE_HEAD] + "*" * hidden + number[-_VISIBLE_TAIL:]
