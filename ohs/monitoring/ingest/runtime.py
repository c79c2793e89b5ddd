"""Process settings of the long-running ingest processes (run_ingest, run_hj212)."""

from __future__ import annotations

import gc
import sys

# The evaluator keeps a small state per channel and replaces it at every reading: tens of thousands
# of objects that each live until the channel's next reading. With CPython's default thresholds
# (a collection every 700 allocations) the collector runs every few messages and its older passes
# walk every channel's state; bench/ingest_profile.py measured that at about a quarter of the
# worker's CPU per reading. Reference cycles are still collected, only less often.
GC_THRESHOLDS = (50_000, 20, 20)
# Two threads share the interpreter: the MQTT network thread and the batch loop, which mostly
# waits on the database. With the default 5 ms switch interval, a thread whose socket or database
# answer has arrived waits up to 5 ms for the other to let go, at every round trip. In four
# bench/ingest.py runs on the shared 2-core machine, alert latency p99 was 1.08-1.12 s with 5 ms
# and 0.29-0.47 s with 0.5 ms.
SWITCH_INTERVAL_SECONDS = 0.0005


def tune_runtime() -> None:
    """Call once the process has started: what start-up loaded (Django, the apps) is never garbage,
    so no collection walks it again; collections run as the thresholds say; threads switch sooner."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
