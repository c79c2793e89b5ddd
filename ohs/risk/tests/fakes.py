"""Fake providers standing in for the apps that are built on other branches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from ohs.core import profile_inputs


class FakeInputs:
    """Per employer id, the inputs each fake app answers; tests change them between steps."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: dict[str, dict[int, dict[str, Any]]] = {}
        monkeypatch.setattr(profile_inputs, "_providers", {})

    def provide(self, app: str, employer_id: int, **values: Any) -> None:
        if app not in self.answers:
            self.answers[app] = {}
            profile_inputs.register_profile_inputs(app, self._provider(app))
        self.answers[app][employer_id] = values

    def _provider(self, app: str):  # type: ignore[no-untyped-def]
        def answer(ids: Sequence[int], as_of: dt.date) -> Mapping[int, Mapping[str, Any]]:
            return {pk: v for pk, v in self.answers[app].items() if pk in ids}

        return answer
