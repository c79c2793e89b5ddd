"""Devices, channels, credentials, readings, alerts, risk warnings and their verification tasks.

A device belongs to an organisation (an employer today; a pool, hotel or clinic later) and
sits in a county, so every record here is scoped by ``county`` and ``owner``.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.models.tokens import hash_token
from ohs.core.querysets import Action, ScopedQuerySet, ScopeSpec
from ohs.monitoring.choices import (
    AlertStatus,
    DeadLetterStatus,
    DeviceStatus,
    Outcome,
    Quantity,
    TaskStatus,
    Transport,
)
from ohs.monitoring.rules.hj212_codes import Parameter
from ohs.monitoring.rules.validation import Unit
from ohs.orgs.choices import Role

PARAMETER_CHOICES = [(p.value, p.value) for p in Parameter]
UNIT_CHOICES = [(u.value, u.value) for u in Unit]


class DeviceQuerySet(ScopedQuerySet["Device"]):
    scope = ScopeSpec(region="county", organisation="owner")


class Device(models.Model):
    """A monitor (or a gateway's sub-device) identified on the wire by ``code`` (HJ 212 MN)."""

    code = models.CharField(_("device code (MN)"), max_length=24, unique=True)
    name = models.CharField(_("name"), max_length=100)
    # The supervised entity's platform organisation (an employer's, later a pool's or hotel's);
    # empty while the entity has no account, the device then still reports and is supervised.
    owner = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="devices",
        null=True,
        blank=True,
        verbose_name=_("owner"),
    )
    employer = models.ForeignKey(
        "registry.Employer",
        on_delete=models.PROTECT,
        related_name="devices",
        null=True,
        blank=True,
        verbose_name=_("employer"),
    )
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    workplace = models.ForeignKey(
        "registry.Workplace", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    post = models.ForeignKey("registry.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    location = models.CharField(_("location"), max_length=100, blank=True)
    installed_on = models.DateField(_("installed on"))
    calibrated_on = models.DateField(_("last calibrated on"), null=True, blank=True)
    heartbeat_seconds = models.PositiveIntegerField(_("reporting interval (s)"), default=60)
    hj212_password_hash = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=8, choices=DeviceStatus.choices, default=DeviceStatus.UNKNOWN)
    last_seen_at = models.DateTimeField(_("last data at"), null=True, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = DeviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("monitoring device")
        verbose_name_plural = _("monitoring devices")
        indexes = [models.Index(fields=["county", "status"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def hj212_password_matches(self, password: str) -> bool:
        """No password configured: any (HJ 212 PW is a shared secret, often left at the default)."""
        return not self.hj212_password_hash or self.hj212_password_hash == hash_token(password)


class ChannelQuerySet(ScopedQuerySet["Channel"]):
    scope = ScopeSpec(region="device__county", organisation="device__owner")


class Channel(models.Model):
    """One measured parameter of a device, with the limits that apply to it."""

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="channels")
    code = models.CharField(_("data code"), max_length=24)  # HJ 212 factor code or the JSON key
    quantity = models.CharField(_("quantity"), max_length=16, choices=Quantity.choices)
    parameter = models.CharField(max_length=24, choices=PARAMETER_CHOICES)  # for the physical range
    unit = models.CharField(_("unit"), max_length=16, choices=UNIT_CHOICES)
    interval_seconds = models.PositiveIntegerField(_("interval (s)"), default=60)
    agent = models.ForeignKey(
        "hazards.Agent", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("agent")
    )
    twa_limit = models.DecimalField(_("PC-TWA / L_EX,8h"), max_digits=10, decimal_places=3, null=True, blank=True)
    stel_limit = models.DecimalField(_("PC-STEL"), max_digits=10, decimal_places=3, null=True, blank=True)
    mac_limit = models.DecimalField(_("MAC / limit per reading"), max_digits=10, decimal_places=3, null=True)
    limit_basis = models.CharField(_("basis of the limits"), max_length=200, blank=True)
    planned_exposure_hours = models.DecimalField(max_digits=4, decimal_places=1, default=8)
    shift_start_hour = models.PositiveSmallIntegerField(default=8)

    objects = ChannelQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["device", "code"], name="monitoring_channel_code_unique")]

    def __str__(self) -> str:
        return f"{self.device.code}/{self.code}"


class DeviceCredential(models.Model):
    """A hashed token for one device, or (``device`` empty) a gateway of all the owner's devices."""

    owner = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, null=True, related_name="+")
    device = models.ForeignKey(Device, on_delete=models.CASCADE, null=True, blank=True, related_name="credentials")
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}..."

    def covers(self, device: Device) -> bool:
        return self.revoked_at is None and (
            self.device_id == device.pk
            or (self.device_id is None and self.owner_id is not None and self.owner_id == device.owner_id)
        )


class Reading(models.Model):
    """A stored value. The table is created by migration 0002 (partitioned by time on PostgreSQL)."""

    pk = models.CompositePrimaryKey("channel_id", "measured_at")
    channel = models.ForeignKey(Channel, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    device_id = models.IntegerField()
    measured_at = models.DateTimeField()
    value = models.FloatField()
    flag = models.CharField(max_length=1, default="N")

    class Meta:
        managed = False
        db_table = "monitoring_reading"

    def __str__(self) -> str:
        return f"{self.channel_id}@{self.measured_at}={self.value}"


class MinuteAggregate(models.Model):
    """Per-minute mean, minimum and maximum, kept longer than the raw readings."""

    pk = models.CompositePrimaryKey("channel_id", "minute")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="+")
    minute = models.DateTimeField()
    count = models.PositiveIntegerField()
    mean = models.FloatField()
    minimum = models.FloatField()
    maximum = models.FloatField()

    def __str__(self) -> str:
        return f"{self.channel_id}@{self.minute}"


