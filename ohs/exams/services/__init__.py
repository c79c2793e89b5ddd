"""The only place exam rows are written."""

from ohs.exams.services.booking import (
    book_batch,
    cancel_appointment,
    cancel_booking,
    check_in,
    reschedule_booking,
    send_reminders,
)
from ohs.exams.services.follow_ups import confirm_post_change
from ohs.exams.services.institutions import (
    CapacityEntry,
    add_site,
    copy_week,
    is_stale,
    publish_capacity,
    register_institution,
    set_scope,
)
from ohs.exams.services.results import ResultData, flag_late_reports, issue_report, record_result

__all__ = [
    "CapacityEntry",
    "ResultData",
    "add_site",
    "book_batch",
    "cancel_appointment",
    "cancel_booking",
    "check_in",
    "confirm_post_change",
    "copy_week",
    "flag_late_reports",
    "is_stale",
    "issue_report",
    "publish_capacity",
    "record_result",
    "register_institution",
    "reschedule_booking",
    "send_reminders",
    "set_scope",
]
