"""Exam workflows as transition tables: bookings, appointments and tracked follow-ups."""

from ohs.core.workflow import Transition, Workflow
from ohs.exams.choices import AppointmentStatus as A
from ohs.exams.choices import BookingStatus as B
from ohs.exams.choices import FollowUpStatus as F
from ohs.orgs.choices import Role

_EMPLOYER = frozenset({Role.EMPLOYER_MANAGER})
_INSTITUTION = frozenset({Role.EXAM_STAFF})

BOOKING_WORKFLOW = Workflow(
    "status",
    [Transition("cancelled", frozenset({B.BOOKED}), B.CANCELLED, _EMPLOYER | _INSTITUTION)],
)

APPOINTMENT_WORKFLOW = Workflow(
    "status",
    [
        Transition("checked_in", frozenset({A.BOOKED}), A.CHECKED_IN, _INSTITUTION),
        Transition("examined", frozenset({A.BOOKED, A.CHECKED_IN}), A.EXAMINED, _INSTITUTION),
        Transition("cancelled", frozenset({A.BOOKED}), A.CANCELLED, _EMPLOYER | _INSTITUTION),
    ],
)

# The employer confirms a move off the hazard post; a recheck closes when the institution
# records the recheck's result.
FOLLOW_UP_WORKFLOW = Workflow(
    "status",
    [
        Transition("confirmed", frozenset({F.OPEN}), F.DONE, _EMPLOYER),
        Transition("completed", frozenset({F.OPEN}), F.DONE, _INSTITUTION),
    ],
)
