"""Hooks between the supervision apps, so none imports another's models.

* **Supervisory acts.** An inspection, the on-site verification of a monitoring warning
  or a case starts a supervisory act; the enforcement app assigns its administrative
  action code (行政行为码, reference/action_code.md) and registers the one
  ``ActCodeIssuer``. The starting app stores the returned code on its record and passes
  it on to whatever follows (a case opened from an inspection keeps the same code).
* **Non-site coverage.** The monitoring app tells, per employer, which random-inspection
  items (reference/inspection_items.csv) its online monitoring covers, so the draw can
  exclude fully covered employers and reduce the ratio for partly covered ones
  (seed 001 item 13.1, 无事不扰).
* **Act outcomes.** When an act ends in a finding that opens a case, the app that holds
  the act calls ``open_case_from_act``; enforcement registers the handler.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import models

from ohs.core.actor import Actor


@dataclass(frozen=True)
class ActStart:
    """What the enforcement side needs to know when a supervisory act starts."""

    kind: str  # "inspection", "warning_verification", "complaint", "case"
    employer_id: int
    county_id: str
    subject: models.Model  # the record that starts the act (the inspection, the task)
    title: str
    officers: Sequence[int] = ()  # user ids of the officers acting
    legal_basis: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


class ActCodeIssuer(Protocol):
    def __call__(self, actor: Actor, start: ActStart) -> str: ...


class CaseOpener(Protocol):
    def __call__(self, actor: Actor, *, action_code: str, start: ActStart, findings: str) -> models.Model: ...


# Employer ids as a list, or as a queryset of ids that the provider filters on as a subquery (a
# province's pool of 100 000 is never sent to the database id by id).
EmployerIds = Sequence[int] | models.QuerySet[Any, Any]
CoverageProvider = Callable[[EmployerIds], Mapping[int, frozenset[str]]]

_issuer: list[ActCodeIssuer] = []
_case_opener: list[CaseOpener] = []
_coverage: list[CoverageProvider] = []


class SupervisionHookMissing(Exception):
    """The app that answers this hook is not installed."""


def register_act_code_issuer(issuer: ActCodeIssuer) -> None:
    _issuer[:] = [issuer]


def register_case_opener(opener: CaseOpener) -> None:
    _case_opener[:] = [opener]


def register_coverage_provider(provider: CoverageProvider) -> None:
    _coverage[:] = [provider]


def issue_action_code(actor: Actor, start: ActStart) -> str:
    """The action code for a supervisory act that starts now (in the caller's transaction)."""
    if not _issuer:
        raise SupervisionHookMissing("no action-code issuer is registered (the enforcement app assigns codes)")
    return _issuer[0](actor, start)


def open_case_from_act(actor: Actor, *, action_code: str, start: ActStart, findings: str) -> models.Model:
    """Open a case that continues the act's code (in the caller's transaction)."""
    if not _case_opener:
        raise SupervisionHookMissing("no case opener is registered (the enforcement app opens cases)")
    return _case_opener[0](actor, action_code=action_code, start=start, findings=findings)


def has_act_code_issuer() -> bool:
    return bool(_issuer)


def covered_items(employer_ids: EmployerIds) -> dict[int, frozenset[str]]:
    """Inspection item codes each employer's non-site monitoring covers (absent: none)."""
    if not _coverage:
        return {}
    return dict(_coverage[0](employer_ids))
