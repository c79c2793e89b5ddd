"""The registry's sections of the enterprise file: who the employer is, its structure, its staff,
and the documents issued about it."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ohs.core.actor import Actor
from ohs.core.archives import FileKind, Section, SectionProvider, TimelineItem, register_section
from ohs.core.models.documents import IssuedDocument
from ohs.registry.models import Declaration, Employer
from ohs.registry.queries import latest_accepted_declaration
from ohs.workers.models import Employment

RECENT_STAFF_CHANGES = 20


def _basics(actor: Actor, employer: Employer) -> Section:
    facts = [
        (_("unified social credit code"), employer.uscc),
        (_("county"), employer.county.full_name),
        (_("industry (GB/T 4754-2017)"), employer.industry_code or "—"),
        (_("legal representative"), employer.legal_representative or "—"),
        (_("status"), employer.get_status_display()),
        (_("principal person"), "、".join(c.name for c in employer.contacts.filter(role="principal")) or "—"),
        (_("occupational-health managers"), "、".join(c.name for c in employer.contacts.filter(role="manager")) or "—"),
    ]
    return Section("basics", _("Basic information"), facts=facts)


def _structure(actor: Actor, employer: Employer) -> Section:
    workplaces = employer.workplaces.prefetch_related("posts")
    facts = [(w.name, "、".join(p.name for p in w.posts.all()) or "—") for w in workplaces]
    return Section("structure", _("Workplaces and posts"), facts=facts, empty_text=_("No workplaces recorded yet."))


def _staff(actor: Actor, employer: Employer) -> Section:
    employments = Employment.objects.for_actor(actor).filter(employer=employer)
    recent = employments.select_related("worker", "post").order_by("-started_on")[:RECENT_STAFF_CHANGES]
    items = [
        TimelineItem(
            e.started_on,
            f"{e.worker.name} 入职",
            e.post.name if e.post else "",
            reverse("workers:worker_detail", args=[e.worker_id]),
        )
        for e in recent
    ]
    items += [TimelineItem(e.ended_on, f"{e.worker.name} 离职", e.end_reason) for e in recent if e.ended_on]
    facts = [(_("workers employed now"), employments.filter(ended_on__isnull=True).count())]
    return Section("staff", _("Workers"), facts=facts, items=items)


def _documents(actor: Actor, employer: Employer) -> Section:
    """Documents about the employer itself or about its declarations (receipts)."""
    declaration_ids = [str(pk) for pk in employer.declarations.values_list("pk", flat=True)]
    about_employer = Q(subject_type="registry.employer", subject_id=str(employer.pk))
    about_declarations = Q(subject_type="registry.declaration", subject_id__in=declaration_ids)
    documents = IssuedDocument.objects.filter(about_employer | about_declarations)
    items = [
        TimelineItem(
            d.issued_at.date(),
            d.title,
            f"{d.issuer.name} · {d.verification_code}",
            reverse("portal:verify", args=[d.verification_code]),
        )
        for d in documents.select_related("issuer")
    ]
    return Section("documents", _("Documents issued"), items=items, empty_text=_("No documents yet."))


register_section(FileKind.ENTERPRISE, SectionProvider("basics", _("Basic information"), _basics, order=0))
register_section(FileKind.ENTERPRISE, SectionProvider("structure", _("Workplaces and posts"), _structure, order=10))
register_section(FileKind.ENTERPRISE, SectionProvider("staff", _("Workers"), _staff, order=20))
register_section(FileKind.ENTERPRISE, SectionProvider("documents", _("Documents issued"), _documents, order=90))


def _declarations(actor: Actor, employer: Employer) -> Section:
    declarations = Declaration.objects.for_actor(actor).filter(employer=employer).order_by("-created_at")
    items = [
        TimelineItem(
            (d.submitted_at or d.created_at).date(),
            f"{d.get_kind_display()}：{d.get_status_display()}{'（逾期）' if d.is_late else ''}",
            f"应于 {d.due_on:%Y-%m-%d} 前申报",
            reverse("registry:declaration_detail", args=[d.pk]),
        )
        for d in declarations
    ]
    current = latest_accepted_declaration(employer)
    facts = []
    if current is not None:
        for item in current.items.select_related("post", "agent"):
            facts.append((f"{item.post.name}", f"{item.agent.name_zh}（{item.exposed_workers}人）"))
    return Section(
        "declarations", _("Hazard declarations"), facts=facts, items=items, empty_text=_("No declaration yet.")
    )


register_section(
    FileKind.ENTERPRISE, SectionProvider("declarations", _("Hazard declarations"), _declarations, order=15)
)
