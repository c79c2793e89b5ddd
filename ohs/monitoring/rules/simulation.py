"""Realistic readings for the device simulator: shift pattern, machines, dust peaks, outages.

Pure: a seeded ``random.Random`` and the local time are passed in. Levels are typical of a
grinding or woodworking shop (noise 80-92 dB(A) while machines run, total dust a few mg/m3 with
peaks), so a demo shows a few warnings a day and, rarely, an exceedance that needs action.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

WORK_HOURS = ((8, 12), (13, 17))  # a day shift with a lunch break
FIRST_WEEKEND_DAY = 5  # date.weekday(): Saturday
QUIET_NOISE_DBA = (52.0, 62.0)
MACHINE_NOISE_DBA = (78.0, 87.0)
BASE_DUST_MG_PER_M3 = (1.0, 4.0)
IDLE_DUST_MG_PER_M3 = (0.1, 0.5)
PEAK_FACTOR = (2.0, 3.5)
EXCEEDANCE_DUST_MG_PER_M3 = 60.0  # beyond 5 x the 8 mg/m3 PC-TWA of 其他粉尘: an exceedance to act on
CO_MG_PER_M3 = (1.0, 8.0)
WBGT_C = (20.0, 27.5)


@dataclass(frozen=True)
class SimulationRates:
    """Chances per device and reading (peaks, exceedances) or per device and minute (outages)."""

    peak: float = 0.02
    exceedance: float = 0.0005
    outage: float = 0.001
    malformed: float = 0.002
    outage_minutes: tuple[int, int] = (5, 30)


@dataclass
class DeviceProfile:
    """What makes one simulated device differ from the next: its machines and its dust."""

    machine_noise_dba: float
    dust_level: float
    peak_left: int = 0
    silent_until: datetime | None = None
    extras: dict[str, float] = field(default_factory=dict)


def new_profile(rng: random.Random) -> DeviceProfile:
    return DeviceProfile(rng.uniform(*MACHINE_NOISE_DBA), rng.uniform(*BASE_DUST_MG_PER_M3))


def is_working(local: datetime) -> bool:
    """Machines run in the day shift on weekdays."""
    return local.weekday() < FIRST_WEEKEND_DAY and any(start <= local.hour < end for start, end in WORK_HOURS)


def sample(profile: DeviceProfile, quantity: str, local: datetime, rng: random.Random, rates: SimulationRates) -> float:
    """One value of ``quantity`` (laeq, total_dust, respirable_dust, gas, wbgt, temperature, humidity)."""
    working = is_working(local)
    if quantity == "laeq":
        level = profile.machine_noise_dba + rng.gauss(0, 1.5) if working else rng.uniform(*QUIET_NOISE_DBA)
        return round(max(level, 30.0), 1)
    if quantity in ("total_dust", "respirable_dust"):
        return round(_dust(profile, working, rng, rates) * (0.4 if quantity == "respirable_dust" else 1.0), 3)
    if quantity == "gas":
        return round(rng.uniform(*CO_MG_PER_M3) if working else rng.uniform(0, 1), 2)
    if quantity in ("wbgt", "temperature"):
        return round(rng.uniform(*WBGT_C), 1)
    return round(rng.uniform(40, 80), 1)


def _dust(profile: DeviceProfile, working: bool, rng: random.Random, rates: SimulationRates) -> float:
    if not working:
        return rng.uniform(*IDLE_DUST_MG_PER_M3)
    if rng.random() < rates.exceedance:
        return EXCEEDANCE_DUST_MG_PER_M3
    if profile.peak_left > 0:
        profile.peak_left -= 1
        return profile.dust_level * rng.uniform(*PEAK_FACTOR)
    if rng.random() < rates.peak:
        profile.peak_left = rng.randint(2, 8)
    return max(0.0, profile.dust_level + rng.gauss(0, 0.3))
