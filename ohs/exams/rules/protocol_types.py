"""Data types for the GBZ 188 surveillance schedule: rules in, worker facts in, schedule out.

Periods, thresholds and windows are never written here: they arrive in the rule set parsed
from reference/surveillance_gbz188.csv (with the mapping in period_table.py) and in
`ScheduleConfig`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import Final, NamedTuple

from ohs.exams.rules.conclusions import Conclusion
from ohs.exams.rules.provenance import Confidence, Edition


class ExamType(StrEnum):
    """GBZ 188 exam types (上岗前 / 在岗期间 / 离岗时 / 应急 / 离岗后)."""

    PRE = "pre"
    PERIODIC = "periodic"
    EXIT = "exit"
    EMERGENCY = "emergency"
    POST_EXIT = "post_exit"

    @property
    def label_zh(self) -> str:
        """The Chinese name used by the standard and on pages."""
        return EXAM_TYPE_LABELS_ZH[self]


EXAM_TYPE_LABELS_ZH: Final = MappingProxyType(
    {
        ExamType.PRE: "上岗前",
        ExamType.PERIODIC: "在岗期间",
        ExamType.EXIT: "离岗时",
        ExamType.EMERGENCY: "应急",
        ExamType.POST_EXIT: "离岗后",
    }
)


class PeriodBasis(StrEnum):
    """What the on-duty period depends on, as the reference row states it."""

    FIXED = "fixed"
    NOISE_LEX_8H = "noise_lex_8h"
    WORK_GRADE = "work_grade"
    LIMIT_EXCEEDANCE = "limit_exceedance"


class PeriodStatus(StrEnum):
    """Whether a row's period text was interpreted, and what it said."""

    STATED = "stated"
    NOT_IN_REFERENCE = "not_in_reference"
    UNMAPPED = "unmapped"


@dataclass(frozen=True)
class PeriodBand:
    """One condition of a period; a predicate left as None does not restrict the band.

    Work grades are numbered as GBZ/T 229 numbers them: 0, 1 = I, 2 = II, 3 = III, 4 = IV.
    """

    period_months: int
    condition_zh: str
    lex_8h_min_dba: Decimal | None = None
    lex_8h_below_dba: Decimal | None = None
    work_grade_min: int | None = None
    work_grade_max: int | None = None
    is_exceeding_limit: bool | None = None


@dataclass(frozen=True)
class PeriodPolicy:
    """The on-duty period of one hazard: its bands and where they were read."""

    status: PeriodStatus
    basis: PeriodBasis
    bands: tuple[PeriodBand, ...]
    cited_from: str
    is_before_hot_season: bool = False


@dataclass(frozen=True)
class FollowUpDuration:
    """How long post-exit follow-up lasts for a range of exposure years (bounds inclusive)."""

    follow_up_months: int
    condition_zh: str
    exposure_years_above: Decimal | None = None
    exposure_years_max: Decimal | None = None


@dataclass(frozen=True)
class FollowUpPolicy:
    """Post-exit (离岗后) follow-up: interval and duration, with the row's provenance."""

    interval_months: int
    durations: tuple[FollowUpDuration, ...]
    cited_from: str
    source: str = ""
    confidence: Confidence = Confidence.C


@dataclass(frozen=True)
class CoreItem:
    """An exam item the reference row names for a hazard, with the text it came from."""

    name: str
    note: str
    cited_from: str


@dataclass(frozen=True)
class HazardRule:
    """Everything the reference gives for one hazard in one edition."""

    hazard: str
    edition: Edition
    exam_types: frozenset[ExamType]
    periodic: PeriodPolicy
    target_diseases: tuple[str, ...]
    contraindications: tuple[str, ...]
    core_items: tuple[CoreItem, ...]
    source: str
    confidence: Confidence
    period_text: str
    period_conditions_text: str
    post_exit: FollowUpPolicy | None = None


class ExamFacts(NamedTuple):
    target_diseases: tuple[str, ...]
    contraindications: tuple[str, ...]
    core_items: tuple[str, ...]


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


