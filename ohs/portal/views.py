"""Public pages (no login): the front door and the verification of issued documents."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ohs.core.documents import check_copy
from ohs.core.forms import StyledForm
from ohs.core.models.documents import IssuedDocument

MAX_COPY_BYTES = 20 * 1024 * 1024  # a document copy to check; larger uploads are refused


def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    return render(request, "portal/landing.html")


class CopyForm(StyledForm):
    copy = forms.FileField(label=_("The PDF you hold"))

    def clean_copy(self) -> object:
        upload = self.cleaned_data["copy"]
        if upload.size > MAX_COPY_BYTES:
            raise forms.ValidationError(_("The file is too large to be one of our documents."))
        return upload


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Is this document authentic, who issued it and when; does a copy match it byte for byte?"""
    document = get_object_or_404(
        IssuedDocument.objects.select_related("issuer", "supersedes"), verification_code=code.strip().upper()
    )
    form = CopyForm(request.POST or None, request.FILES or None)
    check = None
    if request.method == "POST" and form.is_valid():
        check = check_copy(document, form.cleaned_data["copy"].read())
    newer = getattr(document, "superseded_by", None)
    context = {"document": document, "newer": newer, "form": form, "check": check}
    return render(request, "portal/verify.html", context)
