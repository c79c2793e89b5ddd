"""Checking an uploaded results sheet row by row (pure): every problem is reported with its row
and column, and nothing is recorded unless every row is right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ohs.exams.rules.conclusions import Conclusion, conclusion_from_label

COLUMNS = ("预约编号", "姓名", "检查日期", "结论", "处理意见", "检查所见", "疑似职业病", "复查日期")
REQUIRED = ("预约编号", "姓名", "检查日期", "结论", "处理意见")


@dataclass(frozen=True)
class SheetError:
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class SheetResult:
    row: int
    appointment_id: int
    examined_on: dt.date
    conclusion: Conclusion
    advice: str
    findings: str
    suspected_disease: str
    recheck_on: dt.date | None


def check_header(header: Iterable[str]) -> list[SheetError]:
    present = set(header)
    missing = [c for c in REQUIRED if c not in present]
    return [SheetError(1, c, "缺少该列") for c in missing]


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value))
    except ValueError:
        return None


def _row(
    number: int, row: Mapping[str, object], names: Mapping[int, str], earliest: dt.date, today: dt.date
) -> tuple[SheetResult | None, list[SheetError]]:
    errors: list[SheetError] = []
    raw_id = _text(row.get("预约编号"))
    appointment_id = int(raw_id) if raw_id.isdigit() else None
    if appointment_id is None or appointment_id not in names:
        errors.append(SheetError(number, "预约编号", "不是本次预约中的劳动者"))
    elif names[appointment_id] != _text(row.get("姓名")):
        errors.append(SheetError(number, "姓名", "与预约编号对应的姓名不一致"))
    examined_on = _date(row.get("检查日期"))
    if examined_on is None:
        errors.append(SheetError(number, "检查日期", "请填写日期，格式如2026-03-01"))
    elif not earliest <= examined_on <= today:
        errors.append(SheetError(number, "检查日期", "应在预约日期与今天之间"))
    try:
        conclusion = conclusion_from_label(_text(row.get("结论")))
    except ValueError:
        conclusion = None
        errors.append(
            SheetError(number, "结论", "应为五类结论之一：目前未见异常、复查、疑似职业病、职业禁忌证、其他疾病或异常")
        )
    advice = _text(row.get("处理意见"))
    if not advice:
        errors.append(SheetError(number, "处理意见", "请填写处理意见"))
    suspected = _text(row.get("疑似职业病"))
    if conclusion is Conclusion.SUSPECTED_DISEASE and not suspected:
        errors.append(SheetError(number, "疑似职业病", "结论为疑似职业病时须填写病名"))
    recheck_raw = row.get("复查日期")
    recheck_on = _date(recheck_raw) if _text(recheck_raw) else None
    if _text(recheck_raw) and recheck_on is None:
        errors.append(SheetError(number, "复查日期", "日期格式如2026-03-01"))
    if errors or appointment_id is None or examined_on is None or conclusion is None:
        return None, errors
    result = SheetResult(
        number, appointment_id, examined_on, conclusion, advice, _text(row.get("检查所见")), suspected, recheck_on
    )
    return result, []


def check_results(
    rows: Iterable[tuple[int, Mapping[str, object]]],
    names: Mapping[int, str],
    earliest: dt.date,
    today: dt.date,
) -> tuple[list[SheetResult], list[SheetError]]:
    """Parse every row; a worker listed twice is an error on the second row."""
    results: list[SheetResult] = []
    errors: list[SheetError] = []
    seen: set[int] = set()
    for number, row in rows:
        parsed, found = _row(number, row, names, earliest, today)
        errors += found
        if parsed is not None:
            if parsed.appointment_id in seen:
                errors.append(SheetError(number, "预约编号", "同一劳动者重复出现"))
            else:
                seen.add(parsed.appointment_id)
                results.append(parsed)
    return results, errors
