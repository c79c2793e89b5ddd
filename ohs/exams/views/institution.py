"""The exam institution's own page: registered scope, sites and the daily capacity (by hand, by
copying a week, or confirming the figures are still right)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.actor import Actor
from ohs.core.errors import DomainError
from ohs.core.forms import StyledForm
from ohs.exams import queries, services
from ohs.exams.choices import ExamCategory, HazardCategory
from ohs.exams.forms import date_input
from ohs.exams.models import CapacityDay, ExamInstitution, ExamSite
from ohs.geo.models import Region

DAYS_SHOWN = 14


class ScopeForm(StyledForm):
    hazard_categories = forms.MultipleChoiceField(
        label=_("registered hazard categories"), choices=HazardCategory.choices, widget=forms.CheckboxSelectMultiple
    )


class SiteForm(StyledForm):
    name = forms.CharField(label=_("site"), max_length=100)
    address = forms.CharField(label=_("address"), max_length=200, required=False)
    county_code = forms.ChoiceField(label=_("county"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        counties = Region.objects.counties().order_by("code").values_list("code", "name")
        self.fields["county_code"].choices = list(counties)  # type: ignore[attr-defined]


class CapacityForm(StyledForm):
    site = forms.ModelChoiceField(label=_("site"), queryset=ExamSite.objects.none())
    exam_on = forms.DateField(label=_("exam day"), widget=date_input())
    exam_category = forms.ChoiceField(label=_("exam category"), choices=ExamCategory.choices)
    hazard_category = forms.ChoiceField(label=_("hazard category"), choices=HazardCategory.choices)
    capacity = forms.IntegerField(label=_("places"), min_value=0)


class CopyWeekForm(StyledForm):
    week_of = forms.DateField(label=_("copy the week of"), widget=date_input())
    weeks = forms.IntegerField(label=_("for the next weeks"), min_value=1, initial=1)


def _own(request: HttpRequest) -> ExamInstitution:
    institution = queries.own_institution(request.actor)  # type: ignore[attr-defined]
    if institution is None:
        raise PermissionDenied
    return institution


@login_required
@permission_required("exams.change_capacityday", raise_exception=True)
def institution_home(request: HttpRequest) -> HttpResponse:
    institution = _own(request)
    today = timezone.localdate()
    capacity_form = CapacityForm(initial={"exam_on": today + dt.timedelta(days=1)})
    capacity_form.fields["site"].queryset = institution.sites.filter(is_active=True)  # type: ignore[attr-defined]
    rows = CapacityDay.objects.filter(
        institution=institution, exam_on__gte=today, exam_on__lt=today + dt.timedelta(days=DAYS_SHOWN)
    ).select_related("site")
    context = {
        "institution": institution,
        "stale": services.is_stale(institution),
        "scope_form": ScopeForm(initial={"hazard_categories": institution.hazard_categories}),
        "site_form": SiteForm(),
        "capacity_form": capacity_form,
        "copy_form": CopyWeekForm(initial={"week_of": today}),
        "rows": rows,
        "sites": institution.sites.select_related("county"),
    }
    return render(request, "exams/institution_home.html", context)


def _done(request: HttpRequest, action: Callable[[], object]) -> HttpResponse:
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("Saved."))
    return redirect("exams:institution_home")


def _invalid(request: HttpRequest, form: forms.Form) -> HttpResponse:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label} {' '.join(str(e) for e in errors)}".strip())
    return redirect("exams:institution_home")


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


@require_POST
@login_required
@permission_required("exams.change_examinstitution", raise_exception=True)
def institution_scope(request: HttpRequest) -> HttpResponse:
    institution, form = _own(request), ScopeForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    categories = form.cleaned_data["hazard_categories"]
    return _done(
        request,
        lambda: services.set_scope(actor=_actor(request), institution=institution, hazard_categories=categories),
    )


@require_POST
@login_required
@permission_required("exams.add_examsite", raise_exception=True)
def institution_site(request: HttpRequest) -> HttpResponse:
    institution, form = _own(request), SiteForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    return _done(
        request, lambda: services.add_site(actor=_actor(request), institution=institution, **form.cleaned_data)
    )


@require_POST
@login_required
@permission_required("exams.change_capacityday", raise_exception=True)
def institution_capacity(request: HttpRequest) -> HttpResponse:
    institution = _own(request)
    form = CapacityForm(request.POST)
    form.fields["site"].queryset = institution.sites.filter(is_active=True)  # type: ignore[attr-defined]
    if not form.is_valid():
        return _invalid(request, form)
    data = form.cleaned_data
    entry = services.CapacityEntry(
        data["site"].pk, data["exam_on"], data["exam_category"], data["hazard_category"], data["capacity"]
    )
    return _done(
        request,
        lambda: services.publish_capacity(actor=_actor(request), institution=institution, entries=[entry]),
    )


@require_POST
@login_required
@permission_required("exams.change_capacityday", raise_exception=True)
def institution_copy_week(request: HttpRequest) -> HttpResponse:
    institution, form = _own(request), CopyWeekForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    return _done(
        request, lambda: services.copy_week(actor=_actor(request), institution=institution, **form.cleaned_data)
    )


@require_POST
@login_required
@permission_required("exams.change_capacityday", raise_exception=True)
def institution_confirm(request: HttpRequest) -> HttpResponse:
    """Today's figures are still right: counts as the daily update."""
    institution = _own(request)
    return _done(request, lambda: services.publish_capacity(actor=_actor(request), institution=institution, entries=[]))
