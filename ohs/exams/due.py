"""Who is due for which exam: workers × the hazards declared at their posts × their exam history,
run through the GBZ 188 schedule (ohs.exams.rules.protocol). Batched: a few queries for any
number of employers, then pure computation per worker."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

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
    Schedule,
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


class _Result(NamedTuple):
    """The columns of an exam result the schedule reads: no model instance per result."""

    worker_id: int
    examined_on: dt.date
    exam_category: str
    hazards: list[str]
    conclusion: str
    recheck_on: dt.date | None


@dataclass(frozen=True)
class Placement:
    """A worker on a hazard post (current, or left within the exit window), as plain values."""

    employment_id: int
    worker_id: int
    employer_id: int
    started_on: dt.date
    ended_on: dt.date | None
    hazards: tuple[HazardAtPost, ...]


@dataclass(frozen=True)
class PlacementDue:
    """A placement's schedule: what is due, the data gaps, open bookings, hazards examined for."""

    placement: Placement
    due: tuple[DueExam, ...]
    gaps: tuple[DataGap, ...]
    booked_categories: frozenset[str]
    examined_hazards: frozenset[str]


def _declared_hazards(employer_ids: Sequence[int], row_names: list[str]) -> dict[int, dict[int, list[HazardAtPost]]]:
    """employer → post → hazards of the declaration in force (the latest accepted one)."""
    latest: dict[int, int] = {}
    accepted = Declaration.objects.filter(employer_id__in=employer_ids, status=DeclarationStatus.ACCEPTED)
    for pk, employer_id in accepted.order_by("employer_id", "decided_at", "pk").values_list("pk", "employer_id"):
        latest[employer_id] = pk
    references: dict[str, str | None] = {}  # the GBZ 188 row of each catalogue name, matched once
    result: dict[int, dict[int, list[HazardAtPost]]] = defaultdict(lambda: defaultdict(list))
    items = DeclarationItem.objects.filter(declaration_id__in=latest.values()).values_list(
        "declaration__employer_id", "post_id", "agent__name_zh", "agent__category"
    )
    for employer_id, post_id, name, category in items:
        if name not in references:
            references[name] = reference_hazard_for(name, row_names)
        result[employer_id][post_id].append(HazardAtPost(name, category, references[name]))
    return result


def _placements(employer_ids: Sequence[int], today: dt.date, row_names: list[str]) -> list[Placement]:
    left_since = today - dt.timedelta(days=policy.EXIT_EXAM_WINDOW_DAYS)
    rows = (
        Employment.objects.filter(employer_id__in=employer_ids, post__isnull=False)
        .exclude(ended_on__lt=left_since)
        .order_by("employer_id", "pk")
        .values_list("pk", "worker_id", "employer_id", "post_id", "started_on", "ended_on")
    )
    declared = _declared_hazards(employer_ids, row_names)
    return [
        Placement(pk, worker_id, employer_id, started_on, ended_on, tuple(hazards))
        for pk, worker_id, employer_id, post_id, started_on, ended_on in rows
        if (hazards := declared.get(employer_id, {}).get(post_id))
    ]


def _record(result: _Result, reference_names: dict[str, str | None]) -> ExamRecord:
    hazards = frozenset(n for h in result.hazards if (n := reference_names.get(h) or h))
    return ExamRecord(result.examined_on, ExamType(result.exam_category), hazards, Conclusion(result.conclusion))


def _surveillance(placement: Placement, results: Iterable[_Result]) -> WorkerSurveillance:
    names = {h.name: h.reference_name for h in placement.hazards}
    exposures = tuple(
        HazardExposure(hazard=n) for n in dict.fromkeys(h.reference_name or h.name for h in placement.hazards)
    )
    events = [EmploymentEvent(EventKind.START_ON_POST, placement.started_on)]
    if placement.ended_on is not None:
        events.append(EmploymentEvent(EventKind.LEAVE_POST, placement.ended_on))
    # Only exams of this employment count (a pre-employment exam elsewhere does not, GBZ 188 5.1).
    records = tuple(_record(r, names) for r in results if r.examined_on >= placement.started_on)
    return WorkerSurveillance(exposures=exposures, events=tuple(events), exams=records)


def _with_recheck_dates(due: tuple[DueExam, ...], results: list[_Result], today: dt.date) -> tuple[DueExam, ...]:
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


def schedules_for_employers(employer_ids: Sequence[int], today: dt.date) -> dict[int, list[PlacementDue]]:
    """Per employer, its workers on hazard posts and what is due: a few queries for any number of
    employers and plain values throughout (the risk profile reads this for a province in batches)."""
    rules = policy.rule_set(edition_for(today).applied)
    placements = _placements(employer_ids, today, [r.hazard for r in rules.rules])
    workers = Employment.objects.filter(employer_id__in=employer_ids).values("worker_id")
    results: dict[int, list[_Result]] = defaultdict(list)
    rows = ExamResult.objects.filter(worker_id__in=workers).order_by("examined_on", "pk")
    for row in rows.values_list(*_Result._fields):
        results[row[0]].append(_Result(*row))
    booked: dict[int, set[str]] = defaultdict(set)
    open_states = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)
    pending = Appointment.objects.filter(worker_id__in=workers, status__in=open_states)
    for worker_id, category in pending.values_list("worker_id", "booking__exam_category"):
        booked[worker_id].add(category)
    config = policy.schedule_config()
    schedules: dict[WorkerSurveillance, Schedule] = {}  # workers in the same situation share one
    by_employer: dict[int, list[PlacementDue]] = defaultdict(list)
    for placement in placements:
        mine = results.get(placement.worker_id, [])
        surveillance = _surveillance(placement, mine)
        if surveillance not in schedules:
            schedules[surveillance] = compute_schedule(surveillance, rules, config, today)
        schedule = schedules[surveillance]
        by_employer[placement.employer_id].append(
            PlacementDue(
                placement,
                _with_recheck_dates(schedule.due, mine, today),
                schedule.gaps,
                frozenset(booked.get(placement.worker_id, ())),
                frozenset(h for r in mine for h in r.hazards),
            )
        )
    return dict(by_employer)


def due_for_employers(employer_ids: Sequence[int], today: dt.date) -> dict[int, list[WorkerDue]]:
    """Per employer, its workers on hazard posts (current, or left within the exit window) and what
    is due, with the worker and employment records the pages show."""
    edition = edition_for(today)
    schedules = schedules_for_employers(employer_ids, today)
    ids = [d.placement.employment_id for entries in schedules.values() for d in entries]
    employments = Employment.objects.select_related("worker", "post__workplace").in_bulk(ids)
    found = {
        employer_id: [
            WorkerDue(
                employments[d.placement.employment_id].worker,
                employments[d.placement.employment_id],
                list(d.placement.hazards),
                d.due,
                d.gaps,
                edition,
                set(d.booked_categories),
                set(d.examined_hazards),
            )
            for d in entries
        ]
        for employer_id, entries in schedules.items()
    }
    for entries in found.values():  # the pages list workers by name
        entries.sort(key=lambda e: (e.worker.name, e.employment.pk))
    return found


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
