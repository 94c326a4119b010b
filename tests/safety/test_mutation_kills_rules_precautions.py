"""Behaviour of the spinal-precautions rules that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
a case from engine_cases, assessed, and the assessment checked."""
from __future__ import annotations

import pytest

from engine_cases import DELETE, MRI, alert_codes, assess, case, lesion, study

NEG = dict(presentation__limb_weakness=False, presentation__walking_difficulty=False,
           neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 5, "left_leg": 5},
           neuro_exam__reflexes_legs="normal", neuro_exam__ambulation="independent")
MECHANICAL = dict(presentation__spinal_pain="mechanical", presentation__pain_severe=False)
STUDY_AT = "2026-03-10T10:00:00+00:00"
SMALL_LESION = [study(MRI, [lesion("T8", bilsky_grade="1a")])]


def precautions(a) -> dict:
    return next(t for t in a["trace"] if t["rule"] == "PREC-1")


# --- mechanical pain with an incomplete SINS whose maximum reaches 7 -----------------------

@pytest.mark.parametrize("one, total_max, applies", [
    (lesion("S3", lesion_type=None), 2, False),      # incomplete, cannot reach 7
    (lesion("T8", lesion_type=None), 6, False),      # incomplete, reaches 6 only
    (lesion("T8", collapse=None), 7, True),          # incomplete, reaches 7
])
def test_incomplete_sins_with_mechanical_pain_counts_from_a_maximum_of_7(one, total_max,
                                                                         applies):
    a = assess(case(imaging=[study(MRI, [one])], **MECHANICAL, **NEG))
    assert a["scores"]["sins"]["total_max"] == total_max
    trace = precautions(a)
    assert trace["inputs"]["triggers"]["mechanical_pain_incomplete_sins_reaching_7"] is applies
    assert trace["fired"] is applies
    assert a["precautions"]["code"] == ("flat_log_roll" if applies else "none")


def test_a_complete_sins_is_not_the_incomplete_trigger():
    a = assess(case(imaging=[study(MRI, [lesion("T12", lesion_type="lytic")])], **MECHANICAL,
                    **NEG))
    triggers = precautions(a)["inputs"]["triggers"]
    assert triggers["sins_min_7_or_more"] is True
    assert triggers["mechanical_pain_incomplete_sins_reaching_7"] is False


# --- whether mechanical pain is severe: asked only when it could matter ---------------------

def test_severity_of_mechanical_pain_asked_only_when_unrecorded():
    assert "presentation.pain_severe" in assess(case(presentation__spinal_pain="mechanical",
                                                     presentation__pain_severe=DELETE))[
        "missing_inputs"]
    assert "presentation.pain_severe" not in assess(case(**MECHANICAL))["missing_inputs"]


# --- a surgeon's stability sign-off lifts precautions only when it is current ---------------

def test_sign_off_at_the_moment_of_the_study_does_not_answer_for_it():
    a = assess(case(imaging=SMALL_LESION, procedures__spine_declared_stable_at=STUDY_AT))
    assert a["precautions"]["code"] == "flat_log_roll"
    assert "stability_sign_off_outdated" in alert_codes(a)


def test_sign_off_after_the_study_lifts_precautions():
    a = assess(case(imaging=SMALL_LESION,
                    procedures__spine_declared_stable_at="2026-03-10T10:30:00+00:00"))
    assert a["precautions"]["code"] == "none"
    assert "stability_sign_off_outdated" not in alert_codes(a)


def test_sign_off_before_the_first_symptom_does_not_lift_precautions():
    a = assess(case(imaging=SMALL_LESION,
                    procedures__spine_declared_stable_at="2026-03-10T10:30:00+00:00",
                    presentation__neuro_onset_at="2026-03-10T11:00:00+00:00"))
    assert a["precautions"]["code"] == "flat_log_roll"
    assert "stability_sign_off_outdated" in alert_codes(a)


def test_sign_off_after_the_study_lifts_precautions_without_a_recorded_onset():
    a = assess(case(imaging=SMALL_LESION,
                    procedures__spine_declared_stable_at="2026-03-10T10:30:00+00:00",
                    presentation__neuro_onset_at=DELETE))
    assert a["precautions"]["code"] == "none"


def test_sign_off_at_the_moment_of_the_first_symptom_does_not_lift_precautions():
    a = assess(case(imaging=SMALL_LESION,
                    procedures__spine_declared_stable_at="2026-03-10T10:30:00+00:00",
                    presentation__neuro_onset_at="2026-03-10T10:30:00+00:00"))
    assert a["precautions"]["code"] == "flat_log_roll"
    assert "stability_sign_off_outdated" in alert_codes(a)
