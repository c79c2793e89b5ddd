"""The pages of the main flow, end to end through the test client: the employer finds its overdue
worker and books them, the institution checks in and records a suspected case, and the follow-ups
show to the worker, the employer and the county regulator."""

from __future__ import annotations

import io

from django.utils import timezone
from openpyxl import Workbook

from ohs.exams.models import Booking, ExamResult
from ohs.exams.tests.conftest import PLACES, ExamWorld, publish
from ohs.testing.queries import query_budget


def _book_via_pages(ew: ExamWorld) -> Booking:
    # Booked for today, so the institution can record the result on the exam day.
    ew.exam_on = timezone.localdate()
    publish(ew.institution, ew.site, ew.exam_on, PLACES)
    manager = ew.client("mgr_a")
    due = manager.get("/exams/due/")
    assert due.status_code == 200 and "张三" in due.content.decode()
    worker = str(ew.workers["worker_a"].pk)
    choose = manager.get("/exams/book/", {"worker": worker, "category": "pre"})
    assert ew.institution.organisation.name in choose.content.decode()
    page = manager.get("/exams/book/", {"worker": worker, "category": "pre", "institution": str(ew.institution.pk)})
    assert ew.exam_on.isoformat() in page.content.decode()
    response = manager.post(
        "/exams/book/",
        {
            "worker": worker,
            "category": "pre",
            "institution": ew.institution.pk,
            "site": ew.site.pk,
            "exam_on": ew.exam_on.isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Booking.objects.get()


def test_employer_books_institution_records_suspected_case_follow_ups_show(exam_world: ExamWorld) -> None:
    booking = _book_via_pages(exam_world)
    staff = exam_world.client("exam_staff")
    appointment = booking.appointments.get()
    assert staff.post(f"/exams/appointments/{appointment.pk}/check-in/").status_code == 302
    response = staff.post(
        f"/exams/appointments/{appointment.pk}/result/",
        {
            "examined_on": exam_world.exam_on.isoformat(),
            "conclusion": "suspected_disease",
            "suspected_disease": "职业性苯中毒",
            "items": "血常规：白细胞 3.1×10^9/L !\n胸片：未见异常",
            "advice": "建议到职业病诊断机构诊断",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    result = ExamResult.objects.get()
    assert result.items[0]["abnormal"] is True
    assert staff.post(f"/exams/bookings/{booking.pk}/report/").status_code == 302
    assert staff.get(f"/exams/bookings/{booking.pk}/report.pdf").status_code == 200
    worker_file = exam_world.client("worker_a").get(f"/workers/{exam_world.workers['worker_a'].pk}/file/")
    assert "疑似职业病" in worker_file.content.decode()
    assert "职业性苯中毒" in exam_world.client("mgr_a").get("/exams/notices/").content.decode()
    regulator = exam_world.client("sc_inspector").get("/exams/coverage/")
    assert "职业性苯中毒" in regulator.content.decode()
    assert "职业性苯中毒" not in exam_world.client("hs_inspector").get("/exams/coverage/").content.decode()


def test_booking_past_capacity_shows_the_reason_on_the_field(exam_world: ExamWorld) -> None:
    from ohs.exams.models import CapacityDay

    CapacityDay.objects.update(booked=10)
    manager = exam_world.client("mgr_a")
    response = manager.post(
        "/exams/book/",
        {
            "worker": exam_world.workers["worker_a"].pk,
            "category": "pre",
            "institution": exam_world.institution.pk,
            "site": exam_world.site.pk,
            "exam_on": exam_world.exam_on.isoformat(),
        },
    )
    assert response.status_code == 200 and not Booking.objects.exists()
    assert "not enough places" in response.content.decode() or "名额" in response.content.decode()


def test_contraindication_confirmed_by_employer_on_its_page(exam_world: ExamWorld) -> None:
    booking = _book_via_pages(exam_world)
    appointment = booking.appointments.get()
    exam_world.client("exam_staff").post(
        f"/exams/appointments/{appointment.pk}/result/",
        {"examined_on": exam_world.exam_on.isoformat(), "conclusion": "contraindication", "advice": "调离苯作业岗位"},
    )
    follow_up = ExamResult.objects.get().follow_ups.get(action="confirm_post_change")
    manager = exam_world.client("mgr_a")
    assert "confirm-move" in manager.get(f"/exams/follow-ups/{follow_up.pk}/").content.decode()
    manager.post(f"/exams/follow-ups/{follow_up.pk}/confirm/", {"note": "调至包装岗"})
    follow_up.refresh_from_db()
    assert follow_up.status == "done"


def test_results_upload_dry_run_then_import(exam_world: ExamWorld) -> None:
    booking = _book_via_pages(exam_world)
    appointment = booking.appointments.get()
    staff = exam_world.client("exam_staff")
    book = Workbook()
    sheet = book.active
    sheet.append(["预约编号", "姓名", "检查日期", "结论", "处理意见", "检查所见", "疑似职业病", "复查日期"])
    sheet.append([appointment.pk, "张三", exam_world.exam_on.isoformat(), "职业禁忌症", "调离", "", "", ""])
    sheet.append([999999, "王五", exam_world.exam_on.isoformat(), "健康", "", "", "", ""])
    content = io.BytesIO()
    book.save(content)
    content.seek(0)
    content.name = "results.xlsx"
    response = staff.post(f"/exams/bookings/{booking.pk}/results/upload/", {"file": content})
    assert response.status_code == 302
    page = staff.get(response["Location"]).content.decode()
    assert page.count('data-testid="row-error"') == 3 and not ExamResult.objects.exists(), page[-3000:]
    book = Workbook()
    sheet = book.active
    sheet.append(["预约编号", "姓名", "检查日期", "结论", "处理意见"])
    sheet.append([appointment.pk, "张三", exam_world.exam_on.isoformat(), "职业禁忌症", "调离"])
    content = io.BytesIO()
    book.save(content)
    content.seek(0)
    content.name = "results.xlsx"
    response = staff.post(f"/exams/bookings/{booking.pk}/results/upload/", {"file": content})
    staff.post(response["Location"] + "commit/")
    assert ExamResult.objects.get().conclusion == "contraindication"


def test_list_pages_keep_their_query_budget(exam_world: ExamWorld) -> None:
    _book_via_pages(exam_world)
    for persona, url, budget in (
        ("mgr_a", "/exams/bookings/", 12),
        ("exam_staff", "/exams/bookings/", 12),
        ("sc_inspector", "/exams/results/", 12),
        ("mgr_a", "/exams/follow-ups/", 12),
        ("mgr_a", "/exams/due/", 16),
        ("sc_inspector", "/exams/coverage/", 20),
        ("prov_regulator", "/exams/institutions/", 12),
    ):
        client = exam_world.client(persona)
        with query_budget(budget):
            assert client.get(url).status_code == 200, (persona, url)
