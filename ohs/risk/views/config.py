"""The provincial regulator's page for the classification configuration (versioned JSON)."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ohs.core.errors import DomainError
from ohs.core.forms import add_domain_error
from ohs.risk.config_store import save_config
from ohs.risk.forms import ConfigForm
from ohs.risk.models import ClassificationConfigVersion
from ohs.risk.rules.classification import DEFAULT_CLASSIFICATION_CONFIG_DATA


@login_required
@permission_required("risk.view_classificationconfigversion", raise_exception=True)
def config_page(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    versions = list(ClassificationConfigVersion.objects.all()[:50])
    active = next((v for v in versions if v.is_active), None)
    current = active.data if active else DEFAULT_CLASSIFICATION_CONFIG_DATA
    form = ConfigForm(request.POST or None, initial={"config_json": json.dumps(current, ensure_ascii=False, indent=2)})
    if request.method == "POST" and form.is_valid():
        try:
            data = json.loads(form.cleaned_data["config_json"])
            if not isinstance(data, dict):
                raise DomainError("invalid", "the configuration must be a JSON object", field="data")
            save_config(actor=actor, data=data, activate=form.cleaned_data["activate"])
        except json.JSONDecodeError as error:
            form.add_error("config_json", f"JSON: {error}")
        except DomainError as error:
            add_domain_error(form, error, {"data": "config_json"})
        else:
            return redirect("risk:config")
    context = {
        "form": form,
        "versions": versions,
        "active": active,
        "default_version": DEFAULT_CLASSIFICATION_CONFIG_DATA["version"],
    }
    return render(request, "risk/config.html", context)
