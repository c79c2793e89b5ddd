from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ohs.core.actor import SYSTEM_ACTOR, Actor
from ohs.core.forms import StyledForm
from ohs.geo.queries import county_choices_for
from ohs.hazards.models import Agent
from ohs.registry.choices import ContactRole, DeclarationEvent, SizeClass
from ohs.registry.models import Employer, Post
from ohs.registry.services import Applicant, ContactData, EmployerData, PostData


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


class SelfRegistrationForm(EmployerForm):
    """A new employer registers itself: its facts plus the manager's login."""

    full_name = forms.CharField(label=_("your name"), max_length=64)
    phone = forms.CharField(label=_("your phone"), max_length=32)
    username = forms.CharField(label=_("user name"), max_length=150)
    password = forms.CharField(label=_("password"), widget=forms.PasswordInput(render_value=False))
    password_again = forms.CharField(label=_("password again"), widget=forms.PasswordInput(render_value=False))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, actor=SYSTEM_ACTOR, **kwargs)  # every county may be chosen

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data

    def to_data(self) -> EmployerData:
        fields = {k: v for k, v in self.cleaned_data.items() if k in EmployerData.__dataclass_fields__}
        return EmployerData(**fields)

    def to_applicant(self) -> Applicant:
        c = self.cleaned_data
        return Applicant(username=c["username"], password=c["password"], full_name=c["full_name"], phone=c["phone"])


class WorkplaceForm(StyledForm):
    name = forms.CharField(label=_("workplace"), max_length=100)
    address = forms.CharField(label=_("address"), max_length=200, required=False)


class PostForm(StyledForm):
    workplace_id = forms.TypedChoiceField(label=_("workplace"), coerce=int)
    name = forms.CharField(label=_("post"), max_length=100)
    shift_hours_per_day = forms.DecimalField(
        label=_("working hours per day"), initial=8, max_digits=4, decimal_places=1
    )
    days_per_week = forms.DecimalField(label=_("working days per week"), initial=5, max_digits=3, decimal_places=1)

    def __init__(self, *args: Any, employer: Employer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(w.pk, w.name) for w in employer.workplaces.filter(is_active=True)]
        self.fields["workplace_id"].choices = choices  # type: ignore[attr-defined]

    def to_data(self) -> PostData:
        return PostData(**self.cleaned_data)


class ContactForm(StyledForm):
    role = forms.ChoiceField(label=_("role"), choices=ContactRole.choices)
    name = forms.CharField(label=_("name"), max_length=64)
    title = forms.CharField(label=_("position"), max_length=64, required=False)
    phone = forms.CharField(label=_("phone"), max_length=32, required=False)
    is_full_time = forms.BooleanField(label=_("full-time"), required=False)

    def to_data(self) -> ContactData:
        return ContactData(**self.cleaned_data)


class DeclarationStartForm(StyledForm):
    employer = forms.ModelChoiceField(label=_("employer"), queryset=Employer.objects.none())
    event = forms.ChoiceField(label=_("reason"), choices=DeclarationEvent.choices)
    event_on = forms.DateField(label=_("event date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers  # type: ignore[attr-defined]


class DeclarationItemForm(StyledForm):
    post_id = forms.TypedChoiceField(label=_("post"), coerce=int)
    agent_id = forms.TypedChoiceField(label=_("hazard"), coerce=int)
    exposed_workers = forms.IntegerField(label=_("exposed workers"), min_value=0)

    def __init__(self, *args: Any, employer: Employer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        posts = Post.objects.filter(employer=employer, is_active=True).select_related("workplace")
        self.fields["post_id"].choices = [(p.pk, f"{p.workplace.name}/{p.name}") for p in posts]  # type: ignore[attr-defined]
        agents = Agent.objects.filter(is_active=True).order_by("category", "name_zh")
        self.fields["agent_id"].choices = [(a.pk, a.name_zh) for a in agents]  # type: ignore[attr-defined]


class ReturnForm(StyledForm):
    reason = forms.CharField(label=_("what must be corrected"), widget=forms.Textarea(attrs={"rows": 3}))
