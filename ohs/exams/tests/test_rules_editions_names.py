"""Edition fallback, catalogue-name matching and the results sheet check (pure rules)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ohs.exams.rules.editions import choose_edition
from ohs.exams.rules.hazard_names import base_name, reference_hazard_for
from ohs.exams.rules.provenance import Edition
from ohs.exams.rules.results_sheet import check_header, check_results
from ohs.exams.tests.test_rules_protocol import RULES

IN_FORCE = {Edition.GBZ188_2014: dt.date(2014, 10, 1), Edition.GBZ188_2025: dt.date(2026, 8, 1)}
ROWS = [r.hazard for r in RULES.rules]


def test_edition_in_force_with_data_is_applied() -> None:
    choice = choose_edition(dt.date(2026, 7, 31), IN_FORCE, [Edition.GBZ188_2014])
    assert choice.applied is Edition.GBZ188_2014 and not choice.is_fallback


def test_2025_in_force_without_data_falls_back_to_2014_and_says_so() -> None:
    choice = choose_edition(dt.date(2026, 11, 30), IN_FORCE, [Edition.GBZ188_2014])
    assert choice.in_force is Edition.GBZ188_2025 and choice.applied is Edition.GBZ188_2014
    assert choice.is_fallback and "GBZ 188-2025" in choice.reasons[0]


def test_no_data_at_all_is_an_error() -> None:
    with pytest.raises(ValueError):
        choose_edition(dt.date(2026, 11, 30), IN_FORCE, [])


@given(st.dates(min_value=dt.date(2014, 10, 1), max_value=dt.date(2040, 1, 1)))
def test_applied_edition_never_starts_after_the_day(day: dt.date) -> None:
    choice = choose_edition(day, IN_FORCE, [Edition.GBZ188_2014])
    assert IN_FORCE[choice.applied] <= day


@pytest.mark.parametrize(
    ("catalogue", "row"),
    [
        ("噪声", "噪声"),
        ("苯", "苯(甲苯、二甲苯参照执行)"),
        ("甲苯", "苯(甲苯、二甲苯参照执行)"),
        ("二甲苯(全部异构体)", "苯(甲苯、二甲苯参照执行)"),
        ("锰及其无机化合物(按MnO2计)", "锰及其无机化合物"),
        ("电焊烟尘", "其他致尘肺病的无机粉尘(含电焊烟尘、炭黑、石墨、滑石、云母、水泥等)"),
        ("高温", "高温"),
        ("木粉尘(硬木)", None),
        ("棉尘", None),
    ],
)
def test_catalogue_names_match_reference_rows(catalogue: str, row: str | None) -> None:
    assert reference_hazard_for(catalogue, ROWS) == row


def test_base_name_strips_qualifiers() -> None:
    assert base_name("矽尘(游离SiO2>=10%)") == "矽尘"


def test_results_sheet_reports_every_problem_with_row_and_column() -> None:
    today = dt.date(2026, 3, 10)
    names = {7: "张三", 8: "李四"}
    rows = [
        (2, {"预约编号": 7, "姓名": "张三", "检查日期": "2026-03-09", "结论": "职业禁忌症", "处理意见": "调离"}),
        (3, {"预约编号": 8, "姓名": "王五", "检查日期": "2026-03-20", "结论": "健康", "处理意见": ""}),
        (4, {"预约编号": 7, "姓名": "张三", "检查日期": "2026-03-09", "结论": "疑似职业病", "处理意见": "诊断"}),
    ]
    results, errors = check_results(rows, names, dt.date(2026, 3, 1), today)
    assert [r.appointment_id for r in results] == [7]
    assert {(e.row, e.column) for e in errors} == {
        (3, "姓名"),
        (3, "检查日期"),
        (3, "结论"),
        (3, "处理意见"),
        (4, "疑似职业病"),
    }
    assert check_header(["预约编号", "姓名"]) and not check_header(["预约编号", "姓名", "检查日期", "结论", "处理意见"])
