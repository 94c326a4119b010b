"""Behaviour of the Padua score that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
a case from engine_cases, assessed, and the assessment's score checked."""
from __future__ import annotations

import pytest

from engine_cases import assess, case, hours_before


def padua_item(name: str, **edits) -> dict:
    return assess(case(**edits))["scores"]["padua"]["items"][name]


@pytest.mark.parametrize("born, present", [("1951-01-01", True), ("1956-06-01", False)])
def test_age_70_or_more_counts_above_70_too(born, present):
    assert padua_item("age_70_or_more", patient__date_of_birth=born) == {"points": 1,
                                                                         "present": present}


@pytest.mark.parametrize("days, present", [(10, True), (31, False)])
def test_surgery_counts_as_recent_within_30_days(days, present):
    item = padua_item("recent_trauma_or_surgery", procedures__spinal_surgery_at=hours_before(
        days * 24))
    assert item == {"points": 2, "present": present}
