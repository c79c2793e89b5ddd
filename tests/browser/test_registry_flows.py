"""Issue 3 as a user would do it: find an employer by pinyin initials and open its file; import
a roster with mistakes; a worker opens their own file."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ohs.core.excel import workbook_bytes
from ohs.core.text import pinyin_initials
from ohs.demo.rules.identities import make_id_number
from ohs.workers.rules.roster import COLUMNS
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_inspector_finds_employer_by_initials_and_opens_its_file(page: Page, platform_url: str) -> None:
    log_in(page, platform_url, "sc_inspector")
    page.click("a[data-nav='registry:employer_list']")
    first_name = page.locator("#list-table tbody tr a").first.inner_text()
    page.fill("#list-q", pinyin_initials(first_name)[:6])
    expect(page.locator("#list-table tbody")).to_contain_text(first_name)
    page.locator("#list-table tbody a", has_text=first_name).first.click()
    page.get_by_test_id("enterprise-file").click()
    expect(page.locator("[data-section='declarations']")).to_be_visible()
    expect(page.locator("[data-section='staff']")).to_contain_text(re.compile(r"\d"))
    screenshot(page, "sc_inspector", "enterprise-file")


def test_employer_imports_roster_and_sees_each_mistake(page: Page, platform_url: str, tmp_path: Path) -> None:
    """The issue's case: 1,000 rows, 7 of them wrong; exactly those 7 are shown, nothing is written."""
    rng = random.Random(5)
    numbers: list[str] = []
    while len(numbers) < 1000:
        number = make_id_number(rng, "330102", (dt.date(1970, 1, 1), dt.date(2000, 1, 1)), rng.choice("MF"))
        if number not in numbers:
            numbers.append(number)
    rows: list[list[object]] = [[f"新员工{i}", n, "", "2025-06-01", ""] for i, n in enumerate(numbers)]
    rows[4][1] = "330102199003070132"  # wrong check digit
    rows[9][3] = "2099-01-01"  # in the future
    rows[100][0] = ""  # no name
    rows[200][3] = "2025-02-30"  # no such day
    rows[300][4] = "1380000"  # phone too short
    rows[400][2] = "不存在的岗位"  # unknown post
    rows[500][1] = rows[501][1]  # the same person twice: reported on the later row
    sheet = tmp_path / "roster.xlsx"
    sheet.write_bytes(workbook_bytes("花名册", COLUMNS, rows))
    log_in(page, platform_url, "employer1")
    page.click("a[data-nav='workers:roster_upload']")
    page.set_input_files("input[type=file]", str(sheet))
    page.get_by_test_id("check-roster").click()
    expect(page.get_by_test_id("import-status")).to_contain_text("7")
    expect(page.get_by_test_id("row-error")).to_have_count(7)
    expect(page.get_by_test_id("commit")).to_have_count(0)  # nothing can be imported yet
    screenshot(page, "employer1", "roster-errors")


def test_worker_sees_only_their_own_file(page: Page, platform_url: str) -> None:
    log_in(page, platform_url, "worker1")
    page.click("a[data-nav='workers:my_file']")
    expect(page.locator("[data-section='employment']")).to_be_visible()
    own = page.url
    other = int(re.search(r"/workers/(\d+)/file/", own)[1]) + 1  # type: ignore[index]
    response = page.goto(f"{platform_url}/workers/{other}/file/")
    assert response is not None and response.status == 404
    screenshot(page, "worker1", "own-file")
