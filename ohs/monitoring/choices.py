"""Choices of the monitoring app, with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Quantity(models.TextChoices):
    """What a channel measures, as an occupational-health monitor reports it."""

    LAEQ = "laeq", _("Noise LAeq")
    TOTAL_DUST = "total_dust", _("Total dust")
    RESPIRABLE_DUST = "respirable_dust", _("Respirable dust")
    GAS = "gas", _("Toxic gas")
    WBGT = "wbgt", _("WBGT index")
    TEMPERATURE = "temperature", _("Temperature")
    HUMIDITY = "humidity", _("Humidity")


class DeviceStatus(models.TextChoices):
    UNKNOWN = "unknown", _("Never reported")
    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("Offline")


class Transport(models.TextChoices):
    MQTT = "mqtt", _("MQTT")
    HTTP = "http", _("HTTP")
    HJ212 = "hj212", _("HJ 212")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class TaskStatus(models.TextChoices):
    DISPATCHED = "dispatched", _("Waiting for verification")
    VERIFYING = "verifying", _("On-site verification")
    CLOSED = "closed", _("Handled")


class Outcome(models.TextChoices):
    """How an inspector disposed of a risk warning (核查处置)."""

    FALSE_ALARM = "false_alarm", _("False alarm or device fault")
    RECTIFY = "rectify", _("Employer told to rectify")
    ON_SITE = "on_site", _("On-site inspection done")
    CASE = "case", _("Case to be opened")


class DeadLetterStatus(models.TextChoices):
    NEW = "new", _("Waiting")
    REPLAYED = "replayed", _("Replayed")
    REPLAY_FAILED = "replay_failed", _("Replay rejected again")
