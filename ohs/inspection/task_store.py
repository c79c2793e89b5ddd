"""Writing a draw's tasks and their inspectors in bulk.

A provincial draw writes tens of thousands of tasks. On PostgreSQL they go in by ``COPY`` (the
reasons as JSON text): Django's ``bulk_create`` packs each column into an array, and escaping the
reasons into array literals cost more than the draw itself. Elsewhere ``bulk_create`` serves.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from django.db import connection

from ohs.inspection.models import InspectionPlan, InspectionTask
from ohs.inspection.rules.draw import DrawnTask

_Links = InspectionTask.inspectors.through


def write_tasks(plan: InspectionPlan, drawn: Sequence[DrawnTask], inspector_pks: Mapping[str, int]) -> int:
    """Create one task per drawn entity with its inspectors (caller holds the transaction)."""
    if connection.vendor != "postgresql":
        return _write_with_orm(plan, drawn, inspector_pks)
    task_table, link_table = InspectionTask._meta.db_table, _Links._meta.db_table
    with connection.cursor() as cursor:
        copy = f"COPY {task_table} (plan_id, employer_id, county_id, risk_class, reasons) FROM STDIN"
        with cursor.copy(copy) as rows:
            for t in drawn:
                reasons = json.dumps(list(t.reasons), ensure_ascii=False)
                rows.write_row((plan.pk, int(t.entity_id), t.region, t.risk_class.label, reasons))
        cursor.execute(f"SELECT employer_id, id FROM {task_table} WHERE plan_id = %s", [plan.pk])  # noqa: S608
        task_of = dict(cursor.fetchall())
        with cursor.copy(f"COPY {link_table} (inspectiontask_id, inspector_id) FROM STDIN") as rows:
            for t in drawn:
                for inspector_id in t.inspector_ids:
                    rows.write_row((task_of[int(t.entity_id)], inspector_pks[inspector_id]))
    return len(drawn)


def _write_with_orm(plan: InspectionPlan, drawn: Sequence[DrawnTask], inspector_pks: Mapping[str, int]) -> int:
    tasks = InspectionTask.objects.bulk_create(
        [
            InspectionTask(
                plan=plan,
                employer_id=int(t.entity_id),
                county_id=t.region,
                risk_class=t.risk_class.label,
                reasons=list(t.reasons),
            )
            for t in drawn
        ],
        batch_size=1000,
    )
    links = [
        _Links(inspectiontask_id=task.pk, inspector_id=inspector_pks[inspector_id])
        for task, t in zip(tasks, drawn, strict=True)
        for inspector_id in t.inspector_ids
    ]
    _Links.objects.bulk_create(links, batch_size=1000)
    return len(tasks)
