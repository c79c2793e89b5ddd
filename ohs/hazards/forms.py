"""Forms of the hazard catalogue: correct a value, add a value, add an agent."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ohs.core.forms import StyledForm
from ohs.hazards.choices import PHYSICAL_METRIC_LABELS, Category, Confidence, Metric
from ohs.hazards.loading import decimal_text
from ohs.hazards.models import VALUE_DECIMALS, VALUE_DIGITS, LimitValue
from ohs.hazards.services import AgentData, LimitCorrection, NewLimit

METRIC_CHOICES = [
    (_("GBZ 2.1 chemicals and dusts"), list(Metric.choices)),
    (_("GBZ 2.2 physical agents"), list(PHYSICAL_METRIC_LABELS.items())),
]
_REASON_HELP = _("Why the value changes, e.g. the amendment or the document that was checked. Kept in the history.")
_SOURCE_HELP = _("Where the value was read: the standard's clause, a document number or a web address.")


def _value_field(required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=_("value"), max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS, min_value=0, required=required
    )


def _reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("reason for the change"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_REASON_HELP
    )


def _confidence_field(required: bool = True) -> forms.ChoiceField:
    # No grade is preselected: the editor says how far the value is confirmed.
    choices = [("", "—"), *Confidence.choices]
    return forms.ChoiceField(label=_("confidence"), choices=choices, required=required)


class LimitCorrectionForm(StyledForm):
    value = _value_field()
    unit = forms.CharField(label=_("unit"), max_length=32)
    edition = forms.CharField(label=_("edition"), max_length=32)
    clause = forms.CharField(label=_("clause"), max_length=64, required=False)
    confidence = _confidence_field()
    source = forms.CharField(label=_("source"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_SOURCE_HELP)
    reason = _reason_field()

    @classmethod
    def initial_for(cls, limit: LimitValue) -> dict[str, Any]:
        """The form starts from the value in force, so only what changes needs typing."""
        initial = {name: getattr(limit, name) for name in ("unit", "edition", "clause", "confidence", "source")}
        # 3, not the column's 3.000000; an expression such as 400/t has no number to start from.
        initial["value"] = None if limit.value is None else Decimal(decimal_text(limit.value))
        return initial

    def to_correction(self) -> LimitCorrection:
        data = self.cleaned_data
        return LimitCorrection(
            value=data["value"],
            confidence=data["confidence"],
            source=data["source"],
            reason=data["reason"],
            unit=data["unit"],
            edition=data["edition"],
            clause=data["clause"],
        )


class NewLimitForm(StyledForm):
    metric = forms.ChoiceField(label=_("limit type"), choices=METRIC_CHOICES)
    value = _value_field()
    unit = forms.CharField(label=_("unit"), max_length=32, initial="mg/m3")
    condition = forms.CharField(label=_("condition"), max_length=200, required=False)
    edition = forms.CharField(label=_("edition"), max_length=32, initial="GBZ 2.1-2019")
    clause = forms.CharField(label=_("clause"), max_length=64, required=False)
    confidence = _confidence_field()
    source = forms.CharField(label=_("source"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_SOURCE_HELP)
    reason = _reason_field()

    def to_limit(self) -> NewLimit:
        data = self.cleaned_data
        names = ("metric", "unit", "edition", "confidence", "source", "condition", "clause")
        return NewLimit(value=Decimal(data["value"]), **{name: data[name] for name in names})


class AgentForm(NewLimitForm):
    """A new agent with its first limit value (leave the value empty for an agent without one)."""

    name_zh = forms.CharField(label=_("Chinese name"), max_length=64)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    cas = forms.CharField(label=_("CAS number"), max_length=16, required=False, help_text=_("e.g. 71-43-2"))
    category = forms.ChoiceField(label=_("category"), choices=Category.choices)
    carcinogen_class = forms.CharField(label=_("carcinogen class"), max_length=64, required=False)
    has_skin_notation = forms.BooleanField(label=_("skin notation"), required=False)
    is_sensitizer = forms.BooleanField(label=_("sensitizer"), required=False)
    notes = forms.CharField(
        label=_("critical effect and notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    value = _value_field(required=False)
    value.help_text = _("The agent's first limit value; leave empty for an agent without one.")
    source = forms.CharField(
        label=_("source"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_SOURCE_HELP, required=False
    )
    confidence = _confidence_field(required=False)

    metric = forms.ChoiceField(label=_("limit type"), choices=METRIC_CHOICES, required=False)
    unit = forms.CharField(label=_("unit"), max_length=32, initial="mg/m3", required=False)
    edition = forms.CharField(label=_("edition"), max_length=32, initial="GBZ 2.1-2019", required=False)

    _AGENT_FIELDS = ("name_zh", "name_en", "cas", "category", "carcinogen_class", "has_skin_notation", "is_sensitizer")
    field_order = [*_AGENT_FIELDS, "notes", *NewLimitForm.base_fields]

    def to_agent(self) -> AgentData:
        return AgentData(
            notes=self.cleaned_data["notes"], **{name: self.cleaned_data[name] for name in self._AGENT_FIELDS}
        )

    def to_limits(self) -> list[NewLimit]:
        """The first limit, when a value was given (the service checks its other fields)."""
        return [] if self.cleaned_data["value"] is None else [self.to_limit()]
