"""Pure rules for online monitoring: HJ 212-2017 protocol, reading validation, alerts, availability.

No Django, no I/O, no clock: callers pass ``now`` and the reference data.
"""
