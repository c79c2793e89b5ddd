"""Schemes, codes and the versioned configuration of the employer classification.

Only a matrix scheme (the 2022 pilot, 甲 = lowest risk) can be configured here; see
``schemes`` for the older guide whose 甲 is the highest risk.

The configuration is data a provincial administrator edits as JSON; ``parse_classification_config``
validates it and names every faulty path. The default lives in ``classification.py``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import NamedTuple, TypeVar

from ohs.risk.rules.schemes import SCHEME_2022, SCHEMES, Scheme


class Grade(StrEnum):
    """Occupational-hazard risk grade, Ⅰ lowest."""

    ONE = "Ⅰ"
    TWO = "Ⅱ"
    THREE = "Ⅲ"


class ManagementGrade(StrEnum):
    """Management grade from the self-check score, A best."""

    A = "A"
    B = "B"
    C = "C"


class Severity(StrEnum):
    """Industry severity in the 2021 project risk catalogue (国卫办职健发〔2021〕5号)."""

    SERIOUS = "严重"
    GENERAL = "一般"
    UNLISTED = "未列入"


class ExposureLevel(StrEnum):
    """Worst measured exposure against the OEL."""

    BELOW_ACTION = "below_action"
    ACTION_LEVEL = "action_level"
    EXCEEDANCE = "exceedance"

    @property
    def title_zh(self) -> str:
        """Chinese name for reasons and pages."""
        return {"below_action": "低于行动水平", "action_level": "达到行动水平", "exceedance": "超标"}[self.value]


class ShortfallCode(StrEnum):
    """Stable codes of the shortfalls a risk profile can show."""

    EXCEEDANCE = "exceedance"
    ACTION_LEVEL = "action_level"
    NOT_MEASURED = "not_measured"
    EXAMS_OVERDUE = "exams_overdue"
    CONTRAINDICATION_NOT_ACTED = "contraindication_not_acted"
    SUSPECTED_CASES_OPEN = "suspected_cases_open"
    PRINCIPAL_UNTRAINED = "principal_untrained"
    MANAGERS_UNTRAINED = "managers_untrained"
    ALERTS_OPEN = "alerts_open"
    DEVICES_OFFLINE = "devices_offline"
    RECENT_PENALTIES = "recent_penalties"
    ORDERS_UNRECTIFIED = "orders_unrectified"
    SELF_CHECK_MISSING = "self_check_missing"


class DowngradeCondition(StrEnum):
    """Conditions of the downgrade routes (seed 000 item 12, seed 001 item 14)."""

    HEALTHY_ENTERPRISE = "healthy_enterprise"
    INFORMATION_COMPLETE = "information_complete"
    SELF_INSPECTION_RECTIFIED = "self_inspection_rectified"


GRADES = (Grade.ONE, Grade.TWO, Grade.THREE)
MANAGEMENT_GRADES = (ManagementGrade.A, ManagementGrade.B, ManagementGrade.C)
EXPOSURE_LEVELS = (ExposureLevel.BELOW_ACTION, ExposureLevel.ACTION_LEVEL, ExposureLevel.EXCEEDANCE)


# ---------------------------------------------------------------- configuration


class ConfigError(ValueError):
    """Invalid classification configuration; ``problems`` lists every path and fault."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class ExposureThresholds:
    """Ratios of the OEL that set the exposure level."""

    exceedance_ratio: Decimal
    action_level_ratio: Decimal
    carcinogen_action_ratio: Decimal
    unmeasured_as: ExposureLevel


@dataclass(frozen=True)
class HeadcountBand:
    """Exposed-headcount band from ``min_persons`` up, and its grade step."""

    min_persons: int
    grade_step: int
    label: str


@dataclass(frozen=True)
class ShortfallEffect:
    """How a shortfall bears on the management grade."""

    deduction_points: Decimal = Decimal(0)
    cap: ManagementGrade | None = None


@dataclass(frozen=True)
class DowngradeRule:
    """Downgrade routes (any route whose conditions all hold) and what blocks them."""

    steps: int
    routes: tuple[frozenset[DowngradeCondition], ...]
    blocked_by: frozenset[ShortfallCode]


class _Head(NamedTuple):
    version: str
    scheme_id: str
    source: str
    unconfirmed: tuple[str, ...]
    unlisted_industry_as: Severity
    suspected_case_grade_step: int
    exam_coverage_required: Decimal
    manager_training_required: Decimal


@dataclass(frozen=True)
class ClassificationConfig:
    """Versioned, province-editable thresholds, tables and matrix."""

    version: str
    scheme_id: str
    source: str
    unconfirmed: tuple[str, ...]
    matrix: Mapping[tuple[Grade, ManagementGrade], str]
    management_min_scores: Mapping[ManagementGrade, Decimal]
    grade_table: Mapping[tuple[Severity, ExposureLevel], Grade]
    unlisted_industry_as: Severity
    exposure: ExposureThresholds
    headcount_bands: tuple[HeadcountBand, ...]
    suspected_case_grade_step: int
    exam_coverage_required: Decimal
    manager_training_required: Decimal
    shortfall_effects: Mapping[ShortfallCode, ShortfallEffect]
    downgrade: DowngradeRule


