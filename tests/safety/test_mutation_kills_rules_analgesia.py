"""Behaviour of the QS56 audit time stamps that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
a case from engine_cases, assessed, and the assessment's timestamps checked."""
from __future__ import annotations

import pytest

from engine_cases import MRI, assess, case, lesion, study

MRI_AT = "2026-03-10T10:00:00+00:00"


@pytest.mark.parametrize("onset, counted", [
    ("2026-03-10T10:00:00+00:00", True),      # MRI at the moment of the first symptom
    ("2026-03-10T10:00:01+00:00", False),     # MRI a second before it: not the first MRI
])
def test_first_mri_counts_from_the_first_symptom_inclusive(onset, counted):
    a = assess(case(presentation__neuro_onset_at=onset,
                    imaging=[study(MRI, [lesion("T8")], performed_at=MRI_AT)]))
    mri = next(t for t in a["timestamps"] if t["code"] == "mri")
    assert mri["at"] == (MRI_AT if counted else None)
