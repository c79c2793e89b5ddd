"""Released shortfalls: a release clears exactly its shortfall while its evidence stays the same."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ohs.risk.rules.classification import DEFAULT_CLASSIFICATION_CONFIG as CONFIG
from ohs.risk.rules.classification import classify_employer
from ohs.risk.rules.classification_config import Severity, ShortfallCode
from ohs.risk.rules.profile import DeclaredHazard, MeasurementResult, ProfileInputs, find_shortfalls
from ohs.risk.rules.release import Release, apply_releases
from ohs.risk.rules.schemes import risk_rank

BENZENE = MeasurementResult("苯", Decimal("1.6"), True)


def _inputs(**values: object) -> ProfileInputs:
    base: dict[str, object] = {
        "employer_id": "E1",
        "industry_severity": Severity.SERIOUS,
        "measurements": (BENZENE,),
        "exams_due_count": 10,
        "exams_done_count": 6,
        "self_check_score": Decimal(95),
    }
    base.update(values)
    return ProfileInputs(**base)  # type: ignore[arg-type]


def _release(inputs: ProfileInputs, code: ShortfallCode) -> Release:
    s = next(s for s in find_shortfalls(inputs, CONFIG) if s.code is code)
    return Release(s.code, s.evidence, s.subject)


def test_worked_example_bing_to_jia() -> None:
    inputs = _inputs()
    assert classify_employer(inputs).risk_class.label == "丙"
    releases = [_release(inputs, ShortfallCode.EXCEEDANCE), _release(inputs, ShortfallCode.EXAMS_OVERDUE)]
    adjusted, applied = apply_releases(inputs, releases, CONFIG)
    assert len(applied) == 2
    result = classify_employer(adjusted)
    assert (result.grade.value, result.management_grade.value, result.risk_class.label) == ("Ⅱ", "A", "甲")


def test_new_evidence_is_not_released() -> None:
    old = _release(_inputs(), ShortfallCode.EXCEEDANCE)
    newer = _inputs(measurements=(MeasurementResult("苯", Decimal("1.9"), True),))
    adjusted, applied = apply_releases(newer, [old], CONFIG)
    assert applied == () and adjusted == newer


def test_unmeasured_hazard_released_counts_as_below_action() -> None:
    inputs = _inputs(measurements=(), hazards=(DeclaredHazard("噪声", 12),), exams_due_count=0)
    release = _release(inputs, ShortfallCode.NOT_MEASURED)
    adjusted, _ = apply_releases(inputs, [release], CONFIG)
    assert ShortfallCode.NOT_MEASURED not in {s.code for s in find_shortfalls(adjusted, CONFIG)}


_counts = st.integers(min_value=0, max_value=5)


@given(
    ratio=st.decimals(min_value=0, max_value=3, places=2),
    due=_counts,
    done=_counts,
    alerts=_counts,
    orders=_counts,
    chosen=st.sets(st.sampled_from(list(ShortfallCode))),
)
def test_releasing_never_raises_the_class_and_clears_what_it_names(
    ratio: Decimal, due: int, done: int, alerts: int, orders: int, chosen: set[ShortfallCode]
) -> None:
    inputs = _inputs(
        measurements=(MeasurementResult("苯", ratio, True),),
        exams_due_count=due,
        exams_done_count=min(done, due),
        monitoring_alerts_open=alerts,
        orders_unrectified=orders,
    )
    shortfalls = find_shortfalls(inputs, CONFIG)
    releases = [Release(s.code, s.evidence, s.subject) for s in shortfalls if s.code in chosen]
    adjusted, applied = apply_releases(inputs, releases, CONFIG)
    assert len(applied) == len(releases)
    before, after = classify_employer(inputs), classify_employer(adjusted)
    assert risk_rank(after.risk_class) <= risk_rank(before.risk_class)
    left = {(s.code, s.evidence) for s in find_shortfalls(adjusted, CONFIG)}
    cleared = {(r.code, r.evidence) for r in releases if r.code is not ShortfallCode.SELF_CHECK_MISSING}
    assert not (left & cleared)
