"""Devices for tests: a dust + noise + heat monitor at an employer of the persona world."""

from __future__ import annotations

import datetime as dt
import uuid

from ohs.core.actor import SYSTEM_ACTOR
from ohs.hazards.models import Agent
from ohs.monitoring.choices import Quantity
from ohs.monitoring.models import Device
from ohs.monitoring.rules.hj212_codes import Parameter
from ohs.monitoring.services.devices import DeviceData, add_channel, register_device
from ohs.registry.models import Employer

OTHER_DUST = "其他粉尘"  # reference/oel_dusts.csv: PC-TWA total 8 mg/m3, no PC-STEL
CARBON_MONOXIDE = "一氧化碳(非高原)"  # reference/oel_chemicals.csv: PC-TWA 20, PC-STEL 30


def unique_code() -> str:
    """A device id as HJ 212-2017 wants the MN: 24 hex characters."""
    return uuid.uuid4().hex[:24].upper()


def make_device(employer: Employer, *, code: str | None = None, with_gas: bool = False) -> Device:
    device = register_device(
        actor=SYSTEM_ACTOR,
        data=DeviceData(
            code=code or unique_code(),
            name="粉尘噪声监测仪",
            employer=employer,
            installed_on=dt.date(2026, 1, 5),
            location="打磨车间",
        ),
    )
    add_channel(actor=SYSTEM_ACTOR, device=device, quantity=Quantity.TOTAL_DUST,
                agent=Agent.objects.get(name_zh=OTHER_DUST))  # fmt: skip
    add_channel(actor=SYSTEM_ACTOR, device=device, quantity=Quantity.LAEQ)
    add_channel(actor=SYSTEM_ACTOR, device=device, quantity=Quantity.WBGT, labour_intensity=2)
    if with_gas:
        add_channel(actor=SYSTEM_ACTOR, device=device, quantity=Quantity.GAS, code="a21005",
                    agent=Agent.objects.get(name_zh=CARBON_MONOXIDE), parameter=Parameter.CO)  # fmt: skip
    return device
