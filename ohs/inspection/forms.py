from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ohs.core.forms import StyledForm
from ohs.inspection.choices import ConflictRelation, PlanLevel
from ohs.risk.reference import inspection_items


def item_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} {name}") for code, name in inspection_items().items()]


class PlanForm(StyledForm):
    title = forms.CharField(label=_("title"), max_length=200)
    level = forms.ChoiceField(label=_("level"), choices=PlanLevel.choices)
    items = forms.MultipleChoiceField(
        label=_("inspection items"), choices=item_choices, widget=forms.CheckboxSelectMultiple
    )
    period_start = forms.DateField(label=_("period start"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("period end"), widget=forms.DateInput(attrs={"type": "date"}))
    ratio_jia = forms.DecimalField(label=_("ratio for 甲"), min_value=0, max_value=1, initial="0.05")
    ratio_yi = forms.DecimalField(label=_("ratio for 乙"), min_value=0, max_value=1, initial="0.1")
    ratio_bing = forms.DecimalField(label=_("ratio for 丙"), min_value=0, max_value=1, initial="0.2")
    pool_regions = forms.CharField(label=_("regions of the pool (codes, comma-separated)"), required=False)
    pool_industries = forms.CharField(label=_("industries of the pool (codes, comma-separated)"), required=False)
    min_inspectors_per_task = forms.IntegerField(label=_("inspectors per task"), min_value=2, initial=2)
    is_stratified_by_region = forms.BooleanField(label=_("stratified by region"), required=False)


class CompleteForm(StyledForm):
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    signed_by = forms.CharField(label=_("signed by (the entity's representative)"), required=False)
    refused_to_sign = forms.BooleanField(label=_("the entity refused to sign"), required=False)


class ComplaintForm(StyledForm):
    content = forms.CharField(label=_("content"), widget=forms.Textarea(attrs={"rows": 3}))
    channel = forms.CharField(label=_("channel"), initial="12345")
    received_on = forms.DateField(label=_("received on"), widget=forms.DateInput(attrs={"type": "date"}))
    complainant = forms.CharField(label=_("complainant"), required=False)
    contact = forms.CharField(label=_("contact"), required=False)


class InspectorAddForm(StyledForm):
    """The regulator adds one of its jurisdiction's inspectors (choices: those not yet in the pool)."""

    user_id = forms.TypedChoiceField(label=_("inspector"), coerce=int)
    former_employer = forms.CharField(
        label=_("former employer (credit code or full name, if any)"), max_length=128, required=False
    )

    def __init__(self, *args: object, candidates: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user_id"].choices = [("", "---------"), *candidates]  # type: ignore[attr-defined]


class FormerEmployerForm(StyledForm):
    former_employer = forms.CharField(
        label=_("former employer (credit code or full name; empty to clear)"), max_length=128, required=False
    )


class ConflictForm(StyledForm):
    """An inspector's declaration of an interest in an employer."""

    employer = forms.CharField(label=_("employer (credit code or full name)"), max_length=128)
    relation = forms.ChoiceField(label=_("relation"), choices=ConflictRelation.choices)
    reason = forms.CharField(label=_("details"), max_length=200)
    since_on = forms.DateField(label=_("since"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
