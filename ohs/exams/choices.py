"""Exam categories, hazard categories and the states of bookings, results and follow-ups."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ohs.exams.rules.conclusions import Conclusion
from ohs.exams.rules.protocol_types import ExamType


class ExamCategory(models.TextChoices):
    """The four bookable GBZ 188 exam types (离岗后 follow-up is booked as periodic)."""

    PRE = ExamType.PRE.value, _("pre-employment")
    PERIODIC = ExamType.PERIODIC.value, _("periodic")
    EXIT = ExamType.EXIT.value, _("exit")
    EMERGENCY = ExamType.EMERGENCY.value, _("emergency")


def category_for_exam_type(exam_type: ExamType) -> str:
    """Post-exit follow-up exams use periodic places (the institution examines the same items)."""
    return ExamCategory.PERIODIC if exam_type is ExamType.POST_EXIT else ExamCategory(exam_type.value)


class HazardCategory(models.TextChoices):
    # The categories of 职业病危害因素分类目录 that an institution's registration (备案) lists.
    DUST = "dust", _("dust")
    CHEMICAL = "chemical", _("chemical")
    PHYSICAL = "physical", _("physical")
    BIOLOGICAL = "biological", _("biological")
    RADIATION = "radiation", _("radiation")
    OTHER = "other", _("other")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("booked")
    CANCELLED = "cancelled", _("cancelled")


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("booked")
    CHECKED_IN = "checked_in", _("checked in")
    EXAMINED = "examined", _("result recorded")
    CANCELLED = "cancelled", _("cancelled")


class ConclusionChoice(models.TextChoices):
    # GBZ 188-2014 4.8: the five conclusions, labelled as the standard writes them.
    NO_ABNORMALITY = Conclusion.NO_ABNORMALITY.value, "目前未见异常"
    RECHECK = Conclusion.RECHECK.value, "复查"
    SUSPECTED_DISEASE = Conclusion.SUSPECTED_DISEASE.value, "疑似职业病"
    CONTRAINDICATION = Conclusion.CONTRAINDICATION.value, "职业禁忌证"
    OTHER_FINDING = Conclusion.OTHER_FINDING.value, "其他疾病或异常"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")


class NoticeAudience(models.TextChoices):
    WORKER = "worker", _("worker")
    EMPLOYER = "employer", _("employer")
    REGULATOR = "regulator", _("county regulator")


class ReferralStatus(models.TextChoices):
    OPEN = "open", _("awaiting diagnosis")
    CLOSED = "closed", _("closed")


class ImportStatus(models.TextChoices):
    HAS_ERRORS = "has_errors", _("has errors")
    READY = "ready", _("ready to import")
    IMPORTED = "imported", _("imported")
