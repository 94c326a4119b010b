"""Behaviour of the level helpers (contiguous runs of compressed levels = areas) that
survivors of the cosmic-ray run (python -m tools.mutation, docs/mutation.md) showed no
test pinned. Behavioural only: compressing lesions in a case from engine_cases, and the
areas the imaging rule records."""
from __future__ import annotations

import pytest

from engine_cases import MRI, assess, case, lesion, study


@pytest.mark.parametrize("levels, areas", [
    (["T8", "T9", "T10"], 1),              # one run of three
    (["T2", "T8", "T9"], 2),               # the run continues from its own last level
    (["T2", "T8", "T9", "T10"], 2),        # ... and keeps growing at its end
])
def test_compressed_levels_are_grouped_into_contiguous_areas(levels, areas):
    a = assess(case(imaging=[study(MRI, [lesion(lv, bilsky_grade="3") for lv in levels])]))
    compression = next(t for t in a["trace"] if t["rule"] == "IMG-COMPRESSION-1")
    assert compression["inputs"]["levels"] == levels
    assert compression["inputs"]["areas"] == areas
