"""Issue 4 as an institution would do it: contract, survey, plan, sampling on a phone, lab
results, review, approval, issue; the PDF reads in Chinese, its QR opens the verification page
which accepts the copy and rejects one changed byte; a record cannot be changed after review."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def _contract(page: Page, base: str) -> str:
    page.click("a[data-nav='detection:project_list']")
    page.locator("#list-table tbody a", has_text="JC").last.click()  # the demo's issued project
    uscc = page.get_by_test_id("employer-uscc").inner_text().strip()
    page.goto(f"{base}/detection/new/")
    page.fill("#id_employer_uscc", uscc)
    page.fill("#id_contract_number", "HT-BROWSER-1")
    page.click("main form button[type=submit]")
    expect(page.get_by_test_id("status")).to_contain_text("已签订合同")
    return page.url


def _survey_and_plan(page: Page) -> None:
    page.get_by_test_id("survey-import").click()
    page.fill("#id_process_description", "原料准备、加工、包装")
    page.get_by_test_id("survey-done").click()
    expect(page.get_by_test_id("plan-missing")).to_be_visible()  # nothing is planned yet
    rows = page.get_by_test_id("plan-item")
    for index in range(rows.count()):
        row = page.get_by_test_id("plan-item").nth(index)
        kind = row.locator("select[name=sample_kind]")
        if row.locator("td").nth(1).inner_text().strip() == "噪声":
            kind.select_option("noise")
        if kind.input_value():
            row.locator("input[name=samples_planned]").fill("1")
            row.locator("input[name=method_standard]").fill("GBZ/T 300-2017")
        else:
            row.locator("input[name=justification]").fill("本次委托不含该项")
        row.get_by_test_id("plan-save").click()
    page.get_by_test_id("confirm-plan").click()
    expect(page.get_by_test_id("status")).to_contain_text("采样计划已确认")


def _sample_on_a_phone(page: Page) -> None:
    page.get_by_test_id("sampling-page").click()
    page.set_viewport_size(PHONE)
    options = page.locator("#id_plan_item option").all_inner_texts()
    planned = [o for o in options if o.strip() and o.strip() != "---------"]
    for text in planned:
        page.select_option("#id_plan_item", label=text)
        page.select_option("#id_equipment", label="个体采样泵 (HZ-PUMP-001)")
        page.fill("#id_location", "工位 1")
        page.fill("#id_flow_before_l_per_min", "2.0")
        page.get_by_test_id("start-sample").click()
        running = page.get_by_test_id("running-sample").first
        running.locator("input[name$=flow_after_l_per_min]").fill("2.01")
        running.get_by_test_id("finish-sample").click()
        expect(page.get_by_test_id("running-sample")).to_have_count(0)
    expect(page.get_by_test_id("done-sample")).to_have_count(len(planned))
    screenshot(page, "service1", "sampling-phone")
    page.set_viewport_size({"width": 1280, "height": 900})


def _lab_results(page: Page, base: str, project_url: str) -> None:
    page.goto(project_url)
    page.get_by_test_id("finish-sampling").click()
    page.get_by_test_id("results-page").click()
    count = page.get_by_test_id("result-row").count()
    for index in range(count):
        row = page.get_by_test_id("result-row").nth(index)
        if row.locator("td").nth(1).inner_text().startswith("噪声"):
            row.locator("input[name$=-value]").fill("88")
        else:
            row.locator("input[name$=-value]").fill("0.5")
            row.locator("input[name$=-mass_ug]").fill("120")
            row.locator("input[name$=-volume_l]").fill("240")
        row.get_by_test_id("save-result").click()
        expect(page.locator(".alert-success")).to_be_visible()
    page.goto(project_url)
    page.get_by_test_id("review").click()
    page.get_by_test_id("approve").click()  # the reviewer cannot also sign
    expect(page.locator(".alert-danger")).to_contain_text("授权签字人")
    page.context.clear_cookies()  # sign out: the institution's authorised signatory takes over
    log_in(page, base, "signer1")
    page.goto(project_url)
    for step in ("approve", "issue"):
        page.get_by_test_id(step).click()
        assert page.locator(".alert-danger").count() == 0, page.locator(".alert-danger").all_inner_texts()
    expect(page.get_by_test_id("status")).to_contain_text("报告已签发")
    expect(page.get_by_test_id("signatory")).to_contain_text("CMA-")  # the registration signer1 signed under
    expect(page.get_by_test_id("findings")).to_be_visible()
    screenshot(page, "service1", "issued-project")


def _check_pdf(page: Page, base: str, tmp_path: Path) -> None:
    pdf_url = page.get_by_test_id("report").get_attribute("href")
    content = page.request.get(f"{base}{pdf_url}").body()
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "工作场所职业病危害因素检测报告" in text and "结论" in text and "HT-BROWSER-1" in text
    assert "授权签字人" in text and "CMA-330100-DEMO-01" in text  # signer1's registration
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "p")], check=True)
    last = sorted(tmp_path.glob("p*.png"))[-1]
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(last)], capture_output=True, text=True, check=True).stdout
    page.goto(base + urlparse(decoded.strip()).path)
    expect(page.get_by_test_id("verdict")).to_be_visible()
    expect(page.get_by_test_id("doc-title")).to_contain_text("检测报告")
    page.set_input_files("input[type=file]", str(pdf))
    page.locator("main form button[type=submit]").last.click()
    expect(page.get_by_test_id("copy-verdict")).to_have_class(re.compile("alert-success"))
    changed = bytearray(content)
    changed[len(changed) // 2] ^= 0x01
    tampered = tmp_path / "changed.pdf"
    tampered.write_bytes(bytes(changed))
    page.set_input_files("input[type=file]", str(tampered))
    page.locator("main form button[type=submit]").last.click()
    expect(page.get_by_test_id("copy-verdict")).to_have_class(re.compile("alert-danger"))
    screenshot(page, "public", "verify-changed-copy")


def _edit_after_review_is_refused(page: Page, base: str, project_url: str) -> None:
    project_id = int(re.search(r"/detection/(\d+)/", project_url)[1])  # type: ignore[index]
    samples = page.request.get(f"{base}/api/v1/detection/projects/{project_id}/samples").json()
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    answer = page.request.patch(
        f"{base}/api/v1/detection/samples/{samples[0]['id']}",
        data={"location": "改动"},
        headers={"X-CSRFToken": csrf, "Referer": base + "/"},
    )
    assert answer.status == 400
    body = answer.json()
    assert body["code"] == "locked_after_review" and "status" in body["fields"]


def test_institution_runs_a_project_from_contract_to_verified_report(
    page: Page, platform_url: str, tmp_path: Path
) -> None:
    log_in(page, platform_url, "service1")
    project_url = _contract(page, platform_url)
    _survey_and_plan(page)
    _sample_on_a_phone(page)
    _lab_results(page, platform_url, project_url)
    _edit_after_review_is_refused(page, platform_url, project_url)
    _check_pdf(page, platform_url, tmp_path)
    assert page.console_errors == []  # type: ignore[attr-defined]