class ChannelState(models.Model):
    """The evaluator's checkpoint of one channel, so a restart resumes where it stopped."""

    channel = models.OneToOneField(Channel, on_delete=models.CASCADE, primary_key=True, related_name="state")
    state = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"state of channel {self.channel_id}"


class AlertQuerySet(ScopedQuerySet["Alert"]):
    scope = ScopeSpec(region="county", organisation="owner")


class Alert(models.Model):
    """One alert of a (channel, rule): raised, maybe escalated, resolved."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="alerts")
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="alerts")
    owner = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, null=True, related_name="+")
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    rule_id = models.CharField(_("rule"), max_length=32)
    severity = models.PositiveSmallIntegerField(_("severity"))
    status = models.CharField(_("status"), max_length=8, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    value = models.FloatField(_("value"))
    limit = models.FloatField(_("limit"))
    message = models.CharField(_("message"), max_length=300)
    opened_at = models.DateTimeField(_("raised at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)  # when the platform stored it (latency)
    employer_response = models.TextField(_("employer's answer"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        indexes = [models.Index(fields=["county", "status"]), models.Index(fields=["channel", "rule_id", "status"])]

    def __str__(self) -> str:
        return self.display_message

    @property
    def display_message(self) -> str:
        """What was judged, the value and the limit, in the reader's language."""
        label = RULE_LABELS.get(self.rule_id, self.rule_id)
        unit = self.channel.unit if self.rule_id not in MULTIPLE_RULES else "× PC-TWA"
        return _("%(rule)s: %(value)s %(unit)s, limit %(limit)s %(unit)s") % {
            "rule": label,
            "value": f"{self.value:.3g}",
            "limit": f"{self.limit:.3g}",
            "unit": unit,
        }


MULTIPLE_RULES = frozenset({"peak", "ceiling"})  # judged as multiples of PC-TWA
RULE_LABELS = {
    "mac": _("Reading against MAC"),
    "stel": _("15-minute mean against PC-STEL"),
    "peak": _("15-minute mean against 3 x PC-TWA (peak rule)"),
    "ceiling": _("Reading against 5 x PC-TWA (peak rule)"),
    "twa": _("Shift 8-hour TWA against PC-TWA"),
    "lex8h": _("Noise L_EX,8h against its limit"),
    "wbgt": _("WBGT against its limit"),
}


class TaskQuerySet(ScopedQuerySet["VerificationTask"]):
    scope = ScopeSpec(region="county", organisation="alert__owner", org_may_change=False)


class VerificationTask(models.Model):
    """A risk warning (风险预警) dispatched to the county enforcement body for verification (核查处置)."""

    alert = models.OneToOneField(Alert, on_delete=models.PROTECT, related_name="task")
    county = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    assignee = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("enforcement body")
    )
    status = models.CharField(_("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.DISPATCHED)
    dispatched_at = models.DateTimeField(_("dispatched at"))
    due_at = models.DateTimeField(_("due by"))
    action_code = models.CharField(_("action code"), max_length=40, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("notes"), blank=True)
    is_case_pending = models.BooleanField(_("case pending"), default=False)
    case_ref = models.CharField(max_length=40, blank=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by_label = models.CharField(max_length=150, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("verification task")
        verbose_name_plural = _("verification tasks")
        indexes = [models.Index(fields=["county", "status"])]

    def __str__(self) -> str:
        return str(self.alert)

    @property
    def is_on_time(self) -> bool | None:
        return None if self.handled_at is None else self.handled_at <= self.due_at


def _platform_grant(actor: object, action: Action) -> models.Q | None:
    """The platform operator administers what came in unreadable (it belongs to nobody yet)."""
    return models.Q() if getattr(actor, "role", None) == Role.SYSADMIN else None


class DeadLetterQuerySet(ScopedQuerySet["DeadLetter"]):
    scope = ScopeSpec(grant=_platform_grant)


class DeadLetter(models.Model):
    """A message or reading refused by ingest, with its reason; an administrator may replay it."""

    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    transport = models.CharField(_("transport"), max_length=8, choices=Transport.choices)
    source = models.CharField(_("source"), max_length=200, blank=True)  # topic, peer address, token prefix
    device_code = models.CharField(_("device code (MN)"), max_length=24, blank=True)
    reason = models.CharField(_("reason"), max_length=40)
    field = models.CharField(_("field"), max_length=40, blank=True)
    message = models.CharField(_("message"), max_length=400)
    payload = models.TextField(_("payload"))
    status = models.CharField(
        _("status"), max_length=16, choices=DeadLetterStatus.choices, default=DeadLetterStatus.NEW
    )
    replayed_at = models.DateTimeField(null=True, blank=True)

    objects = DeadLetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("dead letter")
        verbose_name_plural = _("dead letters")

    def __str__(self) -> str:
        return f"{self.reason}: {self.message}"


class CoverageQuerySet(ScopedQuerySet["MonitoringCoverage"]):
    scope = ScopeSpec(region="employer__county", organisation="employer__organisation")


class MonitoringCoverage(models.Model):
    """An inspection item (reference/inspection_items.csv) the employer's online monitoring covers."""

    employer = models.ForeignKey("registry.Employer", on_delete=models.CASCADE, related_name="+")
    item_code = models.CharField(_("inspection item"), max_length=16)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = CoverageQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employer", "item_code"], name="monitoring_coverage_unique"),
        ]

    def __str__(self) -> str:
        return self.item_code
