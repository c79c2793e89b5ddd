"""The workers app's sections of the worker file (一人一档): who they are, where they worked."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ohs.core.actor import Actor
from ohs.core.archives import FileKind, Section, SectionProvider, TimelineItem, register_section
from ohs.workers.models import Employment, Worker
from ohs.workers.queries import exposures_for


def _basics(actor: Actor, worker: Worker) -> Section:
    facts = [
        (_("ID number"), worker.id_number_masked),
        (_("sex"), worker.get_sex_display()),
        (_("birth date"), worker.birth_date),
        (_("current employer"), worker.current_employer.name if worker.current_employer else "—"),
    ]
    return Section("basics", _("Basic information"), facts=facts)


def _employment(actor: Actor, worker: Worker) -> Section:
    spells = Employment.objects.filter(worker=worker).select_related("employer", "post").order_by("-started_on")
    items = []
    for spell in spells:
        post = f" · {spell.post.name}" if spell.post else ""
        items.append(TimelineItem(spell.started_on, f"入职 {spell.employer.name}", post.strip(" ·")))
        if spell.ended_on:
            items.append(TimelineItem(spell.ended_on, f"离职 {spell.employer.name}", spell.end_reason))
    return Section("employment", _("Employment history"), items=items, empty_text=_("No employment recorded."))


def _exposures(actor: Actor, worker: Worker) -> Section:
    facts = [(f"{e.employer.name} · {e.post.name}", e.agent.name_zh) for e in exposures_for(worker)]
    return Section(
        "exposures", _("Hazards at work"), facts=facts, empty_text=_("No declared hazard at the current post.")
    )


register_section(FileKind.WORKER, SectionProvider("basics", _("Basic information"), _basics, order=0))
register_section(FileKind.WORKER, SectionProvider("employment", _("Employment history"), _employment, order=10))
register_section(FileKind.WORKER, SectionProvider("exposures", _("Hazards at work"), _exposures, order=5))
