"""A 1,000-row roster with 7 bad rows: exactly those 7 are reported and nothing is written
until the sheet is clean; then everything is imported at once."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from openpyxl import load_workbook

from ohs.core.excel import workbook_bytes
from ohs.demo.rules.identities import make_id_number
from ohs.registry.services import PostData, add_post, add_workplace
from ohs.testing.personas import WORKER_A_ID, World
from ohs.workers.models import Employment, ImportStatus, RosterImport, Worker
from ohs.workers.rules.roster import COLUMNS

BORN = (dt.date(1970, 1, 1), dt.date(2000, 12, 31))
TODAY = dt.date(2026, 11, 20)


def _rows(n: int) -> list[list[object]]:
    rng = random.Random(42)
    numbers: set[str] = set()
    while len(numbers) < n:
        numbers.add(make_id_number(rng, "330102", BORN, rng.choice("MF")))
    return [
        [f"工人{i}", number, "一车间/电焊工", "2024-03-01", f"138{i:08d}"] for i, number in enumerate(sorted(numbers))
    ]


BAD = {  # row index in the data (0-based) → (column, bad value, words expected in the reason)
    3: (1, "330102199003070132", "校验位"),
    100: (1, None, "不能为空"),
    250: (2, "不存在的岗位", "没有岗位"),
    400: (3, "2024-13-45", "无法识别"),
    555: (3, "2099-01-01", "晚于今天"),
    700: (4, "12345", "11位"),
    999: (0, "", "姓名不能为空"),
}


def _sheet(rows: list[list[object]]) -> bytes:
    return workbook_bytes("花名册", COLUMNS, rows)


@pytest.fixture
def post(world: World) -> int:
    actor = world.actor("mgr_a")
    workplace = add_workplace(actor=actor, employer=world.employers["A"], name="一车间")
    return add_post(actor=actor, employer=world.employers["A"], data=PostData(workplace.pk, "电焊工")).pk


def _upload(world: World, content: bytes) -> RosterImport:
    client = world.client("mgr_a")
    response = client.post("/workers/import/", {"employer": world.employers["A"].pk, "file": io.BytesIO(content)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return RosterImport.objects.latest("pk")


def test_thousand_rows_with_seven_errors_reports_exactly_those(world: World, post: int) -> None:
    rows = _rows(1000)
    for index, (column, value, _) in BAD.items():
        rows[index][column] = value
    workers_before, employments_before = Worker.objects.count(), Employment.objects.count()
    batch = _upload(world, _sheet(rows))
    assert batch.status == ImportStatus.HAS_ERRORS
    reported = {(e["row"], e["column"]): e["message"] for e in batch.errors}
    expected = {(index + 2, COLUMNS[column]): words for index, (column, _v, words) in BAD.items()}
    assert set(reported) == set(expected) and batch.error_count == 7
    for key, words in expected.items():
        assert words in reported[key], (key, reported[key])
    assert (Worker.objects.count(), Employment.objects.count()) == (workers_before, employments_before)
    page = world.client("mgr_a").get(f"/workers/import/{batch.pk}/").content.decode()
    assert page.count('data-testid="row-error"') == 7
    report = world.client("mgr_a").get(f"/workers/import/{batch.pk}/errors.xlsx")
    lines = list(load_workbook(io.BytesIO(report.content)).active.iter_rows(values_only=True))
    assert len(lines) == 8 and lines[0] == ("行号", "列", "问题")
    assert world.client("mgr_a").post(f"/workers/import/{batch.pk}/commit/").status_code == 302
    assert Worker.objects.count() == workers_before  # refused: it has errors


def test_clean_roster_imports_every_row_in_one_go(world: World, post: int) -> None:
    batch = _upload(world, _sheet(_rows(1000)))
    assert batch.status == ImportStatus.READY and batch.errors == []
    world.client("mgr_a").post(f"/workers/import/{batch.pk}/commit/")
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED and batch.hired_count == 1000
    employer = world.employers["A"]
    assert Employment.objects.current().filter(employer=employer, post_id=post).count() == 1000
    assert Worker.objects.filter(current_employer=employer).count() == 1000 + 1  # plus worker_a


def test_duplicate_rows_and_already_employed_worker(world: World, post: int) -> None:
    rows = _rows(3)
    rows.append(list(rows[0]))  # the same person twice
    rows.append(["张三", WORKER_A_ID, "", "2020-01-01", ""])  # already works here (persona)
    batch = _upload(world, _sheet(rows))
    messages = {e["row"]: e["message"] for e in batch.errors}
    assert "与第2行" in messages[5] and "已在本单位在职" in messages[6]


def test_under_sixteen_at_start_is_refused(world: World, post: int) -> None:
    minor = make_id_number(random.Random(1), "330102", (dt.date(2012, 1, 1), dt.date(2012, 1, 1)), "M")
    rows: list[list[object]] = [["少年", minor, "", "2026-01-05", ""]]
    batch = _upload(world, _sheet(rows))
    assert "未满16周岁" in batch.errors[0]["message"]


def test_not_an_excel_file_is_a_clear_error(world: World) -> None:
    response = world.client("mgr_a").post(
        "/workers/import/", {"employer": world.employers["A"].pk, "file": io.BytesIO(b"hello")}
    )
    assert 'data-field-error="file"' in response.content.decode()


def test_other_employer_cannot_open_my_import(world: World, post: int) -> None:
    batch = _upload(world, _sheet(_rows(2)))
    assert world.client("mgr_b").get(f"/workers/import/{batch.pk}/").status_code == 404
    assert world.client("mgr_b").post(f"/workers/import/{batch.pk}/commit/").status_code == 404