# ---------------------------------------------------------------- parser

_E = TypeVar("_E", bound=StrEnum)
_T = TypeVar("_T")
_ZERO, _ONE, _HUNDRED = Decimal(0), Decimal(1), Decimal(100)


def _map(value: object, path: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise ConfigError([f"{path}: expected an object, got {value!r}"])
    return value


def _list(value: object, path: str) -> list[object]:
    if not isinstance(value, list):
        raise ConfigError([f"{path}: expected a list, got {value!r}"])
    return value


def _dec(value: object, path: str, low: Decimal, high: Decimal | None = None) -> Decimal:
    number = Decimal("NaN")
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        with contextlib.suppress(InvalidOperation):
            number = Decimal(str(value))
    if not number.is_finite() or number < low or (high is not None and number > high):
        bound = f"[{low}, {high}]" if high is not None else f">= {low}"
        raise ConfigError([f"{path}: expected a number (string or integer) {bound}, got {value!r}"])
    return number


def _int(value: object, path: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ConfigError([f"{path}: expected an integer in [{low}, {high}], got {value!r}"])
    return value


def _enum(kind: type[_E], value: object, path: str) -> _E:
    try:
        return kind(value if isinstance(value, str) else "")
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise ConfigError([f"{path}: {value!r} is not one of {allowed}"]) from None


def _parse_head(data: Mapping[str, object]) -> _Head:
    scheme_id = data.get("scheme_id")
    if not isinstance(scheme_id, str) or scheme_id not in SCHEMES or not SCHEMES[scheme_id].is_matrix_method:
        raise ConfigError([f"scheme_id: {scheme_id!r} is not a matrix scheme (use {SCHEME_2022.scheme_id})"])
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise ConfigError([f"version: expected a non-empty string, got {version!r}"])
    unlisted = _enum(Severity, data.get("unlisted_industry_as"), "unlisted_industry_as")
    if unlisted is Severity.UNLISTED:
        raise ConfigError(["unlisted_industry_as: must be 严重 or 一般"])
    return _Head(
        version,
        scheme_id,
        str(data.get("source", "")),
        tuple(str(u) for u in _list(data.get("unconfirmed", []), "unconfirmed")),
        unlisted,
        _int(data.get("suspected_case_grade_step"), "suspected_case_grade_step", 0, 2),
        _dec(data.get("exam_coverage_required"), "exam_coverage_required", _ZERO, _ONE),
        _dec(data.get("manager_training_required"), "manager_training_required", _ZERO, _ONE),
    )


def _parse_matrix(data: Mapping[str, object], scheme: Scheme) -> dict[tuple[Grade, ManagementGrade], str]:
    rows = _map(data.get("matrix"), "matrix")
    matrix: dict[tuple[Grade, ManagementGrade], str] = {}
    for grade in GRADES:
        row = _map(rows.get(grade.value), f"matrix.{grade.value}")
        for mgmt in MANAGEMENT_GRADES:
            label = row.get(mgmt.value)
            if not isinstance(label, str) or label not in scheme.labels_low_to_high:
                allowed = ", ".join(scheme.labels_low_to_high)
                path = f"matrix.{grade.value}.{mgmt.value}"
                raise ConfigError([f"{path}: {label!r} is not a class of {scheme.scheme_id} ({allowed})"])
            matrix[(grade, mgmt)] = label
    return matrix


def _parse_management(data: Mapping[str, object]) -> dict[ManagementGrade, Decimal]:
    raw = _map(data.get("management_min_scores"), "management_min_scores")
    a = _dec(raw.get("A"), "management_min_scores.A", _ZERO, _HUNDRED)
    b = _dec(raw.get("B"), "management_min_scores.B", _ZERO, _HUNDRED)
    if not a > b:
        raise ConfigError(["management_min_scores: A must be above B"])
    return {ManagementGrade.A: a, ManagementGrade.B: b, ManagementGrade.C: _ZERO}


def _parse_grade_table(data: Mapping[str, object]) -> dict[tuple[Severity, ExposureLevel], Grade]:
    raw = _map(data.get("grade_table"), "grade_table")
    table: dict[tuple[Severity, ExposureLevel], Grade] = {}
    for severity in (Severity.SERIOUS, Severity.GENERAL):
        row = _map(raw.get(severity.value), f"grade_table.{severity.value}")
        for level in EXPOSURE_LEVELS:
            path = f"grade_table.{severity.value}.{level.value}"
            table[(severity, level)] = _enum(Grade, row.get(level.value), path)
    return table


def _parse_exposure(data: Mapping[str, object]) -> ExposureThresholds:
    raw = _map(data.get("exposure"), "exposure")
    thresholds = ExposureThresholds(
        _dec(raw.get("exceedance_ratio"), "exposure.exceedance_ratio", _ZERO),
        _dec(raw.get("action_level_ratio"), "exposure.action_level_ratio", _ZERO, _ONE),
        _dec(raw.get("carcinogen_action_ratio"), "exposure.carcinogen_action_ratio", _ZERO, _ONE),
        _enum(ExposureLevel, raw.get("unmeasured_as"), "exposure.unmeasured_as"),
    )
    t = thresholds
    if not t.carcinogen_action_ratio <= t.action_level_ratio < t.exceedance_ratio:
        raise ConfigError(["exposure: need carcinogen_action_ratio <= action_level_ratio < exceedance_ratio"])
    return thresholds


def _parse_band(value: object, path: str) -> HeadcountBand:
    raw = _map(value, path)
    return HeadcountBand(
        _int(raw.get("min_persons"), f"{path}.min_persons", 0, 10**7),
        _int(raw.get("grade_step"), f"{path}.grade_step", -2, 2),
        str(raw.get("label", "")),
    )


def _parse_bands(data: Mapping[str, object]) -> tuple[HeadcountBand, ...]:
    raw = _list(data.get("headcount_bands"), "headcount_bands")
    bands = tuple(_parse_band(b, f"headcount_bands[{i}]") for i, b in enumerate(raw))
    mins = [b.min_persons for b in bands]
    if not mins or mins[0] != 0 or mins != sorted(set(mins)):
        raise ConfigError(["headcount_bands: min_persons must start at 0 and strictly rise"])
    return bands


def _parse_effects(data: Mapping[str, object]) -> dict[ShortfallCode, ShortfallEffect]:
    effects: dict[ShortfallCode, ShortfallEffect] = {}
    for key, value in _map(data.get("shortfall_effects", {}), "shortfall_effects").items():
        path = f"shortfall_effects.{key}"
        body, cap = _map(value, path), _map(value, path).get("cap")
        effects[_enum(ShortfallCode, key, path)] = ShortfallEffect(
            _dec(body.get("deduction_points", 0), f"{path}.deduction_points", _ZERO, _HUNDRED),
            None if cap is None else _enum(ManagementGrade, cap, f"{path}.cap"),
        )
    return effects


def _parse_downgrade(data: Mapping[str, object]) -> DowngradeRule:
    raw = _map(data.get("downgrade", {}), "downgrade")
    routes = []
    for i, route in enumerate(_list(raw.get("routes", []), "downgrade.routes")):
        conditions = _list(route, f"downgrade.routes[{i}]")
        if not conditions:
            raise ConfigError([f"downgrade.routes[{i}]: a route needs at least one condition"])
        routes.append(frozenset(_enum(DowngradeCondition, c, f"downgrade.routes[{i}]") for c in conditions))
    blocked = _list(raw.get("blocked_by", []), "downgrade.blocked_by")
    return DowngradeRule(
        _int(raw.get("steps", 0), "downgrade.steps", 0, 2),
        tuple(routes),
        frozenset(_enum(ShortfallCode, c, "downgrade.blocked_by") for c in blocked),
    )


def _collect(parse: Callable[[], _T], problems: list[str]) -> _T | None:
    try:
        return parse()
    except ConfigError as error:
        problems.extend(error.problems)
        return None


def parse_classification_config(data: Mapping[str, object]) -> ClassificationConfig:
    """Build a validated config from JSON-like data; raise ConfigError naming every fault."""
    problems: list[str] = []
    head = _collect(lambda: _parse_head(data), problems)
    scheme = SCHEMES[head.scheme_id] if head else SCHEME_2022
    matrix = _collect(lambda: _parse_matrix(data, scheme), problems)
    management = _collect(lambda: _parse_management(data), problems)
    grade_table = _collect(lambda: _parse_grade_table(data), problems)
    exposure = _collect(lambda: _parse_exposure(data), problems)
    bands = _collect(lambda: _parse_bands(data), problems)
    effects = _collect(lambda: _parse_effects(data), problems)
    downgrade = _collect(lambda: _parse_downgrade(data), problems)
    if (
        head is None
        or matrix is None
        or management is None
        or grade_table is None
        or exposure is None
        or bands is None
        or effects is None
        or downgrade is None
    ):
        raise ConfigError(problems)
    return ClassificationConfig(
        version=head.version,
        scheme_id=head.scheme_id,
        source=head.source,
        unconfirmed=head.unconfirmed,
        matrix=matrix,
        management_min_scores=management,
        grade_table=grade_table,
        unlisted_industry_as=head.unlisted_industry_as,
        exposure=exposure,
        headcount_bands=bands,
        suspected_case_grade_step=head.suspected_case_grade_step,
        exam_coverage_required=head.exam_coverage_required,
        manager_training_required=head.manager_training_required,
        shortfall_effects=effects,
        downgrade=downgrade,
    )
