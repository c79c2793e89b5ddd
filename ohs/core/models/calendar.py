"""Holiday notices entered by the province for years the calendar library does not yet know."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayYear(models.Model):
    """A year whose State Council holiday notice has been entered in full."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    notice = models.CharField(_("notice"), max_length=200, help_text=_("Title and number of the State Council notice"))

    class Meta:
        ordering = ["year"]
        verbose_name = _("holiday notice")
        verbose_name_plural = _("holiday notices")

    def __str__(self) -> str:
        return f"{self.year}: {self.notice}"


class HolidayDay(models.Model):
    notice = models.ForeignKey(HolidayYear, on_delete=models.CASCADE, related_name="days")
    day = models.DateField(_("day"), unique=True)
    is_workday = models.BooleanField(
        _("make-up working day"), default=False, help_text=_("Ticked: a weekend day people work. Unticked: a holiday.")
    )
    name = models.CharField(_("name"), max_length=50, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("holiday or make-up day")
        verbose_name_plural = _("holidays and make-up days")

    def __str__(self) -> str:
        return f"{self.day} {self.name}"
