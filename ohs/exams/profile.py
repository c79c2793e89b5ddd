"""The exams app's inputs to an employer's risk profile, batched for many employers at once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from ohs.core.profile_inputs import register_profile_inputs
from ohs.exams.choices import FollowUpStatus
from ohs.exams.due import schedules_for_employers
from ohs.exams.models import DiagnosisReferral, ExamResult, FollowUp
from ohs.exams.rules.conclusions import FollowUpAction

PROFILE_KEYS = ("exams_due_count", "exams_done_count", "suspected_cases_open", "contraindications_not_acted")
DONE_LOOKBACK_DAYS = 365  # exams done in the year before the assessment date


def exam_profile_inputs(employer_ids: Sequence[int], as_of: dt.date) -> Mapping[int, Mapping[str, Any]]:
    """Per employer, counted in workers on hazard posts: those who should have been examined
    (overdue, or examined in the past year) and those examined in the past year with nothing
    overdue (the risk rules compare the two); suspected
    cases still awaiting diagnosis, and contraindications whose move off the post is unconfirmed."""
    due = schedules_for_employers(employer_ids, as_of)
    examined = set(
        ExamResult.objects.filter(
            employer_id__in=employer_ids,
            examined_on__gt=as_of - dt.timedelta(days=DONE_LOOKBACK_DAYS),
            examined_on__lte=as_of,
        ).values_list("employer_id", "worker_id")
    )
    should, done = Counter[int](), Counter[int]()
    for pk, entries in due.items():
        for entry in entries:
            overdue = any(d.due_on < as_of for d in entry.due)
            was_examined = (pk, entry.placement.worker_id) in examined
            should[pk] += overdue or was_examined
            done[pk] += was_examined and not overdue
    suspected = Counter(
        DiagnosisReferral.objects.filter(employer_id__in=employer_ids, status="open").values_list(
            "employer_id", flat=True
        )
    )
    not_moved = Counter(
        FollowUp.objects.filter(
            employer_id__in=employer_ids,
            action=FollowUpAction.CONFIRM_POST_CHANGE.value,
            status=FollowUpStatus.OPEN,
        ).values_list("employer_id", flat=True)
    )
    return {
        pk: {
            "exams_due_count": should.get(pk, 0),
            "exams_done_count": done.get(pk, 0),
            "suspected_cases_open": suspected.get(pk, 0),
            "contraindications_not_acted": not_moved.get(pk, 0),
        }
        for pk in employer_ids
    }


register_profile_inputs("exams", exam_profile_inputs)
