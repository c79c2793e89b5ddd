"""Reading a roster sheet and writing its template and error report (openpyxl)."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ohs.core.errors import DomainError, ErrorCode
from ohs.core.excel import workbook_bytes
from ohs.workers.rules.roster import COLUMNS, RowError

MAX_ROWS = 20_000  # one employer's roster; a province-wide load goes through make_province or the API


def read_sheet(content: bytes) -> tuple[list[object], list[tuple[int, dict[str, object]]]]:
    """The header and the non-empty data rows (with their sheet row numbers) of the first sheet."""
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DomainError(ErrorCode.INVALID, "the file is not an Excel workbook (.xlsx)", field="file") from exc
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    data = list(_data_rows(header, rows))
    if len(data) > MAX_ROWS:
        raise DomainError(ErrorCode.INVALID, f"at most {MAX_ROWS} rows per file", field="file")
    return list(header), data


def _data_rows(header: list[str], rows: Iterator[tuple[object, ...]]) -> Iterator[tuple[int, dict[str, object]]]:
    for number, values in enumerate(rows, start=2):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        yield number, {name: value for name, value in zip(header, values, strict=False) if name}


def template_bytes() -> bytes:
    """An empty roster with the expected columns and one example row."""
    example = ["张三", "330102199003070131", "一车间/电焊工", "2024-03-01", "13800000000"]
    return workbook_bytes("花名册", COLUMNS, [example])


def error_report_bytes(errors: Sequence[RowError]) -> bytes:
    """One line per problem: row, column, reason."""
    return workbook_bytes("错误报告", ("行号", "列", "问题"), [(e.row, e.column, e.message) for e in errors])
