"""The exams app's sections of the worker file (一人一档) and the enterprise file (一企一案)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ohs.core.actor import Actor
from ohs.core.archives import FileKind, Section, SectionProvider, TimelineItem, register_section
from ohs.exams.choices import FollowUpStatus
from ohs.exams.models import Appointment, ExamNotice, ExamResult, FollowUp
from ohs.registry.models import Employer
from ohs.workers.models import Worker

RECENT = 20


def _worker_exams(actor: Actor, worker: Worker) -> Section:
    results = ExamResult.objects.for_actor(actor).filter(worker=worker).select_related("institution__organisation")
    items = [
        TimelineItem(
            r.examined_on,
            f"职业健康检查：{r.get_conclusion_display()}",
            f"{r.institution} · {r.get_exam_category_display()} · {r.advice}",
            reverse("exams:result_detail", args=[r.pk]),
        )
        for r in results[:RECENT]
    ]
    upcoming = (
        Appointment.objects.for_actor(actor)
        .filter(worker=worker, status="booked")
        .select_related("booking__site__institution__organisation")
    )
    facts = [(_("booked exam"), f"{a.booking.exam_on:%Y-%m-%d} {a.booking.site}") for a in upcoming]
    return Section("exams", _("Occupational health exams"), facts=facts, items=items, empty_text=_("No exam yet."))


def _worker_follow_ups(actor: Actor, worker: Worker) -> Section:
    follow_ups = FollowUp.objects.for_actor(actor).filter(worker=worker).order_by("-pk")[:RECENT]
    facts = [
        (f.label, f"{f.get_status_display()}" + (f" · {f.due_on:%Y-%m-%d}" if f.due_on else "")) for f in follow_ups
    ]
    notices = ExamNotice.objects.for_actor(actor).filter(worker=worker)[:RECENT]
    items = [TimelineItem(n.created_at.date(), n.title, n.body) for n in notices]
    return Section("exam_follow_ups", _("Exam follow-ups"), facts=facts, items=items, empty_text=_("None."))


def _enterprise_exams(actor: Actor, employer: Employer) -> Section:
    results = ExamResult.objects.for_actor(actor).filter(employer=employer)
    open_follow_ups = FollowUp.objects.for_actor(actor).filter(employer=employer, status=FollowUpStatus.OPEN)
    facts = [
        (_("exam results"), results.count()),
        (_("suspected occupational diseases"), results.filter(conclusion="suspected_disease").count()),
        (_("contraindications"), results.filter(conclusion="contraindication").count()),
        (_("open follow-ups"), open_follow_ups.count()),
    ]
    items = [
        TimelineItem(
            r.examined_on,
            f"{r.worker.name}：{r.get_conclusion_display()}",
            r.advice,
            reverse("exams:result_detail", args=[r.pk]),
        )
        for r in results.select_related("worker").exclude(conclusion="no_abnormality")[:RECENT]
    ]
    return Section("exams", _("Occupational health exams"), facts=facts, items=items)


register_section(FileKind.WORKER, SectionProvider("exams", _("Occupational health exams"), _worker_exams, order=20))
register_section(
    FileKind.WORKER, SectionProvider("exam_follow_ups", _("Exam follow-ups"), _worker_follow_ups, order=21)
)
register_section(
    FileKind.ENTERPRISE, SectionProvider("exams", _("Occupational health exams"), _enterprise_exams, order=40)
)
