"""Devices, channels with their limits from the hazard catalogue, credentials, non-site coverage."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from ohs.core import audit
from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.events import emit
from ohs.core.models.tokens import TOKEN_PREFIX_LENGTH, hash_token
from ohs.hazards import oels
from ohs.hazards.models import Agent
from ohs.hazards.rules.heat import wbgt_limit
from ohs.hazards.rules.physical_limits import LabourIntensity
from ohs.monitoring.choices import Quantity
from ohs.monitoring.coverage import covered_item_codes
from ohs.monitoring.models import Channel, Device, DeviceCredential, MonitoringCoverage
from ohs.monitoring.rules.hj212_codes import Parameter
from ohs.monitoring.rules.validation import Unit
from ohs.registry.models import Employer

# Zhejiang's summer outdoor ventilation design temperature is above 30 C, so GBZ 2.2-2007 10.2.2
# adds 1 C to every WBGT limit here (reference/physical_agents.md, regional adjustment).
IS_HOT_REGION = True
FULL_CONTACT_PERCENT = 100.0  # a fixed monitor at a post sees the whole shift: 100 % column
CREDENTIAL_PREFIX = "ohsdev_"

# Default wire code (HJ 212-2017 appendix B), parameter and unit of each quantity.
QUANTITY_DEFAULTS: dict[str, tuple[str, Parameter, Unit]] = {
    Quantity.LAEQ: ("LA", Parameter.NOISE_LEQ, Unit.DB),
    Quantity.TOTAL_DUST: ("a34001", Parameter.TSP, Unit.MG_PER_M3),
    Quantity.RESPIRABLE_DUST: ("a34002", Parameter.PM10, Unit.MG_PER_M3),
    Quantity.WBGT: ("wbgt", Parameter.TEMPERATURE, Unit.DEG_C),
    Quantity.TEMPERATURE: ("a01001", Parameter.TEMPERATURE, Unit.DEG_C),
    Quantity.HUMIDITY: ("a01002", Parameter.HUMIDITY, Unit.PERCENT),
}


@dataclass(frozen=True)
class ChannelLimitValues:
    twa: Decimal | None = None
    stel: Decimal | None = None
    mac: Decimal | None = None
    basis: str = ""


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def limits_for(quantity: str, agent: Agent | None, labour_intensity: int | None) -> ChannelLimitValues:
    """The limits that apply to a channel, from the catalogue in force (GBZ 2.1-2019, GBZ 2.2-2007)."""
    if quantity == Quantity.LAEQ:
        lex = oels.noise_limits().lex_8h
        return ChannelLimitValues(twa=_decimal(lex.value), basis=f"L_EX,8h {lex.value:g} dB(A) GBZ 2.2-2007")
    if quantity == Quantity.WBGT:
        intensity = LabourIntensity(labour_intensity or LabourIntensity.II)
        cell = wbgt_limit(oels.wbgt_table(), intensity, FULL_CONTACT_PERCENT, is_hot_region=IS_HOT_REGION)
        return ChannelLimitValues(mac=_decimal(cell.value), basis=f"WBGT {intensity.name} {cell.value:g} C")
    if quantity in (Quantity.TOTAL_DUST, Quantity.RESPIRABLE_DUST):
        return _dust_limits(quantity, _require_agent(agent))
    if quantity == Quantity.GAS:
        oel = oels.chemical_oel(_require_agent(agent))
        figures = {"MAC": oel.mac, "PC-TWA": oel.pc_twa, "PC-STEL": oel.pc_stel}
        basis = " ".join(f"{k} {v.value:g}" for k, v in figures.items() if v is not None)
        return ChannelLimitValues(
            twa=_decimal(oel.pc_twa.value if oel.pc_twa else None),
            stel=_decimal(oel.pc_stel.value if oel.pc_stel else None),
            mac=_decimal(oel.mac.value if oel.mac else None),
            basis=f"{agent} {basis} mg/m3 GBZ 2.1-2019",
        )
    return ChannelLimitValues()


def _require_agent(agent: Agent | None) -> Agent:
    if agent is None:
        raise DomainError(ErrorCode.INVALID, "a dust or gas channel needs its agent from the catalogue", field="agent")
    return agent


def _dust_limits(quantity: str, agent: Agent) -> ChannelLimitValues:
    """The strictest tier of the dust: without a measured free-SiO2 content, assume the worst."""
    values = []
    for oel in oels.dust_oels(agent):
        figure = oel.pc_twa_total if quantity == Quantity.TOTAL_DUST else oel.pc_twa_respirable
        if figure is not None:
            values.append(figure.value)
    if not values:
        raise DomainError(ErrorCode.INVALID, f"{agent} has no {quantity} limit", field="agent")
    return ChannelLimitValues(twa=_decimal(min(values)), basis=f"{agent} PC-TWA {min(values):g} mg/m3 GBZ 2.1-2019")


@dataclass(frozen=True)
class DeviceData:
    code: str
    name: str
    employer: Employer
    installed_on: dt.date
    location: str = ""
    calibrated_on: dt.date | None = None
    heartbeat_seconds: int = 60
    hj212_password: str = ""


def register_device(*, actor: Actor, data: DeviceData) -> Device:
    """Register a monitor at an employer; it reports under ``code`` (its HJ 212 MN)."""
    if Device.objects.filter(code=data.code).exists():
        raise DomainError(ErrorCode.CONFLICT, f"device code {data.code} is taken", field="code")
    with transaction.atomic():
        device = Device.objects.create(
            code=data.code,
            name=data.name,
            owner_id=data.employer.organisation_id,
            employer=data.employer,
            county_id=data.employer.county_id,
            location=data.location,
            installed_on=data.installed_on,
            calibrated_on=data.calibrated_on,
            heartbeat_seconds=data.heartbeat_seconds,
            hj212_password_hash=hash_token(data.hj212_password) if data.hj212_password else "",
        )
        audit.record_created(actor, device)
        emit("monitoring.device.registered", {"id": device.pk, "code": device.code, "county": device.county_id})
    return device


def add_channel(
    *,
    actor: Actor,
    device: Device,
    quantity: str,
    agent: Agent | None = None,
    code: str | None = None,
    parameter: Parameter | None = None,
    interval_seconds: int = 60,
    labour_intensity: int | None = None,
) -> Channel:
    """Add a channel; its limits are taken from the catalogue now and shown with their basis."""
    default_code, default_parameter, unit = QUANTITY_DEFAULTS.get(quantity, ("", Parameter.CO, Unit.MG_PER_M3))
    if quantity == Quantity.GAS and parameter is None:
        raise DomainError(ErrorCode.INVALID, "a gas channel needs its HJ 212 parameter", field="parameter")
    limits = limits_for(quantity, agent, labour_intensity)
    with transaction.atomic():
        channel = Channel.objects.create(
            device=device,
            code=code or default_code,
            quantity=quantity,
            parameter=(parameter or default_parameter).value,
            unit=unit.value,
            interval_seconds=interval_seconds,
            agent=agent,
            twa_limit=limits.twa,
            stel_limit=limits.stel,
            mac_limit=limits.mac,
            limit_basis=limits.basis[:200],
        )
        audit.record_created(actor, channel)
        if device.employer_id is not None:
            refresh_coverage([device.employer_id])
    return channel


def issue_credential(*, actor: Actor, owner_id: int | None, device: Device | None = None) -> str:
    """A new token for one device or (no device) a gateway of the owner; only its hash is kept."""
    if owner_id is None and device is None:
        raise DomainError(ErrorCode.INVALID, "a credential is for a device or an owner's gateway", field="device")
    raw = CREDENTIAL_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        credential = DeviceCredential.objects.create(
            owner_id=owner_id, device=device, prefix=raw[len(CREDENTIAL_PREFIX):][:TOKEN_PREFIX_LENGTH],
            key_hash=hash_token(raw),
        )  # fmt: skip
        audit.record_created(actor, credential)
    return raw


def refresh_coverage(employer_ids: list[int]) -> None:
    """Recompute which inspection items each employer's monitoring covers (one row per item)."""
    with transaction.atomic():
        covered = covered_item_codes(employer_ids)
        MonitoringCoverage.objects.filter(employer_id__in=employer_ids).delete()
        MonitoringCoverage.objects.bulk_create(
            [MonitoringCoverage(employer_id=pk, item_code=code) for pk, codes in covered.items() for code in codes]
        )
