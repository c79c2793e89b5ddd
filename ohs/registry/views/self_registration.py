"""The public page where an employer registers itself."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from ohs.core.errors import DomainError
from ohs.core.forms import add_domain_error
from ohs.registry import services
from ohs.registry.forms import SelfRegistrationForm


@require_http_methods(["GET", "POST"])
def self_register(request: HttpRequest) -> HttpResponse:
    """No login: the employer's manager fills in the facts and chooses a login."""
    form = SelfRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employer = services.self_register_employer(data=form.to_data(), applicant=form.to_applicant())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return render(request, "registry/self_registered.html", {"employer": employer})
    return render(request, "registry/self_register.html", {"form": form})
