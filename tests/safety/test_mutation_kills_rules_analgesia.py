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
    assert mri["overdue"] is False            # done (or still due) within its 24 hours
    assert mri["note"] == "24 h standard counted from the first neurological symptom"


def stamps(a) -> dict:
    return {t["code"]: t for t in a["timestamps"]}


def test_an_untimed_mri_is_unknown_not_overdue_and_only_the_mri_row_says_so():
    a = stamps(assess(case(imaging=[study(MRI, [lesion("T8")], performed_at=None)])))
    assert a["mri"]["at"] is None and a["mri"]["overdue"] is False
    assert a["mri"]["note"] == "a whole-spine MRI is on file without its time: record it"
    assert a["coordinator_contact"]["note"] == ""
    assert a["spinal_surgery"]["note"] == ""


def test_no_mri_yet_past_its_24_hours_is_overdue():
    a = stamps(assess(case()))              # first symptom two days ago, no MRI
    assert a["mri"]["at"] is None and a["mri"]["overdue"] is True
    assert a["mri"]["note"] == "24 h standard counted from the first neurological symptom"


def test_without_neurology_the_mri_has_no_24_hour_clock():
    neg = dict(presentation__limb_weakness=False, presentation__walking_difficulty=False,
               neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 5,
                                      "left_leg": 5},
               neuro_exam__reflexes_legs="normal", neuro_exam__ambulation="independent")
    mri = stamps(assess(case(**neg)))["mri"]
    assert (mri["due_by"], mri["overdue"], mri["note"]) == (None, False, "")