@dataclass(frozen=True)
class ScheduleRuleSet:
    """The rules of one edition; empty when the reference has no rows for that edition."""

    edition: Edition
    rules: tuple[HazardRule, ...]
    rule_version: str

    @property
    def is_edition_data_missing(self) -> bool:
        """True when the reference holds no row at all for this edition."""
        return not self.rules

    def rule_for(self, hazard: str) -> HazardRule | None:
        """The rule for a hazard name exactly as the reference spells it."""
        return self._by_hazard.get(hazard)

    def exam_facts(self, hazards: tuple[str, ...]) -> ExamFacts:
        """Target diseases, contraindications and core items ("name：note") of one exam covering
        ``hazards``: a province's nightly batch meets the same few sets for millions of workers."""
        if hazards not in self._facts:
            found = [r for r in (self.rule_for(h) for h in hazards) if r is not None]
            self._facts[hazards] = ExamFacts(
                _distinct(d for r in found for d in r.target_diseases),
                _distinct(c for r in found for c in r.contraindications),
                _distinct(f"{c.name}：{c.note}" for r in found for c in r.core_items),
            )
        return self._facts[hazards]

    @cached_property
    def _facts(self) -> dict[tuple[str, ...], ExamFacts]:
        return {}

    @cached_property
    def _by_hazard(self) -> dict[str, HazardRule]:
        # Looked up for every worker of a province's nightly batch: indexed once per rule set.
        found: dict[str, HazardRule] = {}
        for rule in self.rules:
            found.setdefault(rule.hazard, rule)  # the first row of a name wins, as a scan would
        return found


@dataclass(frozen=True)
class HazardExposure:
    """A hazard the worker is or was exposed to in this employment, with the facts periods use."""

    hazard: str
    lex_8h_dba: Decimal | None = None
    work_grade: int | None = None
    is_exceeding_limit: bool | None = None
    exposure_years: Decimal | None = None


class EventKind(StrEnum):
    """Employment events that start or end an exam obligation."""

    START_ON_POST = "start_on_post"
    LEAVE_POST = "leave_post"
    EXPOSURE_INCIDENT = "exposure_incident"


@dataclass(frozen=True)
class EmploymentEvent:
    """An event; an empty `hazards` set means every hazard of the worker (e.g. leaving the job)."""

    kind: EventKind
    occurred_on: date
    hazards: frozenset[str] = frozenset()

    def concerns(self, hazard: str) -> bool:
        """True when the event applies to `hazard`."""
        return not self.hazards or hazard in self.hazards


@dataclass(frozen=True)
class ExamRecord:
    """A completed exam: date, type, the hazards it covered and its conclusion."""

    examined_on: date
    exam_type: ExamType
    hazards: frozenset[str]
    conclusion: Conclusion


@dataclass(frozen=True)
class WorkerSurveillance:
    """A worker's hazards (current and past in this employment), events and exam history."""

    exposures: tuple[HazardExposure, ...]
    events: tuple[EmploymentEvent, ...] = ()
    exams: tuple[ExamRecord, ...] = ()


@dataclass(frozen=True)
class ScheduleConfig:
    """Windows and intervals the reference leaves to configuration (each cites its basis).

    exit_exam_window_days / periodic_counts_as_exit_days: surveillance_notes.md gives 30 and
    90 days [T, citing 安监总局令第49号 art. 15]; recheck and emergency intervals are set by
    the institution (the reference gives no figure).
    """

    recheck_interval_days: int
    exit_exam_window_days: int
    periodic_counts_as_exit_days: int
    emergency_due_within_days: int


class GapKind(StrEnum):
    """Why part of a schedule could not be computed from the reference."""

    EDITION_DATA_MISSING = "edition_data_missing"
    HAZARD_NOT_IN_REFERENCE = "hazard_not_in_reference"
    PERIOD_NOT_IN_REFERENCE = "period_not_in_reference"
    PERIOD_TEXT_UNMAPPED = "period_text_unmapped"
    NO_BAND_FOR_EXPOSURE = "no_band_for_exposure"
    EXAM_TYPE_NOT_LISTED = "exam_type_not_listed"


@dataclass(frozen=True)
class DataGap:
    """A part of the schedule the reference does not support; shown, never filled in."""

    hazard: str
    exam_type: ExamType | None
    kind: GapKind
    edition: Edition
    reason: str


@dataclass(frozen=True)
class DueExam:
    """One exam the worker needs: merged across hazards sharing its type and date."""

    exam_type: ExamType
    due_on: date
    is_overdue: bool
    is_recheck: bool
    hazards: tuple[str, ...]
    period_months: int | None
    target_diseases: tuple[str, ...]
    contraindications: tuple[str, ...]
    core_items: tuple[str, ...]
    confidence: Confidence
    edition: Edition
    rule_version: str
    reasons: tuple[str, ...]

    @property
    def rests_on_unconfirmed(self) -> bool:
        """True when a value behind this exam is below confidence A."""
        return not self.confidence.is_confirmed


@dataclass(frozen=True)
class Schedule:
    """The exams due for one worker as of `as_of`, and what the reference could not decide."""

    edition: Edition
    rule_version: str
    as_of: date
    due: tuple[DueExam, ...]
    gaps: tuple[DataGap, ...]
    is_edition_data_missing: bool
    reasons: tuple[str, ...]
