"""Behaviour of the revised Tokuhashi score that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
a case from engine_cases, assessed, and the assessment's score checked."""
from __future__ import annotations

import pytest

from engine_cases import assess, case


@pytest.mark.parametrize("karnofsky, points", [(30, 0), (40, 0), (50, 1), (70, 1), (80, 2)])
def test_tokuhashi_general_condition_points(karnofsky, points):
    score = assess(case(cancer__karnofsky=karnofsky))["scores"]["tokuhashi_revised"]
    assert score["components"]["general_condition"] == points


@pytest.mark.parametrize("edits, total, band", [
    ({"cancer__karnofsky": 30, "cancer__visceral_metastases": "unremovable"}, 5,
     "predicted survival under 6 months"),
    ({"cancer__karnofsky": 50}, 8, "predicted survival under 6 months"),
    ({}, 9, "predicted survival 6 months or more"),
])
def test_tokuhashi_band_below_and_at_8(edits, total, band):
    score = assess(case(**edits))["scores"]["tokuhashi_revised"]
    assert (score["total"], score["band"]) == (total, band)
