"""Classification schemes: two national schemes use 甲/乙/丙 in OPPOSITE directions.

reference/risk_classification.md: the 2022 pilot (职业卫生分类监督执法试点, 甲 = lowest risk,
classified by the grade x management matrix) and the older guide (职业卫生分类分级监督执法
工作指南（试行）, c. 2018, 甲 = highest risk, classified by criteria). Every class carries its
scheme id; comparing classes of two schemes raises ``SchemeMismatchError``, so they never mix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


class SchemeMismatchError(ValueError):
    """Raised when classes of two different schemes are compared or mixed."""


@dataclass(frozen=True)
class Scheme:
    """A classification scheme: its labels from lowest to highest risk."""

    scheme_id: str
    title: str
    labels_low_to_high: tuple[str, ...]
    is_matrix_method: bool


SCHEME_2022 = Scheme("nhc-2022-pilot", "职业卫生分类监督执法试点（2022）", ("甲", "乙", "丙"), True)
SCHEME_2018 = Scheme("guide-2018", "职业卫生分类分级监督执法工作指南（试行）", ("丙", "乙", "甲"), False)
SCHEMES: Mapping[str, Scheme] = {s.scheme_id: s for s in (SCHEME_2022, SCHEME_2018)}


@dataclass(frozen=True)
class RiskClass:
    """A class label together with the scheme that gives it meaning."""

    scheme_id: str
    label: str

    def __post_init__(self) -> None:
        scheme = SCHEMES.get(self.scheme_id)
        if scheme is None or self.label not in scheme.labels_low_to_high:
            raise ValueError(f"{self.label!r} is not a class of scheme {self.scheme_id!r}")


def risk_rank(risk_class: RiskClass) -> int:
    """Return 0 for the lowest-risk class of its scheme, rising with risk."""
    return SCHEMES[risk_class.scheme_id].labels_low_to_high.index(risk_class.label)


def compare_risk(a: RiskClass, b: RiskClass) -> int:
    """Compare two classes of one scheme by risk (-1, 0, 1); refuse to mix schemes."""
    if a.scheme_id != b.scheme_id:
        raise SchemeMismatchError(f"cannot compare {a.scheme_id} with {b.scheme_id}")
    return (risk_rank(a) > risk_rank(b)) - (risk_rank(a) < risk_rank(b))


def lower_class(risk_class: RiskClass, steps: int) -> RiskClass:
    """Move a class ``steps`` classes towards lower risk within its own scheme."""
    labels = SCHEMES[risk_class.scheme_id].labels_low_to_high
    return RiskClass(risk_class.scheme_id, labels[max(0, risk_rank(risk_class) - steps)])
