"""Importing a laboratory's results from Excel, with a dry run (pattern of workers/roster_excel.py).

Each row goes through the same service as a single result (``record_result``), inside a savepoint;
a dry run, or any row in error, rolls the whole file back, so nothing is half-written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.excel import workbook_bytes
from ohs.detection.models import Project, Sample
from ohs.detection.services import ResultData, record_result
from ohs.workers.roster_excel import read_sheet

COLUMNS = ("样品编号", "测定结果", "采样质量(μg)", "标准采样体积(L)", "检出限")
_FIELDS = {"测定结果": "value", "采样质量(μg)": "mass_ug", "标准采样体积(L)": "volume_l", "检出限": "lod"}
MAX_RESULT_ROWS = 5_000  # one project's samples


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    written: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.problems


def template_bytes(project: Project) -> bytes:
    """The project's collected samples, ready for the lab to fill in."""
    codes = project.samples.order_by("code").values_list("code", flat=True)
    return workbook_bytes("检测结果", COLUMNS, [[code, None, None, None, None] for code in codes])


def _decimal(raw: object, column: str, row: int) -> Decimal | None:
    if raw is None or str(raw).strip() == "":
        return None
    try:
        return Decimal(str(raw).strip())
    except InvalidOperation as exc:
        raise DomainError(ErrorCode.INVALID, _("row %(row)s: not a number") % {"row": row}, field=column) from exc


def _row_data(number: int, row: dict[str, object]) -> ResultData:
    values = {name: _decimal(row.get(column), column, number) for column, name in _FIELDS.items()}
    if values["value"] is None:
        raise DomainError(ErrorCode.INVALID, _("enter the result"), field="测定结果")
    return ResultData(**values)  # type: ignore[arg-type]


def _column_of(error: DomainError) -> str:
    names = {v: k for k, v in _FIELDS.items()} | {"concentration_mg_per_m3": "测定结果"}
    name = next(iter(error.fields), "")
    return names.get(name, name or "样品编号")


def import_results(*, actor: Actor, project: Project, content: bytes, commit: bool) -> ImportReport:
    """Check every row as the service would; write them only when ``commit`` and no row fails."""
    header, rows = read_sheet(content)
    missing = [c for c in ("样品编号", "测定结果") if c not in header]
    if missing:
        raise DomainError(
            ErrorCode.INVALID, _("missing columns: %(columns)s") % {"columns": "、".join(missing)}, field="file"
        )
    if len(rows) > MAX_RESULT_ROWS:
        raise DomainError(
            ErrorCode.INVALID, _("at most %(rows)s rows per file") % {"rows": MAX_RESULT_ROWS}, field="file"
        )
    samples = {s.code: s for s in Sample.objects.filter(project=project).select_related("project", "plan_item")}
    report = ImportReport(rows=len(rows))
    with transaction.atomic():
        for number, row in rows:
            sample = samples.get(str(row.get("样品编号") or "").strip())
            if sample is None:
                report.problems.append(RowProblem(number, "样品编号", _("no sample of this project has this number")))
                continue
            try:
                with transaction.atomic():
                    record_result(actor=actor, sample=sample, data=_row_data(number, row))
                    report.written += 1
            except DomainError as error:
                report.problems.append(RowProblem(number, _column_of(error), error.message))
        if not commit or report.problems:
            transaction.set_rollback(True)
            report.written = 0
    return report
