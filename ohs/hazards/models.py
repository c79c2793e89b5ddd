"""The hazard catalogue: agents, their limit values and rule parameters, versioned.

A value is never changed in place. A correction supersedes the row and inserts its successor
in a new ``CatalogueVersion``, so "the catalogue as of version N" is always reproducible:
the rows with ``introduced_in <= N`` and (``superseded_in`` empty or ``> N``). Version numbers
are the primary key, so that filter needs no join.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.db.models import F, Max, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.hazards.choices import Category, Confidence, DiseaseEdition, metric_label

# Limits span 0.0005 mg/m3 (beryllium) to 18000 mg/m3 (CO2) and 6276 kJ (GBZ 2.2 15.2.2).
VALUE_DIGITS, VALUE_DECIMALS = 14, 6

_F = TypeVar("_F", bound=models.Model)


class CatalogueVersion(models.Model):
    number = models.PositiveIntegerField(_("version"), primary_key=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    actor_label = models.CharField(_("changed by"), max_length=150)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")

    def __str__(self) -> str:
        return f"v{self.number}"


class FigureQuerySet(models.QuerySet[_F]):
    def current(self) -> FigureQuerySet[_F]:
        return self.filter(superseded_in__isnull=True)

    def as_of(self, number: int) -> FigureQuerySet[_F]:
        """The rows in force in catalogue version ``number``."""
        return self.filter(introduced_in_id__lte=number).filter(
            Q(superseded_in__isnull=True) | Q(superseded_in_id__gt=number)
        )


class VersionedFigure(models.Model):
    """A figure from a standard with its edition, clause, confidence, source and version span."""

    value = models.DecimalField(
        _("value"), max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS, null=True, blank=True
    )
    value_text = models.CharField(_("value as printed"), max_length=32)
    unit = models.CharField(_("unit"), max_length=32, blank=True)
    condition = models.CharField(_("condition"), max_length=200, blank=True)
    edition = models.CharField(_("edition"), max_length=32)
    clause = models.CharField(_("clause"), max_length=64, blank=True)
    confidence = models.CharField(_("confidence"), max_length=1, choices=Confidence.choices, db_index=True)
    source = models.TextField(_("source"))
    position = models.PositiveIntegerField(_("order"), default=0)
    introduced_in = models.ForeignKey(
        CatalogueVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("introduced in")
    )
    superseded_in = models.ForeignKey(
        CatalogueVersion,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("superseded in"),
    )

    class Meta:
        abstract = True

    @property
    def is_confirmed(self) -> bool:
        """True for confidence A: read in a copy of the standard (reference/README.md)."""
        return self.confidence == Confidence.A

    @property
    def is_current(self) -> bool:
        return self.superseded_in_id is None


def _span_constraint(name: str) -> models.CheckConstraint:
    # A row is superseded by a later version than the one that introduced it.
    return models.CheckConstraint(
        condition=Q(superseded_in__isnull=True) | Q(superseded_in__gt=F("introduced_in")), name=name
    )


class LimitValueQuerySet(FigureQuerySet["LimitValue"]):
    pass


class RuleParameterQuerySet(FigureQuerySet["RuleParameter"]):
    pass


LOWEST_CONFIDENCE = "lowest_confidence"  # annotation of AgentQuerySet.with_current_limits


class AgentQuerySet(models.QuerySet["Agent"]):
    def with_current_limits(self) -> AgentQuerySet:
        """Current limits prefetched as ``current_limits``; ``lowest_confidence`` annotated (C > B > A)."""
        current = LimitValue.objects.current().order_by("position", "pk")
        lowest = Max("limits__confidence", filter=Q(limits__superseded_in__isnull=True))
        return self.annotate(**{LOWEST_CONFIDENCE: lowest}).prefetch_related(
            Prefetch("limits", queryset=current, to_attr="current_limits")
        )

    def weakest_confidence(self, grade: str) -> AgentQuerySet:
        """Agents whose least confirmed current limit has this grade (needs with_current_limits)."""
        return self.filter(**{LOWEST_CONFIDENCE: grade})


class Agent(models.Model):
    name_zh = models.CharField(_("Chinese name"), max_length=64, unique=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    name_initials = models.CharField(_("pinyin initials"), max_length=64, db_index=True, editable=False)
    cas = models.CharField(_("CAS number"), max_length=16, blank=True, db_index=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, db_index=True)
    carcinogen_class = models.CharField(_("carcinogen class"), max_length=64, blank=True)
    has_skin_notation = models.BooleanField(_("skin notation"), default=False)
    is_sensitizer = models.BooleanField(_("sensitizer"), default=False)
    notes = models.TextField(_("critical effect and notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    introduced_in = models.ForeignKey(
        CatalogueVersion, on_delete=models.PROTECT, related_name="agents_added", verbose_name=_("added in")
    )

    objects = AgentQuerySet.as_manager()

    class Meta:
        ordering = ["category", "name_initials"]
        verbose_name = _("hazardous agent")
        verbose_name_plural = _("hazardous agents")

    def __str__(self) -> str:
        return self.name_zh


class LimitValue(VersionedFigure):
    agent = models.ForeignKey(Agent, on_delete=models.PROTECT, related_name="limits", verbose_name=_("agent"))
    metric = models.CharField(_("limit type"), max_length=80)

    objects = LimitValueQuerySet.as_manager()

    class Meta:
        ordering = ["agent_id", "position", "introduced_in_id"]
        verbose_name = _("limit value")
        verbose_name_plural = _("limit values")
        indexes = [models.Index(fields=["agent", "superseded_in"])]
        constraints = [
            _span_constraint("hazards_limit_superseded_after_introduced"),
            # One value in force per agent, limit type and condition (a tier, a labour class ...).
            models.UniqueConstraint(
                fields=["agent", "metric", "condition"],
                condition=Q(superseded_in__isnull=True),
                name="hazards_limit_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agent_id} {self.metric} {self.value_text} {self.unit}"

    @property
    def metric_label(self) -> str:
        return metric_label(self.metric)


class RuleParameter(VersionedFigure):
    """A figure of a rule rather than an agent: the peak-exposure multiples, the molar volume ..."""

    key = models.CharField(_("key"), max_length=64, db_index=True)
    name = models.CharField(_("name"), max_length=200)

    objects = RuleParameterQuerySet.as_manager()

    class Meta:
        ordering = ["position", "introduced_in_id"]
        verbose_name = _("rule parameter")
        verbose_name_plural = _("rule parameters")
        constraints = [
            _span_constraint("hazards_parameter_superseded_after_introduced"),
            models.UniqueConstraint(
                fields=["key"], condition=Q(superseded_in__isnull=True), name="hazards_parameter_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}={self.value_text}"


class OccupationalDisease(models.Model):
    """One item of the occupational disease catalogue (职业病分类和目录) of one edition."""

    edition = models.CharField(_("edition"), max_length=8, choices=DiseaseEdition.choices)
    category_number = models.CharField(_("category number"), max_length=4)
    category_name = models.CharField(_("category"), max_length=64)
    subgroup = models.CharField(_("subgroup"), max_length=32, blank=True)
    name = models.CharField(_("disease"), max_length=200)
    is_open_item = models.BooleanField(_("open item"), default=False)
    position = models.PositiveIntegerField(_("order"))
    confidence = models.CharField(_("confidence"), max_length=1, choices=Confidence.choices)
    source = models.TextField(_("source"))

    class Meta:
        ordering = ["edition", "position"]
        verbose_name = _("occupational disease")
        verbose_name_plural = _("occupational diseases")
        constraints = [models.UniqueConstraint(fields=["edition", "position"], name="hazards_disease_position")]

    def __str__(self) -> str:
        return self.name
