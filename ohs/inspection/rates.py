"""Completion and item-coverage rates of a plan, counted from the inspection records (rules/rates.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.db.models import F
from django.utils import timezone

from ohs.inspection.choices import PlanLevel
from ohs.inspection.models import Inspection, InspectionPlan
from ohs.inspection.rules.rates import (
    NATIONAL_COMPLETION_TARGET_2023,
    PROVINCIAL_ITEM_COVERAGE_TARGET_2023,
    Rate,
    RateTarget,
    TaskRecord,
    completion_rate,
    item_coverage_rate,
)


def coverage_target(plan: InspectionPlan) -> RateTarget:
    """≥ 50 % of the plan's items by the end of July of the plan's year (2023 indicator, yearly)."""
    deadline = PROVINCIAL_ITEM_COVERAGE_TARGET_2023.deadline_on
    assert deadline is not None
    return replace(PROVINCIAL_ITEM_COVERAGE_TARGET_2023, deadline_on=deadline.replace(year=plan.period_start.year))


def completion_target(plan: InspectionPlan) -> RateTarget:
    return NATIONAL_COMPLETION_TARGET_2023


def task_records(plan: InspectionPlan) -> list[TaskRecord]:
    """A task is complete once its inspection's result is entered (every item has a finding)."""
    done = {i.task_id: i for i in Inspection.objects.filter(task__plan=plan).only("task_id", "items", "completed_on")}
    records = []
    for task_id in plan.tasks.values_list("pk", flat=True):
        inspection = done.get(task_id)
        records.append(
            TaskRecord(
                str(task_id),
                frozenset(inspection.items) if inspection else frozenset(),
                inspection.completed_on if inspection else None,
            )
        )
    return records


def plan_rates(plan: InspectionPlan, today: dt.date | None = None) -> dict[str, Rate]:
    day = today or timezone.localdate()
    records = task_records(plan)
    rates = {"completion": completion_rate(records, target=completion_target(plan), today=day)}
    if plan.level != PlanLevel.NATIONAL:
        rates["item_coverage"] = item_coverage_rate(plan.items, records, target=coverage_target(plan), today=day)
    return rates


def publication_counts(plan: InspectionPlan, today: dt.date | None = None) -> tuple[int, int, int]:
    """Results entered, published by their due date, and overdue unpublished (谁检查、谁录入、谁公开)."""
    day = today or timezone.localdate()
    entered = Inspection.objects.filter(task__plan=plan, completed_on__isnull=False)
    on_time = entered.filter(published_on__isnull=False, published_on__lte=F("publish_due_on")).count()
    overdue = entered.filter(published_on__isnull=True, publish_due_on__lt=day).count()
    return entered.count(), on_time, overdue
