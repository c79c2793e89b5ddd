"""Form pieces shared by the exam pages."""

from __future__ import annotations

from django import forms


def date_input() -> forms.DateInput:
    """The browser's date picker; ISO format so an initial date shows in every locale."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
