"""Employer pages: who is due (and overdue) for which exam, and booking a batch at a covering
institution on a day with places left."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.errors import DomainError
from ohs.core.forms import StyledForm, add_domain_error
from ohs.core.querysets import Action
from ohs.exams import services
from ohs.exams.choices import ExamCategory, HazardCategory, category_for_exam_type
from ohs.exams.due import WorkerDue, due_for_employer
from ohs.exams.forms import date_input
from ohs.exams.models import CapacityDay, ExamInstitution, ExamSite
from ohs.registry.models import Employer

BOOKING_HORIZON_DAYS = 30  # days of capacity shown on the booking page


def managed_employer(request: HttpRequest) -> Employer:
    """The employer the logged-in manager acts for."""
    employer = Employer.objects.for_actor(request.actor, Action.CHANGE).first()  # type: ignore[attr-defined]
    if employer is None:
        raise PermissionDenied
    return employer


def _rows(entries: list[WorkerDue]) -> list[dict[str, object]]:
    rows = []
    for entry in entries:
        for due in entry.due:
            rows.append(
                {
                    "entry": entry,
                    "due": due,
                    "category": str(category_for_exam_type(due.exam_type)),
                    "categories": entry.categories_for(due),
                    "booked": entry.is_booked(due),
                }
            )
    # Overdue first, then by date: what needs doing now is at the top.
    return sorted(rows, key=lambda r: (not r["due"].is_overdue, r["due"].due_on))  # type: ignore[attr-defined]


@login_required
@permission_required("exams.add_booking", raise_exception=True)
def due_list(request: HttpRequest) -> HttpResponse:
    employer = managed_employer(request)
    entries = due_for_employer(employer.pk, timezone.localdate())
    rows = _rows(entries)
    show = request.GET.get("show", "overdue")
    if show == "overdue":
        rows = [r for r in rows if r["due"].is_overdue]  # type: ignore[attr-defined]
    context = {
        "employer": employer,
        "rows": rows,
        "show": show,
        "edition": entries[0].edition if entries else None,
        "gaps": sorted({g.reason for e in entries for g in e.gaps}),
        "categories": ExamCategory.choices,
    }
    return render(request, "exams/due_list.html", context)


class BookingForm(StyledForm):
    site = forms.ModelChoiceField(label=_("site"), queryset=ExamSite.objects.none())
    exam_on = forms.DateField(label=_("exam day"), widget=date_input())


def _capacity_table(
    institution: ExamInstitution, category: str, needed: dict[str, int], today: dt.date
) -> list[dict[str, object]]:
    """Per site and day: the places left for each hazard category the batch needs."""
    rows = CapacityDay.objects.filter(
        institution=institution,
        exam_category=category,
        exam_on__gte=today,
        exam_on__lte=today + dt.timedelta(days=BOOKING_HORIZON_DAYS),
        hazard_category__in=needed,
    ).select_related("site")
    by_day: dict[tuple[int, dt.date], dict[str, int]] = defaultdict(dict)
    sites: dict[int, ExamSite] = {}
    for row in rows:
        by_day[(row.site_id, row.exam_on)][row.hazard_category] = row.remaining
        sites[row.site_id] = row.site
    table = []
    for (site_id, day), left in sorted(by_day.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        fits = all(left.get(c, 0) >= n for c, n in needed.items())
        cells = [left.get(c, 0) for c in sorted(needed)]
        table.append({"site": sites[site_id], "day": day, "cells": cells, "fits": fits})
    return table


@login_required
@permission_required("exams.add_booking", raise_exception=True)
def book(request: HttpRequest) -> HttpResponse:
    """Choose an institution covering every hazard of the batch, then a site and a day."""
    actor = request.actor  # type: ignore[attr-defined]
    employer = managed_employer(request)
    data = request.POST if request.method == "POST" else request.GET
    worker_ids = [int(w) for w in data.getlist("worker") if w.isdigit()]
    category = data.get("category", ExamCategory.PERIODIC)
    today = timezone.localdate()
    entries = [e for e in due_for_employer(employer.pk, today) if e.worker.pk in worker_ids]
    needed: dict[str, int] = defaultdict(int)
    for entry in entries:
        due = next((d for d in entry.due if str(category_for_exam_type(d.exam_type)) == category), None)
        for hazard_category in entry.categories_for(due) if due else {h.category for h in entry.hazards}:
            needed[hazard_category] += 1
    institutions = [
        i
        for i in ExamInstitution.objects.for_actor(actor).select_related("organisation").order_by("organisation__name")
        if set(needed) <= set(i.hazard_categories)
    ]
    chosen = next((i for i in institutions if str(i.pk) == data.get("institution")), None)
    form = BookingForm(request.POST or None)
    if chosen is not None:
        form.fields["site"].queryset = ExamSite.objects.filter(institution=chosen, is_active=True)  # type: ignore[attr-defined]
    if request.method == "POST" and chosen is not None and form.is_valid():
        try:
            booking = services.book_batch(
                actor=actor,
                employer=employer,
                institution=chosen,
                site=form.cleaned_data["site"],
                exam_on=form.cleaned_data["exam_on"],
                exam_category=category,
                worker_ids=worker_ids,
            )
        except DomainError as error:
            add_domain_error(form, error, {"exam_on": "exam_on", "worker_ids": "exam_on", "institution_id": "site"})
        else:
            return redirect("exams:booking_detail", pk=booking.pk)
    context = {
        "employer": employer,
        "entries": entries,
        "worker_ids": worker_ids,
        "category": category,
        "category_label": dict(ExamCategory.choices).get(category, category),
        "needed": dict(needed),
        "needed_labels": [f"{HazardCategory(c).label}（{needed[c]}）" for c in sorted(needed)],
        "institutions": [(i, services.is_stale(i)) for i in institutions],
        "chosen": chosen,
        "table": _capacity_table(chosen, category, dict(needed), today) if chosen else [],
        "form": form,
    }
    return render(request, "exams/book.html", context)
