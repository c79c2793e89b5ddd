from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ohs.core.forms import StyledForm


class PushForm(StyledForm):
    shortfall_code = forms.CharField(widget=forms.HiddenInput)
    evidence = forms.CharField(widget=forms.HiddenInput, required=False)
    working_days = forms.IntegerField(label=_("working days to rectify"), min_value=1, max_value=120)
    instructions = forms.CharField(label=_("instructions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data: object, initial: object = None) -> object:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class SubmitForm(StyledForm):
    actions_taken = forms.CharField(label=_("actions taken"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = MultipleFileField(label=_("evidence files"), required=False, widget=MultipleFileInput)


class ReturnForm(StyledForm):
    reason = forms.CharField(label=_("reason for sending back"), widget=forms.Textarea(attrs={"rows": 2}))


class ConfigForm(StyledForm):
    config_json = forms.CharField(label=_("configuration (JSON)"), widget=forms.Textarea(attrs={"rows": 20}))
    activate = forms.BooleanField(label=_("put in force now"), required=False, initial=True)


class SelfInspectionForm(StyledForm):
    performed_on = forms.DateField(label=_("performed on"), widget=forms.DateInput(attrs={"type": "date"}))
    score = forms.DecimalField(label=_("self-check score (0-100)"), min_value=0, max_value=100, decimal_places=1)
