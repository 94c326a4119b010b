"""Behaviour of the pathway rules that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned: each test assesses a
case and checks the assessment, on both sides of the boundary a mutant would move.
Only engine_cases helpers and the assessment JSON: no rule constants, no private code."""
from __future__ import annotations

import pytest

from engine_cases import DELETE, MRI, action, alert_codes, assess, case, hours_before, lesion, study

COMPRESSION = [study(MRI, [lesion("T8", bilsky_grade="3")])]
TWO_AREAS = [study(MRI, [lesion("T4", bilsky_grade="3"), lesion("L2", bilsky_grade="3")])]
METASTASES = [study(MRI, [lesion("T8")])]          # answering study, no compression
PARAPLEGIC = dict(neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 0,
                                         "left_leg": 0},
                  neuro_exam__ambulation="unable")


def trace(a, rule_id):
    return next(t for t in a["trace"] if t["rule"] == rule_id)


# --- this episode's treatment: at most 28 days old, not before the first symptom ---------

def test_surgery_at_the_moment_of_the_first_symptom_is_this_episode():
    a = assess(case(procedures__spinal_surgery_at=hours_before(72),
                    presentation__neuro_onset_at=hours_before(72)))
    assert a["pathway"]["code"] == "post_treatment"
    assert "treatment_history" not in alert_codes(a)


def test_surgery_before_the_first_symptom_is_history():
    a = assess(case(procedures__spinal_surgery_at=hours_before(72),
                    presentation__neuro_onset_at=hours_before(71)))
    assert a["pathway"]["code"] == "suspected_mscc"
    assert "treatment_history" in alert_codes(a)


def test_recent_surgery_without_a_recorded_onset_is_this_episode():
    a = assess(case(procedures__spinal_surgery_at=hours_before(72),
                    presentation__neuro_onset_at=DELETE))
    assert a["pathway"]["code"] == "post_treatment"
    assert "treatment_history" not in alert_codes(a)


# --- postoperative radiotherapy: due 14 days after surgery, "passed" only once it has ---

def test_postoperative_radiotherapy_not_yet_due_counts_down():
    a = assess(case(procedures__spinal_surgery_at=hours_before(3 * 24),
                    presentation__neuro_onset_at=hours_before(4 * 24)))
    rt = action(a, "radiotherapy")
    assert rt["due_within_hours"] == 11 * 24
    assert rt["text"].endswith("14 days after surgery.")
    assert "passed" not in rt["text"]


def test_postoperative_radiotherapy_past_due_says_arrange_it_now():
    a = assess(case(procedures__spinal_surgery_at=hours_before(20 * 24),
                    presentation__neuro_onset_at=hours_before(21 * 24)))
    rt = action(a, "radiotherapy")
    assert rt["due_within_hours"] == 0
    assert rt["text"].endswith("(that point has passed: arrange it now).")


# --- surgical screen: paraplegia for more than 48 h, one area -------------------------------

@pytest.mark.parametrize("hours, screen", [(24, True), (48, True), (49, False)])
def test_paraplegia_counts_against_surgery_only_after_48_hours(hours, screen):
    a = assess(case(imaging=COMPRESSION, presentation__paraplegia_since=hours_before(hours),
                    **PARAPLEGIC))
    t = trace(a, "PATH-SURGICAL-1")
    assert t["inputs"]["criteria"]["not_paraplegic_over_48h"] is screen
    assert t["fired"] is screen
    assert a["pathway"]["code"] == ("mscc_surgical_opinion" if screen else "mscc_radiotherapy")


def test_compression_at_two_areas_is_not_one_area():
    a = assess(case(imaging=TWO_AREAS))
    t = trace(a, "PATH-SURGICAL-1")
    assert t["inputs"]["compression_areas"] == 2
    assert t["inputs"]["criteria"]["one_area"] is False
    one = trace(assess(case(imaging=COMPRESSION)), "PATH-SURGICAL-1")
    assert one["inputs"]["compression_areas"] == 1 and one["inputs"]["criteria"]["one_area"]


# --- what the supportive-care decision still needs --------------------------------------------

def test_pain_control_asked_only_for_long_paraplegia_when_unrecorded():
    long_para = dict(imaging=COMPRESSION, presentation__paraplegia_since=hours_before(15 * 24),
                     **PARAPLEGIC)
    unknown = assess(case(presentation__pain_controlled=DELETE, **long_para))
    assert "presentation.pain_controlled" in unknown["missing_inputs"]
    known = assess(case(presentation__pain_controlled=True, **long_para))
    assert "presentation.pain_controlled" not in known["missing_inputs"]
    assert known["pathway"]["code"] == "mscc_supportive_care"


