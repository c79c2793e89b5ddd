"""Pure rules of lawful enforcement: discretion, no-penalty list, action codes, deadlines, review.

No Django, no I/O, no clock (``today`` is passed in), no randomness (random bytes are
passed in). Legal ranges come from ``reference/penalties_odpl.csv`` rows; statutory
periods, rates and caps are named constants citing their article; every decision
carries ``reasons`` and ``rule_version``.
"""
