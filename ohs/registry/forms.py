from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ohs.core.actor import Actor
from ohs.core.forms import StyledForm
from ohs.geo.queries import county_choices_for
from ohs.registry.choices import SizeClass
from ohs.registry.services import EmployerData


class EmployerForm(StyledForm):
    uscc = forms.CharField(label=_("unified social credit code"), max_length=18)
    name = forms.CharField(label=_("name"), max_length=128)
    county_code = forms.ChoiceField(label=_("county"))
    legal_representative = forms.CharField(label=_("legal representative"), max_length=64, required=False)
    industry_code = forms.CharField(label=_("industry (GB/T 4754-2017)"), max_length=5, required=False)
    economic_type = forms.CharField(label=_("economic type"), max_length=32, required=False)
    size_class = forms.ChoiceField(label=_("size"), choices=[("", "—"), *SizeClass.choices], required=False)
    address = forms.CharField(label=_("address"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("contact person"), max_length=64, required=False)
    contact_phone = forms.CharField(label=_("contact phone"), max_length=32, required=False)

    def __init__(self, *args: Any, actor: Actor, current_county: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county_code"].choices = county_choices_for(actor, current_county)  # type: ignore[attr-defined]

    def to_data(self) -> EmployerData:
        return EmployerData(**self.cleaned_data)
