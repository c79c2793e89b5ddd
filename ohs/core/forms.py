"""Form helpers: a service's DomainError shows on the field it names."""

from __future__ import annotations

from django import forms

from ohs.core.errors import DomainError


def add_domain_error(form: forms.Form, error: DomainError, field_map: dict[str, str] | None = None) -> None:
    """Attach each field message of ``error`` to the form field it concerns (or the form)."""
    mapping = field_map or {}
    if not error.fields:
        form.add_error(None, error.message)
        return
    for name, messages in error.fields.items():
        target = mapping.get(name, name)
        for message in messages:
            form.add_error(target if target in form.fields else None, message)


class StyledForm(forms.Form):
    """Bootstrap classes on every widget, and ``is-invalid`` on fields with errors."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            widget = field.widget
            css = (
                "form-select"
                if isinstance(widget, forms.Select)
                else "form-check-input"
                if isinstance(widget, forms.CheckboxInput)
                else "form-control"
            )
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid"
                widget.attrs["aria-invalid"] = "true"
