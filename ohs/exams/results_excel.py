"""Results sheets: the template for a booking (its workers pre-filled), the error report, and
the dry run / import through ohs.exams.rules.results_sheet."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.excel import workbook_bytes
from ohs.exams.choices import AppointmentStatus, ImportStatus
from ohs.exams.models import Booking, ResultImport
from ohs.exams.rules.results_sheet import COLUMNS, SheetError, SheetResult, check_header, check_results
from ohs.exams.services.results import ResultData, record_result
from ohs.workers.roster_excel import read_sheet


def template_bytes(booking: Booking) -> bytes:
    open_ones = booking.appointments.filter(status__in=(AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN))
    rows = [
        [a.pk, a.worker.name, booking.exam_on.isoformat(), "", "", "", "", ""]
        for a in open_ones.select_related("worker")
    ]
    return workbook_bytes("体检结果", COLUMNS, rows)


def error_report_bytes(errors: list[dict[str, object]]) -> bytes:
    return workbook_bytes("错误报告", ("行号", "列", "问题"), [(e["row"], e["column"], e["message"]) for e in errors])


def _names(booking: Booking) -> dict[int, str]:
    open_ones = booking.appointments.filter(status__in=(AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN))
    return dict(open_ones.values_list("pk", "worker__name"))


def _check(booking: Booking, content: bytes, today: dt.date) -> tuple[list[SheetResult], list[SheetError]]:
    header, rows = read_sheet(content)
    header_errors = check_header(str(h) for h in header)
    if header_errors:
        return [], header_errors
    results, errors = check_results(rows, _names(booking), booking.exam_on, today)
    return results, errors


def check_upload(*, actor: Actor, booking: Booking, file_name: str, content: bytes, today: dt.date) -> ResultImport:
    """Dry run: every row checked, the file kept, no result written."""
    results, errors = _check(booking, content, today)
    return ResultImport.objects.create(
        institution_id=booking.institution_id,
        booking=booking,
        uploaded_by_label=actor.label,
        file_name=file_name[:200],
        content=content,
        row_count=len(results) + len({e.row for e in errors}),
        errors=[{"row": e.row, "column": e.column, "message": e.message} for e in errors],
        status=ImportStatus.HAS_ERRORS if errors else ImportStatus.READY,
    )


def import_results(*, actor: Actor, batch: ResultImport, today: dt.date) -> ResultImport:
    """Record every row's result in one transaction (checked again: the booking may have moved on)."""
    if batch.status != ImportStatus.READY:
        raise DomainError(ErrorCode.CONFLICT, "only a checked sheet without errors can be imported", field="status")
    results, errors = _check(batch.booking, bytes(batch.content), today)
    if errors:
        raise DomainError(ErrorCode.CONFLICT, "the sheet no longer matches the booking; upload it again", field="file")
    appointments = {a.pk: a for a in batch.booking.appointments.select_related("booking", "worker")}
    with transaction.atomic():
        for row in results:
            data = ResultData(
                examined_on=row.examined_on,
                conclusion=row.conclusion.value,
                advice=row.advice,
                findings=row.findings,
                suspected_disease=row.suspected_disease,
                recheck_on=row.recheck_on,
            )
            record_result(actor=actor, appointment=appointments[row.appointment_id], data=data, today=today)
        batch.status, batch.imported_count = ImportStatus.IMPORTED, len(results)
        batch.save(update_fields=["status", "imported_count"])
    return batch
