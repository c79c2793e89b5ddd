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


class DeclarationKind(models.TextChoices):
    FIRST = "first", _("first declaration")
    ANNUAL = "annual", _("annual update")
    CHANGE = "change", _("change declaration")


class DeclarationEvent(models.TextChoices):
    """What set the declaration's clock running (reference/declaration_windows.csv)."""

    REGISTRATION = "registration", _("registered on the platform")
    YEAR_END = "year_end", _("annual update")
    NEW_PROJECT_COMPLETED = "new_project_completed", _("a construction project was completed")
    PROCESS_CHANGE = "process_change", _("technology, process, equipment or materials changed")
    ENTITY_CHANGE = "entity_change", _("workplace, name, legal representative or principal changed")
    MEASUREMENT_FINDING = "measurement_finding", _("a measurement or assessment found a change")


EVENT_KIND = {
    DeclarationEvent.REGISTRATION: DeclarationKind.FIRST,
    DeclarationEvent.YEAR_END: DeclarationKind.ANNUAL,
    DeclarationEvent.NEW_PROJECT_COMPLETED: DeclarationKind.CHANGE,
    DeclarationEvent.PROCESS_CHANGE: DeclarationKind.CHANGE,
    DeclarationEvent.ENTITY_CHANGE: DeclarationKind.CHANGE,
    DeclarationEvent.MEASUREMENT_FINDING: DeclarationKind.CHANGE,
}


class DeclarationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("accepted")
    RETURNED = "returned", _("returned for correction")
