"""Checking an employer's roster row by row, before anything is written.

Every row is checked and every problem reported with the row number, the column and the
reason, so the employer can fix the sheet in one go; the import happens only when no row has
an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ohs.core.rules.identity import InvalidIdentifier, parse_id_number

RULE_VERSION = "roster/1"
COLUMNS = ("姓名", "身份证号", "岗位", "入职日期", "手机号")
REQUIRED = ("姓名", "身份证号", "入职日期")
# 劳动法 第十五条: employers may not recruit minors under sixteen.
MIN_WORKING_AGE_YEARS = 16
MAX_NAME_LENGTH = 64
_PHONE = re.compile(r"^1\d{10}$")  # mainland mobile numbers: 11 digits starting with 1
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class RosterRow:
    row: int
    name: str
    id_number: str
    post_id: int | None
    started_on: dt.date
    phone: str


@dataclass(frozen=True)
class RosterCheck:
    rows: tuple[RosterRow, ...]
    errors: tuple[RowError, ...]
    rule_version: str = RULE_VERSION

    @property
    def rows_with_errors(self) -> int:
        return len({e.row for e in self.errors})


def check_header(header: Sequence[object]) -> list[RowError]:
    """The first row must name the required columns (any order, extra columns ignored)."""
    names = {str(h).strip() for h in header if h is not None}
    return [RowError(1, col, f"缺少必填列“{col}”") for col in REQUIRED if col not in names]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value: object) -> dt.date | None:
    """A date from an Excel date cell or text such as 2024-03-01, 2024/3/1 or 20240301."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class _RowChecker:
    def __init__(self, posts: Mapping[str, int], today: dt.date) -> None:
        self.posts, self.today = posts, today
        self.seen_ids: dict[str, int] = {}
        self.errors: list[RowError] = []

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def check(self, row: int, values: Mapping[str, object]) -> RosterRow | None:
        before = len(self.errors)
        name = self._name(row, values)
        id_number, birth = self._id(row, values)
        post_id = self._post(row, values)
        started_on = self._start(row, values, birth)
        phone = self._phone(row, values)
        if len(self.errors) > before or id_number is None or started_on is None:
            return None
        return RosterRow(row, name, id_number, post_id, started_on, phone)

    def _name(self, row: int, values: Mapping[str, object]) -> str:
        name = _text(values.get("姓名"))
        if not name:
            self.fail(row, "姓名", "姓名不能为空")
        elif len(name) > MAX_NAME_LENGTH:
            self.fail(row, "姓名", f"姓名超过{MAX_NAME_LENGTH}个字")
        return name

    def _id(self, row: int, values: Mapping[str, object]) -> tuple[str | None, dt.date | None]:
        text = _text(values.get("身份证号"))
        if not text:
            self.fail(row, "身份证号", "身份证号不能为空")
            return None, None
        try:
            parsed = parse_id_number(text)
        except InvalidIdentifier as exc:
            self.fail(row, "身份证号", exc.reason)
            return None, None
        if (first := self.seen_ids.setdefault(parsed.number, row)) != row:
            self.fail(row, "身份证号", f"与第{first}行的身份证号重复")
            return None, None
        return parsed.number, parsed.birth_date

    def _post(self, row: int, values: Mapping[str, object]) -> int | None:
        key = _text(values.get("岗位"))
        if not key:
            return None
        if key not in self.posts:
            self.fail(row, "岗位", f"本单位没有岗位“{key}”（先在单位信息中添加岗位，或写成“车间/岗位”）")
            return None
        return self.posts[key]

    def _start(self, row: int, values: Mapping[str, object], birth: dt.date | None) -> dt.date | None:
        raw = values.get("入职日期")
        started = parse_date(raw)
        if started is None:
            self.fail(row, "入职日期", "入职日期不能为空" if raw in (None, "") else f"无法识别的日期“{_text(raw)}”")
        elif started > self.today:
            self.fail(row, "入职日期", "入职日期晚于今天")
        elif birth is not None and _age_on(birth, started) < MIN_WORKING_AGE_YEARS:
            self.fail(row, "入职日期", f"入职时未满{MIN_WORKING_AGE_YEARS}周岁（劳动法第十五条）")
        return started

    def _phone(self, row: int, values: Mapping[str, object]) -> str:
        phone = _text(values.get("手机号"))
        if phone and not _PHONE.match(phone):
            self.fail(row, "手机号", "手机号应为以1开头的11位数字")
        return phone


def check_roster(
    rows: Iterable[tuple[int, Mapping[str, object]]], posts: Mapping[str, int], today: dt.date
) -> RosterCheck:
    """Check every (row number, {column: value}) pair; ``posts`` maps a post's name to its id."""
    checker = _RowChecker(posts, today)
    good = [r for number, values in rows if (r := checker.check(number, values)) is not None]
    return RosterCheck(rows=tuple(good), errors=tuple(checker.errors))
