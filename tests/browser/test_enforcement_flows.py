"""Issue 8 as a new user would try it on the demo province: an inspector opens the case an
inspection started, sees its action code, cannot notice a fine before the correction deadline,
records evidence; the public page of the code shows the stage; the entity sees its codes and
its 不予处罚 with the signed commitment; the city's review campaign flags the late decision."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_inspector_works_a_case_from_the_inspection_code(page: Page, platform_url: str) -> None:
    log_in(page, platform_url, "sc_inspector")
    page.click("a[data-nav='enforcement:case_list']")
    page.select_option("select[name=status]", "investigating")
    page.wait_for_timeout(500)
    page.locator("#list-table tbody a").first.click()
    code = page.get_by_test_id("action-code").inner_text()
    assert re.fullmatch(r"330102-\d{4}-JC-[A-Z2-7]{16}-[0-9A-Z]", code)
    expect(page.get_by_test_id("correction-deadline")).to_be_visible()
    page.get_by_test_id("step-propose").click()
    expect(page.get_by_test_id("proposal")).to_contain_text("zj-health-2024-11-30")
    page.fill("#id_notice-fine_yuan", "110000")
    page.get_by_test_id("step-notice").click()
    expect(page.locator(".alert-danger")).to_contain_text("尚未届满")
    expect(page.get_by_test_id("case-status")).to_have_text("已立案，调查取证")
    page.select_option("#id_evidence-kind", "inquiry_record")
    page.fill("#id_evidence-title", "询问笔录（车间主任）")
    page.get_by_test_id("step-evidence").click()
    expect(page.get_by_test_id("evidence")).to_contain_text("询问笔录（车间主任）")
    screenshot(page, "sc_inspector", "case-detail")
    page.get_by_test_id("public-code-link").click()
    expect(page.get_by_test_id("stage")).to_have_text("处罚（立案调查）")
    expect(page.get_by_test_id("officers")).to_contain_text("ZJ33010200017")
    screenshot(page, "sc_inspector", "public-code")
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_entity_sees_its_codes_and_the_no_penalty_outcome(page: Page, platform_url: str) -> None:
    log_in(page, platform_url, "employer1")
    page.click("a[data-nav='enforcement:code_list']")
    expect(page.locator("#list-table tbody tr")).to_have_count(2)
    page.click("a[data-nav='enforcement:case_list']")
    page.select_option("select[name=status]", "not_punished")
    page.wait_for_timeout(500)
    page.locator("#list-table tbody a").first.click()
    expect(page.get_by_test_id("case-status")).to_have_text("不予处罚（初次轻微违法）")
    expect(page.get_by_test_id("commitment-signed")).to_be_visible()
    expect(page.get_by_test_id("documents")).to_contain_text("不予行政处罚决定书")
    screenshot(page, "employer1", "no-penalty")


def test_city_review_campaign_flags_the_late_decision(page: Page, platform_url: str) -> None:
    log_in(page, platform_url, "hz_regulator")
    page.click("a[data-nav='enforcement:campaign_list']")
    page.locator("#list-table tbody a").first.click()
    expect(page.locator("[data-item='PROC_DECISION_LATE']")).to_have_count(1)
    expect(page.get_by_test_id("results")).to_contain_text("上城区")
    screenshot(page, "hz_regulator", "review-campaign")
