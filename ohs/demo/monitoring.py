"""Online monitors at demo employers: both demo logins' enterprises and every tenth other one.

Written in bulk (a data load): devices, their noise / dust / heat channels with the catalogue's
limits, and the non-site coverage that follows. The demo employers' devices then send one
real batch through the ingest pipeline, so the demo opens with data, an alert and a task in
上城区's queue. The simulator started by ``run_platform`` keeps them streaming.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from ohs.hazards.models import Agent
from ohs.monitoring.choices import Quantity
from ohs.monitoring.ingest.evaluator import Evaluator
from ohs.monitoring.ingest.pipeline import Envelope, Pipeline, RawReading
from ohs.monitoring.models import Channel, Device
from ohs.monitoring.rules.simulation import EXCEEDANCE_DUST_MG_PER_M3
from ohs.monitoring.services.devices import QUANTITY_DEFAULTS, limits_for, refresh_coverage
from ohs.registry.models import Employer

EVERY_NTH_EMPLOYER = 10  # about one enterprise in ten reports online in the demo
DUST_AGENT = "其他粉尘"
DEVICE_NAMES = ("车间噪声粉尘监测仪", "打磨工位在线监测仪", "喷涂车间环境监测仪", "仓储区温湿度监测仪")
CHANNELS = (Quantity.LAEQ, Quantity.TOTAL_DUST, Quantity.WBGT)
BATCH = 2000


def write_monitoring(seed: int, demo_employer_ids: list[int], as_of: dt.date) -> int:
    """Devices for the demo employers and a tenth of the others; returns how many."""
    rng = random.Random(seed)
    ids = list(Employer.objects.order_by("pk").values_list("pk", flat=True))
    chosen = sorted(set(demo_employer_ids) | set(ids[::EVERY_NTH_EMPLOYER]))
    employers = Employer.objects.in_bulk(chosen)
    devices = [
        Device(
            code=f"{rng.getrandbits(96):024X}",  # HJ 212-2017 MN: 24 hex characters
            name=rng.choice(DEVICE_NAMES),
            owner_id=employers[pk].organisation_id,
            employer_id=pk,
            county_id=employers[pk].county_id,
            location="生产车间",
            installed_on=as_of,
            calibrated_on=as_of,
        )
        for pk in chosen
    ]
    Device.objects.bulk_create(devices, batch_size=BATCH)
    _write_channels(Device.objects.filter(employer_id__in=chosen))
    refresh_coverage(chosen)
    _first_data(Device.objects.filter(employer_id__in=demo_employer_ids))
    return len(devices)


def _write_channels(devices: object) -> None:
    """Three channels per device; the catalogue's limits looked up once per quantity."""
    agent = Agent.objects.get(name_zh=DUST_AGENT)
    limits = {q: limits_for(q, agent if q == Quantity.TOTAL_DUST else None, 2) for q in CHANNELS}
    channels = []
    for device in devices:  # type: ignore[attr-defined]
        for quantity in CHANNELS:
            code, parameter, unit = QUANTITY_DEFAULTS[quantity]
            figure = limits[quantity]
            channels.append(
                Channel(device=device, code=code, quantity=quantity, parameter=parameter.value, unit=unit.value,
                        agent=agent if quantity == Quantity.TOTAL_DUST else None, twa_limit=figure.twa,
                        stel_limit=figure.stel, mac_limit=figure.mac, limit_basis=figure.basis[:200])
            )  # fmt: skip
    Channel.objects.bulk_create(channels, batch_size=BATCH)


def _first_data(devices: object) -> None:
    """A quarter-hour of readings, the last one a dust exceedance that becomes a risk warning."""
    now = timezone.now().replace(microsecond=0)
    envelopes = []
    for device in devices:  # type: ignore[attr-defined]
        readings = []
        for minute in range(15, 0, -1):
            at = (now - dt.timedelta(minutes=minute)).isoformat()
            readings += [RawReading("LA", 84.0 + minute % 3, "dB", at), RawReading("a34001", 3.5, "mg/m3", at),
                         RawReading("wbgt", 26.0, "degC", at)]  # fmt: skip
        readings.append(RawReading("a34001", EXCEEDANCE_DUST_MG_PER_M3, "mg/m3", now.isoformat()))
        envelopes.append(Envelope("http", "demo", "", device.code, readings))
    Pipeline(evaluator=Evaluator(durable=True)).ingest(envelopes)
