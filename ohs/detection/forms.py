from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ohs.core.forms import StyledForm
from ohs.detection.choices import JudgementEdition, ProjectPurpose, SampleKind
from ohs.detection.models import Equipment, PlanItem
from ohs.detection.services import PlanItemData, ResultData, ScopeData, SignatoryData, SurveyPostData
from ohs.hazards.choices import Category
from ohs.hazards.models import Agent
from ohs.orgs.models import User
from ohs.registry.models import Post

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what <input type=date> accepts


class ProjectForm(StyledForm):
    employer_uscc = forms.CharField(label=_("employer's unified social credit code"), max_length=18)
    contract_number = forms.CharField(label=_("contract number"), max_length=64)
    contract_signed_on = forms.DateField(label=_("contract signed on"), widget=DATE)
    purpose = forms.ChoiceField(label=_("purpose"), choices=ProjectPurpose.choices)
    edition = forms.ChoiceField(
        label=_("edition of GBZ 2.1 used for judgement"),
        choices=JudgementEdition.choices,
        initial=JudgementEdition.GBZ_2_1_2019,
        help_text=_("GBZ 2.1-2019 unless the project re-issues a report written under GBZ 2.1-2007"),
    )


class SurveyPostForm(StyledForm):
    post_id = forms.TypedChoiceField(label=_("post"), coerce=int)
    exposed_workers = forms.IntegerField(label=_("exposed workers"), min_value=0)
    shift_hours = forms.DecimalField(label=_("working hours per day"), max_digits=4, decimal_places=1)
    days_per_week = forms.DecimalField(label=_("working days per week"), max_digits=3, decimal_places=1)
    work_schedule = forms.CharField(label=_("work schedule"), max_length=200, required=False)
    controls = forms.CharField(label=_("engineering controls and PPE"), max_length=300, required=False)

    def __init__(self, *args: Any, posts: QuerySet[Post], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["post_id"].choices = [(p.pk, f"{p.workplace.name}/{p.name}") for p in posts]  # type: ignore[attr-defined]

    def to_data(self) -> SurveyPostData:
        return SurveyPostData(**self.cleaned_data)


class SurveyDoneForm(StyledForm):
    process_description = forms.CharField(label=_("production process"), widget=forms.Textarea(attrs={"rows": 3}))


class PlanItemForm(StyledForm):
    sample_kind = forms.ChoiceField(label=_("sampling type"), choices=[("", "—"), *SampleKind.choices], required=False)
    samples_planned = forms.IntegerField(label=_("samples planned"), min_value=0, initial=0)
    duration_minutes = forms.IntegerField(label=_("duration per sample (min)"), min_value=0, initial=0)
    exposure_hours = forms.DecimalField(label=_("exposure hours per day"), max_digits=4, decimal_places=2)
    method_standard = forms.CharField(label=_("method standard"), max_length=100, required=False)
    equipment_note = forms.CharField(label=_("equipment"), max_length=100, required=False)
    free_silica_percent = forms.DecimalField(label=_("free SiO2 (%)"), max_digits=5, decimal_places=2, required=False)
    justification = forms.CharField(label=_("reason for not sampling"), max_length=300, required=False)

    def to_data(self) -> PlanItemData:
        return PlanItemData(**self.cleaned_data)


class NewPlanItemForm(PlanItemForm):
    survey_post_id = forms.TypedChoiceField(label=_("post"), coerce=int)
    agent_id = forms.ModelChoiceField(label=_("hazard"), queryset=Agent.objects.filter(is_active=True))

    field_order = ["survey_post_id", "agent_id"]

    def __init__(self, *args: Any, survey_posts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survey_post_id"].choices = [(sp.pk, sp.post.name) for sp in survey_posts]  # type: ignore[attr-defined]

    def to_data(self) -> PlanItemData:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("survey_post_id", "agent_id")}
        return PlanItemData(**data)


class SampleStartForm(StyledForm):
    plan_item = forms.ModelChoiceField(label=_("what to sample"), queryset=PlanItem.objects.none())
    equipment = forms.ModelChoiceField(label=_("equipment"), queryset=Equipment.objects.none())
    location = forms.CharField(label=_("sampling location"), max_length=200)
    flow_before_l_per_min = forms.DecimalField(
        label=_("flow before (L/min)"), required=False, max_digits=10, decimal_places=4
    )
    latitude = forms.DecimalField(label=_("latitude"), required=False, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(label=_("longitude"), required=False, max_digits=9, decimal_places=6)
    photo = forms.FileField(
        label=_("photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    def __init__(self, *args: Any, items: QuerySet[PlanItem], equipment: QuerySet[Equipment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan_item"].queryset = items  # type: ignore[attr-defined]
        self.fields["plan_item"].label_from_instance = lambda i: (  # type: ignore[attr-defined]
            f"{i.survey_post.post.name} · {i.agent.name_zh} · {i.get_sample_kind_display()}"
        )
        self.fields["equipment"].queryset = equipment  # type: ignore[attr-defined]


class SampleFinishForm(StyledForm):
    flow_after_l_per_min = forms.DecimalField(
        label=_("flow after (L/min)"), required=False, max_digits=10, decimal_places=4
    )
    photo = forms.FileField(
        label=_("photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )


class ResultForm(StyledForm):
    value = forms.DecimalField(label=_("result (mg/m3, or dB(A) for noise)"), max_digits=20, decimal_places=6)
    mass_ug = forms.DecimalField(label=_("mass found (ug)"), required=False, max_digits=20, decimal_places=6)
    volume_l = forms.DecimalField(label=_("air volume (L)"), required=False, max_digits=10, decimal_places=3)
    lod = forms.DecimalField(label=_("limit of detection"), required=False, max_digits=20, decimal_places=6)

    def to_data(self) -> ResultData:
        return ResultData(**self.cleaned_data)


class ResultUploadForm(StyledForm):
    file = forms.FileField(label=_("lab results (Excel)"))


class ReviseForm(StyledForm):
    reason = forms.CharField(
        label=_("reason for the revision"),
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": _("reason for the revision")}),
    )


class EquipmentForm(StyledForm):
    name = forms.CharField(label=_("equipment"), max_length=100)
    serial_number = forms.CharField(label=_("serial number"), max_length=64)
    calibrated_until = forms.DateField(label=_("calibration valid until"), widget=DATE)


class ScopeForm(StyledForm):
    """What the signatory may sign for: every item, whole hazard categories and/or single hazards."""

    scope_all = forms.BooleanField(label=_("every measurement item"), required=False)
    categories = forms.MultipleChoiceField(
        label=_("hazard categories"),
        choices=Category.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": len(Category.choices)}),
    )
    agent_ids = forms.ModelMultipleChoiceField(
        label=_("single hazards"),
        queryset=Agent.objects.filter(is_active=True).order_by("category", "name_initials"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("items of the qualification scope outside the categories chosen above"),
    )

    def to_scope(self) -> ScopeData:
        data = self.cleaned_data
        return ScopeData(
            covers_all=bool(data["scope_all"]),
            categories=tuple(data["categories"]),
            agent_ids=tuple(a.pk for a in data["agent_ids"]),
        )


class ValidityForm(StyledForm):
    basis = forms.CharField(
        label=_("basis of the authorisation"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. CMA certificate, authorised signatory")}),
    )
    certificate_number = forms.CharField(label=_("qualification certificate number"), max_length=64)
    valid_from = forms.DateField(label=_("valid from"), widget=DATE)
    valid_until = forms.DateField(label=_("valid until"), widget=DATE)


class SignatoryForm(ValidityForm, ScopeForm):
    user_id = forms.ModelChoiceField(label=_("person"), queryset=User.objects.none())
    name = forms.CharField(
        label=_("name as authorised"),
        max_length=64,
        required=False,
        help_text=_("as printed on reports; the person's name in their account when left empty"),
    )

    field_order = ["user_id", "name", "basis", "certificate_number", "valid_from", "valid_until"]

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user_id"].queryset = staff  # type: ignore[attr-defined]

    def to_data(self) -> SignatoryData:
        data = self.cleaned_data
        return SignatoryData(
            user_id=data["user_id"].pk, name=data["name"], basis=data["basis"],
            certificate_number=data["certificate_number"], valid_from=data["valid_from"],
            valid_until=data["valid_until"], scope=self.to_scope(),
        )  # fmt: skip


class RevokeForm(StyledForm):
    reason = forms.CharField(label=_("reason for the revocation"), max_length=300)
