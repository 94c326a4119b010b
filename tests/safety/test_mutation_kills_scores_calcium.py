"""Behaviour of the corrected-calcium score that a check of the excluded mutants
(python -m tools.mutation --excluded-sample, docs/mutation.md) showed no test pinned.
Behavioural only: a case from engine_cases, assessed, and the assessment's score."""
from __future__ import annotations

import pytest

from engine_cases import DELETE, assess, case

SAMPLED = "2026-03-10T08:00:00+00:00"


@pytest.mark.parametrize("edits, method, complete", [
    ({"labs__adjusted_calcium": {"value": 2.4, "unit": "mmol/L", "sampled_at": SAMPLED}},
     "laboratory_adjusted", True),
    ({}, "payne_albumin", True),
    ({"labs__albumin": DELETE}, "uncorrected", False),
])
def test_only_an_uncorrected_calcium_is_incomplete(edits, method, complete):
    score = assess(case(**edits))["scores"]["corrected_calcium"]
    assert (score["method"], score["complete"]) == (method, complete)
