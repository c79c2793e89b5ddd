from django.db import models
from django.utils.translation import gettext_lazy as _


class EmployerStatus(models.TextChoices):
    PENDING = "pending", _("awaiting confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    CLOSED = "closed", _("closed")


class SizeClass(models.TextChoices):
    # 统计上大中小微型企业划分办法 (国统字〔2017〕213号)
    LARGE = "large", _("large")
    MEDIUM = "medium", _("medium")
    SMALL = "small", _("small")
    MICRO = "micro", _("micro")


class ContactRole(models.TextChoices):
    PRINCIPAL = "principal", _("principal person")
    MANAGER = "manager", _("occupational-health manager")
