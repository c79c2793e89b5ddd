"""Inputs of an employer's risk profile (风险画像), contributed by the apps that hold them.

The risk app turns these into ``ohs.risk.rules.profile.ProfileInputs``; it never reads
another app's tables. Each app registers one provider at ``ready()``:

    register_profile_inputs("exams", exam_profile_inputs)

A provider receives a batch of employer ids and the assessment date and answers, per
employer it knows something about, a mapping of ``ProfileInputs`` field names to values
(counts as ``int``, ``measurements`` as a sequence of ``MeasurementResult``). Batches keep
the nightly classification of a province to a few queries per provider, never one per
employer. Sequence fields from several providers are concatenated; a scalar field given
by two providers is a programming error and raises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

ProfileInputProvider = Callable[[Sequence[int], dt.date], Mapping[int, Mapping[str, Any]]]

_providers: dict[str, ProfileInputProvider] = {}


def register_profile_inputs(key: str, provider: ProfileInputProvider) -> None:
    """Register (or replace, on re-import) the provider of one app."""
    _providers[key] = provider


def registered_providers() -> dict[str, ProfileInputProvider]:
    return dict(_providers)


class ConflictingProfileInput(Exception):
    """Two providers gave the same scalar input for one employer."""


def collect_profile_inputs(employer_ids: Sequence[int], as_of: dt.date) -> dict[int, dict[str, Any]]:
    """Every provider's answer for the batch, merged per employer."""
    merged: dict[int, dict[str, Any]] = {pk: {} for pk in employer_ids}
    for key, provider in sorted(_providers.items()):
        for pk, values in provider(employer_ids, as_of).items():
            target = merged.setdefault(pk, {})
            for name, value in values.items():
                if name not in target:
                    target[name] = list(value) if isinstance(value, list | tuple) else value
                elif isinstance(target[name], list) and isinstance(value, list | tuple):
                    target[name].extend(value)
                else:
                    raise ConflictingProfileInput(f"{key} gives {name!r} for employer {pk} a second time")
    return merged
