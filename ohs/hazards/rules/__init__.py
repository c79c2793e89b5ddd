"""Pure hazard rules: exposure maths, limit parsing and exposure statistics.

No Django, no I/O, no clock, no randomness. Limits arrive as data parsed from
``reference/`` by :mod:`ohs.hazards.rules.limits`; every result carries
``reasons`` and ``rule_version``. The public exposure API is re-exported from
:mod:`ohs.hazards.rules.exposure`; statistics live in
:mod:`ohs.hazards.rules.statistics`.
"""
