"""Who is due for which exam: workers × the hazards declared at their posts × their exam history,
run through the GBZ 188 schedule (ohs.exams.rules.protocol). Batched: a few queries for any
number of employers, then pure computation per worker."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ohs.exams import policy
from ohs.exams.choices import AppointmentStatus, category_for_exam_type
from ohs.exams.models import Appointment, ExamResult
from ohs.exams.rules.conclusions import Conclusion
from ohs.exams.rules.editions import EditionChoice, choose_edition
from ohs.exams.rules.hazard_names import reference_hazard_for
from ohs.exams.rules.protocol import compute_schedule
from ohs.exams.rules.protocol_types import (
    DataGap,
    DueExam,
    EmploymentEvent,
    EventKind,
    ExamRecord,
    ExamType,
    HazardExposure,
    WorkerSurveillance,
)
from ohs.exams.rules.provenance import Edition
from ohs.registry.choices import DeclarationStatus
from ohs.registry.models import Declaration, DeclarationItem
from ohs.workers.models import Employment, Worker


@dataclass(frozen=True)
class HazardAtPost:
    name: str  # as the catalogue names it
    category: str  # the catalogue's hazard category (dust, chemical, physical ...)
    reference_name: str | None  # the GBZ 188 row, None when the reference has none


@dataclass
class WorkerDue:
    worker: Worker
    employment: Employment
    hazards: list[HazardAtPost]
    due: tuple[DueExam, ...] = ()
    gaps: tuple[DataGap, ...] = ()
    edition: EditionChoice | None = None
    booked_categories: set[str] = field(default_factory=set)
    examined_hazards: set[str] = field(default_factory=set)

    @property
    def overdue(self) -> list[DueExam]:
        return [d for d in self.due if d.is_overdue]

    @property
    def next_due(self) -> DueExam | None:
        return self.due[0] if self.due else None

    def categories_for(self, due: DueExam) -> list[str]:
        """Hazard categories an exam covers (one place per category at the institution)."""
        names = set(due.hazards)
        return sorted({h.category for h in self.hazards if h.reference_name in names})

    def is_booked(self, due: DueExam) -> bool:
        return str(category_for_exam_type(due.exam_type)) in self.booked_categories


def edition_for(on: dt.date) -> EditionChoice:
    with_data = [e for e in Edition if not policy.rule_set(e).is_edition_data_missing]
    return choose_edition(on, policy.EDITION_IN_FORCE_FROM, with_data)


def _declared_items(employer_ids: Sequence[int]) -> dict[int, dict[int, list[DeclarationItem]]]:
    """employer → post → hazards of the declaration in force (the latest accepted one)."""
    latest: dict[int, int] = {}
    accepted = Declaration.objects.filter(employer_id__in=employer_ids, status=DeclarationStatus.ACCEPTED)
    for pk, employer_id in accepted.order_by("employer_id", "decided_at", "pk").values_list("pk", "employer_id"):
        latest[employer_id] = pk
    result: dict[int, dict[int, list[DeclarationItem]]] = defaultdict(lambda: defaultdict(list))
    items = DeclarationItem.objects.filter(declaration_id__in=latest.values()).select_related("agent", "declaration")
    for item in items:
        result[item.declaration.employer_id][item.post_id].append(item)
    return result


def _record(result: ExamResult, reference_names: dict[str, str | None]) -> ExamRecord:
    hazards = frozenset(n for h in result.hazards if (n := reference_names.get(h) or h))
    return ExamRecord(result.examined_on, ExamType(result.exam_category), hazards, Conclusion(result.conclusion))


def _surveillance(entry: WorkerDue, results: Iterable[ExamResult]) -> WorkerSurveillance:
    names = {h.name: h.reference_name for h in entry.hazards}
    exposures = tuple(
        HazardExposure(hazard=n) for n in dict.fromkeys(h.reference_name or h.name for h in entry.hazards)
    )
    employment = entry.employment
    events = [EmploymentEvent(EventKind.START_ON_POST, employment.started_on)]
    if employment.ended_on is not None:
        events.append(EmploymentEvent(EventKind.LEAVE_POST, employment.ended_on))
    # Only exams of this employment count (a pre-employment exam elsewhere does not, GBZ 188 5.1).
    records = tuple(_record(r, names) for r in results if r.examined_on >= employment.started_on)
    return WorkerSurveillance(exposures=exposures, events=tuple(events), exams=records)


def _with_recheck_dates(due: tuple[DueExam, ...], results: list[ExamResult], today: dt.date) -> tuple[DueExam, ...]:
    """A recheck is due on the date the institution named on the result (the schedule's interval
    is only the default when it named none)."""
    named = next((r.recheck_on for r in reversed(results) if r.conclusion == Conclusion.RECHECK), None)
    if named is None:
        return due
    reason = f"体检机构指定复查日期{named.isoformat()}"
    return tuple(
        replace(d, due_on=named, is_overdue=today > named, reasons=(*d.reasons, reason)) if d.is_recheck else d
        for d in due
    )


def due_for_employers(employer_ids: Sequence[int], today: dt.date) -> dict[int, list[WorkerDue]]:
    """Per employer, its workers on hazard posts (current, or left within the exit window) and what is due."""
    edition = edition_for(today)
    rules = policy.rule_set(edition.applied)
    row_names = [r.hazard for r in rules.rules]
    left_since = today - dt.timedelta(days=policy.EXIT_EXAM_WINDOW_DAYS)
    employments = (
        Employment.objects.filter(employer_id__in=employer_ids, post__isnull=False)
        .exclude(ended_on__lt=left_since)
        .select_related("worker", "post__workplace")
        .order_by("employer_id", "worker__name", "pk")
    )
    declared = _declared_items(employer_ids)
    entries: list[WorkerDue] = []
    for employment in employments:
        items = declared.get(employment.employer_id, {}).get(employment.post_id or 0, [])
        if not items:
            continue
        hazards = [
            HazardAtPost(i.agent.name_zh, i.agent.category, reference_hazard_for(i.agent.name_zh, row_names))
            for i in items
        ]
        entries.append(WorkerDue(employment.worker, employment, hazards, edition=edition))
    worker_ids = [e.worker.pk for e in entries]
    results: dict[int, list[ExamResult]] = defaultdict(list)
    for result in ExamResult.objects.filter(worker_id__in=worker_ids).order_by("examined_on", "pk"):
        results[result.worker_id].append(result)
    booked: dict[int, set[str]] = defaultdict(set)
    open_states = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)
    pending = Appointment.objects.filter(worker_id__in=worker_ids, status__in=open_states)
    for worker_id, category in pending.values_list("worker_id", "booking__exam_category"):
        booked[worker_id].add(category)
    config = policy.schedule_config()
    by_employer: dict[int, list[WorkerDue]] = defaultdict(list)
    for entry in entries:
        mine = results.get(entry.worker.pk, [])
        schedule = compute_schedule(_surveillance(entry, mine), rules, config, today)
        entry.due, entry.gaps = _with_recheck_dates(schedule.due, mine, today), schedule.gaps
        entry.booked_categories = booked.get(entry.worker.pk, set())
        entry.examined_hazards = {h for r in mine for h in r.hazards}
        by_employer[entry.employment.employer_id].append(entry)
    return dict(by_employer)


def due_for_employer(employer_id: int, today: dt.date) -> list[WorkerDue]:
    return due_for_employers([employer_id], today).get(employer_id, [])


@dataclass
class CoverageRow:
    post: str
    hazard: str
    workers: int = 0
    done: int = 0
    due: int = 0
    overdue: int = 0


def coverage(entries: Iterable[WorkerDue]) -> list[CoverageRow]:
    """Per post and hazard: workers examined and not overdue (done), not yet examined but not
    overdue (due), and overdue."""
    rows: dict[tuple[str, str], CoverageRow] = {}
    for entry in entries:
        post = f"{entry.employment.post.workplace.name}/{entry.employment.post.name}"  # type: ignore[union-attr]
        overdue_names = {h for d in entry.overdue for h in d.hazards}
        for hazard in entry.hazards:
            row = rows.setdefault((post, hazard.name), CoverageRow(post, hazard.name))
            row.workers += 1
            if (hazard.reference_name or hazard.name) in overdue_names:
                row.overdue += 1
            elif hazard.name in entry.examined_hazards:
                row.done += 1
            else:
                row.due += 1
    return sorted(rows.values(), key=lambda r: (r.post, r.hazard))
