"""Forms of the enforcement pages: one small form per step of the case."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ohs.core.forms import StyledForm
from ohs.enforcement.choices import EvidenceKind, RemedyKind, RemedyOutcome
from ohs.enforcement.reference import article_choices
from ohs.enforcement.rules.no_penalty import Harm
from ohs.enforcement.rules.violations import Circumstance, TierLevel
from ohs.registry.models import Employer

DATE = forms.DateInput(attrs={"type": "date"})
MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


class _Articles(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=article_choices, **kwargs)


class OpenCaseForm(StyledForm):
    employer: forms.ModelChoiceField[Employer] = forms.ModelChoiceField(
        label=_("employer"), queryset=Employer.objects.none()
    )
    article = _Articles(label=_("violated provision"))
    findings = forms.CharField(label=_("facts found"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers  # type: ignore[attr-defined]


class EmptyForm(StyledForm):
    pass


class ArticleForm(StyledForm):
    article = _Articles(label=_("violated provision"))


class EvidenceForm(StyledForm):
    kind = forms.ChoiceField(label=_("kind"), choices=EvidenceKind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    content = forms.CharField(label=_("content"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    collected_on = forms.DateField(label=_("collected on"), widget=DATE, required=False)
    file = forms.FileField(label=_("file"), required=False)


class CorrectionForm(StyledForm):
    deadline = forms.DateField(label=_("correction deadline"), widget=DATE)


class CorrectedForm(StyledForm):
    corrected_on = forms.DateField(label=_("corrected on"), widget=DATE)


class ProposalForm(StyledForm):
    circumstances = forms.MultipleChoiceField(
        label=_("circumstances"),
        choices=[(c.value, c.value) for c in Circumstance],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class NoticeForm(StyledForm):
    fine_yuan = forms.DecimalField(label=_("fine (yuan)"), required=False, **MONEY)  # type: ignore[arg-type]
    departure_reason = forms.CharField(
        label=_("reason for departing from the proposal"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DefenceForm(StyledForm):
    defence = forms.CharField(label=_("statement and defence"), widget=forms.Textarea(attrs={"rows": 2}))
    revised_fine_yuan = forms.DecimalField(label=_("fine after the defence (yuan)"), required=False, **MONEY)  # type: ignore[arg-type]


class HearingRequestForm(StyledForm):
    requested_on = forms.DateField(label=_("hearing requested on"), widget=DATE)


class HearingNoticeForm(StyledForm):
    hearing_on = forms.DateField(label=_("hearing date"), widget=DATE)
    place = forms.CharField(label=_("hearing place"), max_length=200)


class RecordForm(StyledForm):
    record = forms.CharField(label=_("record"), widget=forms.Textarea(attrs={"rows": 2}))


class OpinionForm(StyledForm):
    opinion = forms.CharField(label=_("legal review opinion"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(StyledForm):
    days = forms.IntegerField(label=_("extension (days)"), min_value=1)
    reason = forms.CharField(label=_("reason"), max_length=300)


class DecisionForm(StyledForm):
    decision_text = forms.CharField(label=_("decision"), widget=forms.Textarea(attrs={"rows": 2}))


class ServedForm(StyledForm):
    served_on = forms.DateField(label=_("decision served on"), widget=DATE)


class PaidForm(StyledForm):
    paid_on = forms.DateField(label=_("paid on"), widget=DATE)


class ReminderForm(StyledForm):
    reminder_served_on = forms.DateField(label=_("reminder served on"), widget=DATE)


class CourtForm(StyledForm):
    court = forms.CharField(label=_("court"), max_length=100)
    applied_on = forms.DateField(label=_("court application on"), widget=DATE)


class RemedyForm(StyledForm):
    kind = forms.ChoiceField(label=_("kind"), choices=RemedyKind.choices)
    body = forms.CharField(label=_("reconsideration body or court"), max_length=100)
    filed_on = forms.DateField(label=_("filed on"), widget=DATE)


class RemedyOutcomeForm(StyledForm):
    remedy = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("outcome"), choices=RemedyOutcome.choices[1:])
    note = forms.CharField(label=_("outcome note"), required=False)


class OfferCommitmentForm(StyledForm):
    item_id = forms.ChoiceField(label=_("no-penalty list item"))
    harm = forms.ChoiceField(label=_("harmful consequence"), choices=[(h.value, h.value) for h in Harm])
    corrected_in_time = forms.BooleanField(label=_("corrected in time"), required=False)

    def __init__(self, *args: Any, items: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item_id"].choices = items or []  # type: ignore[attr-defined]


class SignForm(StyledForm):
    signed_by = forms.CharField(label=_("signed by"), max_length=64)


class EducationForm(StyledForm):
    education_record = forms.CharField(label=_("education record"), widget=forms.Textarea(attrs={"rows": 2}))


class RefinementForm(StyledForm):
    article = _Articles(label=_("article"))
    level = forms.ChoiceField(label=_("tier"), choices=[(t.value, t.value) for t in TierLevel])
    fine_min_yuan = forms.DecimalField(label=_("lowest fine (yuan)"), **MONEY)  # type: ignore[arg-type]
    fine_max_yuan = forms.DecimalField(label=_("highest fine (yuan)"), **MONEY)  # type: ignore[arg-type]
    version = forms.CharField(label=_("version"), max_length=64)
    condition = forms.CharField(label=_("condition"), max_length=200, required=False)


class CampaignForm(StyledForm):
    name = forms.CharField(label=_("name"), max_length=120)
    decided_from = forms.DateField(label=_("cases decided from"), widget=DATE)
    decided_to = forms.DateField(label=_("cases decided to"), widget=DATE)


class FindingForm(StyledForm):
    item_code = forms.ChoiceField(label=_("scoring item"))
    evidence = forms.CharField(label=_("evidence"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from ohs.enforcement.rules.case_review import REVIEW_ITEMS

        super().__init__(*args, **kwargs)
        self.fields["item_code"].choices = [(c, i.title_zh) for c, i in REVIEW_ITEMS.items()]  # type: ignore[attr-defined]


class DisputeForm(StyledForm):
    reason = forms.CharField(label=_("why it is disputed"), max_length=300)


class SettleForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("outcome"), choices=[("upheld", _("Deduction upheld")), ("withdrawn", _("Deduction withdrawn"))]
    )
    record = forms.CharField(label=_("legal discussion record"), max_length=300)


class AuditForm(StyledForm):
    county = forms.ChoiceField(label=_("county"))
    findings = forms.CharField(label=_("findings"), widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_due_on = forms.DateField(label=_("follow-up due by"), widget=DATE)

    def __init__(self, *args: Any, counties: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = counties  # type: ignore[attr-defined]


class FollowUpForm(StyledForm):
    follow_up = forms.CharField(label=_("follow-up"), widget=forms.Textarea(attrs={"rows": 2}))
