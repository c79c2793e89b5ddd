"""Pure rules for occupational health exams: GBZ 188 schedules, conclusions, booking capacity.

No Django, no I/O, no clock: callers pass reference rows, configuration and `today`.
"""
