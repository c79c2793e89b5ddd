"""Enforcement's section of the enterprise file (一企一案): its cases, their codes and outcomes."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ohs.core.actor import Actor
from ohs.core.archives import FileKind, Section, SectionProvider, TimelineItem, register_section
from ohs.enforcement.models import Case
from ohs.registry.models import Employer

SECTION_CASES = 50


def _cases(actor: Actor, employer: Employer) -> Section:
    cases = list(Case.objects.for_actor(actor).filter(employer=employer).select_related("action_code")[:SECTION_CASES])
    items = [
        TimelineItem(
            c.decided_on or c.created_at.date(),
            f"{c.ref} {c.get_status_display()}",
            f"{c.action_code.code} {c.action_code.result}".strip(),
            reverse("enforcement:case_detail", args=[c.pk]),
        )
        for c in cases
    ]
    facts = [
        (_("cases"), len(cases)),
        (_("penalties decided"), sum(1 for c in cases if c.decided_on and not c.no_penalty_item)),
        (
            _("no penalty (first minor violation)"),
            sum(1 for c in cases if c.no_penalty_item and c.decided_on),
        ),
    ]
    return Section("enforcement", _("Enforcement cases"), facts=facts, items=items, empty_text=_("No case."))


register_section(FileKind.ENTERPRISE, SectionProvider("enforcement", _("Enforcement cases"), _cases, order=60))
