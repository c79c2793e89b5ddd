"""Adding workplaces, posts and responsible people to an employer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ohs.core.errors import DomainError
from ohs.core.forms import add_domain_error
from ohs.core.querysets import Action
from ohs.registry import queries, services
from ohs.registry.forms import ContactForm, PostForm, WorkplaceForm
from ohs.registry.models import Contact, Employer


def _form_page(
    request: HttpRequest, employer: Employer, form: forms.Form, title: Any, save: Callable[[], object]
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("registry:employer_detail", pk=employer.pk)
    return render(request, "core/form.html", {"form": form, "title": f"{employer.name} · {title}"})


@login_required
@permission_required("registry.change_employer", raise_exception=True)
def workplace_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employer = queries.get_employer_for(actor, pk, Action.CHANGE)
    form = WorkplaceForm(request.POST or None)
    return _form_page(
        request,
        employer,
        form,
        _("Add a workplace"),
        lambda: services.add_workplace(actor=actor, employer=employer, **form.cleaned_data),
    )


@login_required
@permission_required("registry.change_employer", raise_exception=True)
def post_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employer = queries.get_employer_for(actor, pk, Action.CHANGE)
    form = PostForm(request.POST or None, employer=employer)
    return _form_page(
        request,
        employer,
        form,
        _("Add a post"),
        lambda: services.add_post(actor=actor, employer=employer, data=form.to_data()),
    )


@login_required
@permission_required("registry.change_employer", raise_exception=True)
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    employer = queries.get_employer_for(actor, pk, Action.CHANGE)
    form = ContactForm(request.POST or None)
    return _form_page(
        request,
        employer,
        form,
        _("Add a responsible person"),
        lambda: services.add_contact(actor=actor, employer=employer, data=form.to_data()),
    )


@require_POST
@login_required
@permission_required("registry.change_employer", raise_exception=True)
def contact_remove(request: HttpRequest, pk: int, contact_id: int) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    contact = Contact.objects.get_for(actor, Action.CHANGE, pk=contact_id, employer_id=pk)
    services.remove_contact(actor=actor, contact=contact)
    return redirect("registry:employer_detail", pk=pk)
