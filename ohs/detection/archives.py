"""The detection app's section of the enterprise file: its measurement projects and reports."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ohs.core.actor import Actor
from ohs.core.archives import FileKind, Section, SectionProvider, TimelineItem, register_section
from ohs.detection.choices import ProjectStatus
from ohs.detection.models import Project
from ohs.registry.models import Employer

RECENT_PROJECTS = 20


def _measurements(actor: Actor, employer: Employer) -> Section:
    projects = Project.objects.for_actor(actor).filter(employer=employer).select_related("institution")
    recent = list(projects.order_by("-created_at")[:RECENT_PROJECTS])
    items = [
        TimelineItem(
            (p.issued_at or p.created_at).date(),
            f"检测项目 {p.code}（{p.get_status_display()}）",
            p.institution.name,
            reverse("detection:project_detail", args=[p.pk]),
        )
        for p in recent
    ]
    issued = projects.filter(status=ProjectStatus.ISSUED)
    facts = [
        (_("measurement reports issued"), issued.count()),
        (_("results over the limit in issued reports"), issued.filter(findings__is_compliant=False).count()),
    ]
    return Section(
        "measurements", _("Hazard measurements"), facts=facts, items=items, empty_text=_("No measurement yet.")
    )


register_section(
    FileKind.ENTERPRISE, SectionProvider("measurements", _("Hazard measurements"), _measurements, order=40)
)