# --- metastases without compression: oligometastatic disease and SABR --------------------------

def test_oligometastatic_status_asked_only_when_unrecorded():
    assert "cancer.oligometastatic" in assess(
        case(imaging=METASTASES, cancer__oligometastatic=DELETE))["missing_inputs"]
    recorded = assess(case(imaging=METASTASES, cancer__oligometastatic=False))
    assert "cancer.oligometastatic" not in recorded["missing_inputs"]
    assert "cancer.fit_for_treatment" not in recorded["missing_inputs"]
    assert recorded["missing_inputs"] == []


def test_sabr_for_pain_with_good_prognosis_is_referred_within_one_week():
    a = assess(case(imaging=METASTASES, cancer__oligometastatic=False))
    assert a["pathway"]["code"] == "spinal_metastases_stable"
    opinion = action(a, "clinical_oncology_opinion")
    assert opinion["due_within_hours"] == 168
    assert "SABR" in opinion["text"] and "prognosis over 6 months" in opinion["text"]


def test_fit_for_treatment_asked_only_when_unrecorded_with_compression():
    assert "cancer.fit_for_treatment" in assess(
        case(imaging=COMPRESSION, cancer__fit_for_treatment=DELETE))["missing_inputs"]
    assert "cancer.fit_for_treatment" not in assess(case(imaging=COMPRESSION))["missing_inputs"]


@pytest.mark.parametrize("extra, due, words", [
    ({}, 24, "Spinal surgical opinion within 24 hours: SINS 11-11"),
    ({"posterolateral": "bilateral", "alignment": "deformity"}, 0,
     "Spinal surgical opinion now: SINS 16-16")])
def test_unstable_metastases_surgical_opinion_now_only_from_sins_13(extra, due, words):
    lytic = lesion("T12", lesion_type="lytic", collapse="over_50", **extra)
    a = assess(case(imaging=[study(MRI, [lytic])], presentation__spinal_pain="mechanical",
                    presentation__pain_severe=False))
    assert a["pathway"]["code"] == "spinal_metastases_unstable"
    opinion = action(a, "spinal_surgical_opinion")
    assert opinion["due_within_hours"] == due
    assert opinion["text"].startswith(words)


def test_fit_for_treatment_asked_when_unrecorded_without_compression():
    assert "cancer.fit_for_treatment" in assess(
        case(imaging=METASTASES, cancer__fit_for_treatment=DELETE))["missing_inputs"]


def test_postoperative_radiotherapy_countdown_keeps_part_hours():
    a = assess(case(procedures__spinal_surgery_at=hours_before(3 * 24 + 0.5),
                    presentation__neuro_onset_at=hours_before(4 * 24)))
    assert action(a, "radiotherapy")["due_within_hours"] == 11 * 24 - 0.5


def test_no_sabr_referral_without_oligometastases_or_a_long_prognosis():
    a = assess(case(imaging=METASTASES, cancer__prognosis="3_to_6_months",
                    cancer__oligometastatic=False))
    assert trace(a, "PATH-OLIGO-1")["fired"] is False
    assert action(a, "clinical_oncology_opinion") is None
    assert action(a, "radiotherapy")["text"].startswith("Radiotherapy 8 Gy single fraction")


def test_oligometastatic_disease_alone_is_referred_for_sabr():
    a = assess(case(imaging=METASTASES, cancer__oligometastatic=True,
                    presentation__spinal_pain="mechanical", presentation__pain_severe=False))
    assert trace(a, "PATH-OLIGO-1")["fired"] is True
    opinion = action(a, "clinical_oncology_opinion")
    assert opinion["due_within_hours"] == 168
    assert "oligometastatic disease" in opinion["text"]


def test_compression_without_a_scored_lesion_has_sins_minimum_zero():
    a = assess(case(imaging=[study(MRI, [], cauda_equina_compression=True)]))
    assert a["pathway"]["code"] == "mscc_surgical_opinion"
    assert trace(a, "PATH-SURGICAL-1")["inputs"]["worst_sins_min"] == 0


def test_without_neurology_compression_alone_does_not_make_the_surgical_screen_positive():
    neg = dict(presentation__limb_weakness=False, presentation__walking_difficulty=False,
               neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 5,
                                      "left_leg": 5},
               neuro_exam__reflexes_legs="normal", neuro_exam__ambulation="independent")
    a = assess(case(imaging=COMPRESSION, **neg))
    screen = trace(a, "PATH-SURGICAL-1")
    assert screen["inputs"]["criteria"]["neuro_positive_or_unknown"] is False
    assert screen["fired"] is False
    assert a["pathway"]["code"] == "mscc_radiotherapy"
