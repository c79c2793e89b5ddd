import datetime as dt

import pytest

from ohs.core import profile_inputs


@pytest.fixture
def clean_providers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profile_inputs, "_providers", {})


@pytest.mark.usefixtures("clean_providers")
def test_sequences_concatenate_and_scalars_merge() -> None:
    profile_inputs.register_profile_inputs("a", lambda ids, _d: {ids[0]: {"exams_due_count": 3, "measurements": [1]}})
    profile_inputs.register_profile_inputs("b", lambda ids, _d: {ids[0]: {"devices_offline": 1, "measurements": (2,)}})
    merged = profile_inputs.collect_profile_inputs([7, 8], dt.date(2026, 11, 30))
    assert merged == {7: {"exams_due_count": 3, "devices_offline": 1, "measurements": [1, 2]}, 8: {}}


@pytest.mark.usefixtures("clean_providers")
def test_a_scalar_given_twice_raises() -> None:
    profile_inputs.register_profile_inputs("a", lambda ids, _d: {ids[0]: {"exams_due_count": 3}})
    profile_inputs.register_profile_inputs("b", lambda ids, _d: {ids[0]: {"exams_due_count": 4}})
    with pytest.raises(profile_inputs.ConflictingProfileInput, match="exams_due_count"):
        profile_inputs.collect_profile_inputs([7], dt.date(2026, 11, 30))
