"""Rules without a numeric threshold: neurology, imaging, pathways, orders, scores."""
from __future__ import annotations

import pytest

from engine_cases import (DELETE, MRI, action, alert_codes, assess, case, lesion, order, study)

NEG = dict(presentation__limb_weakness=False, presentation__walking_difficulty=False,
           neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 5, "left_leg": 5},
           neuro_exam__reflexes_legs="normal", neuro_exam__ambulation="independent")


# --- neurology ---------------------------------------------------------------------

def test_complete_normal_assessment_is_negative():
    a = assess(case(**NEG))
    assert a["derived"]["neuro_status"] == "negative"
    assert a["pathway"]["code"] == "suspected_spinal_metastases"


@pytest.mark.parametrize("edit", [
    {"presentation__radicular_pain": True}, {"presentation__sensory_loss": True},
    {"presentation__bladder_dysfunction": True}, {"presentation__bowel_dysfunction": True},
    {"neuro_exam__reflexes_arms": "brisk"}, {"neuro_exam__plantars": "extensor"},
    {"neuro_exam__clonus": True}, {"neuro_exam__hoffmann": True},
    {"neuro_exam__sensory_level": "T10"}, {"neuro_exam__saddle_anaesthesia": True},
    {"neuro_exam__anal_tone": "reduced"}, {"neuro_exam__ambulation": "with_aid"},
    {"neuro_exam__mrc_power__left_arm": 4}])
def test_each_finding_alone_makes_neurology_positive(edit):
    a = assess(case(**{**NEG, **edit}))
    assert a["derived"]["neuro_status"] == "positive"
    assert a["pathway"]["code"] == "suspected_mscc"
    assert a["pathway"]["urgency"] == "emergency"


@pytest.mark.parametrize("missing", ["presentation__limb_weakness", "presentation__sensory_loss",
                                     "neuro_exam__mrc_power__right_leg"])
def test_unrecorded_item_makes_neurology_unknown_and_treated_as_positive(missing):
    a = assess(case(**{**NEG, missing: DELETE}))
    assert a["derived"]["neuro_status"] == "unknown"
    assert a["pathway"]["code"] == "suspected_mscc"
    assert "neuro_assessment_incomplete" in alert_codes(a)
    assert missing.replace("__", ".") in a["missing_inputs"]
    assert order(a, "dexamethasone")["status"] == "recommended"
    assert action(a, "contact_mscc_coordinator")["due_within_hours"] == 0


def test_empty_case_is_an_emergency_that_names_what_is_missing():
    a = assess({"format": "mscc-case/1", "assessed_at": "2026-03-10T12:00:00+00:00",
                "locale": "GB", "patient": {"id": "X1"}})
    assert a["pathway"]["code"] == "suspected_mscc" and a["complete"] is False
    assert {"presentation.limb_weakness", "neuro_exam.mrc_power.left_leg",
            "labs.calcium", "labs.platelets"} <= set(a["missing_inputs"])
    assert order(a, "lmwh_prophylaxis")["status"] == "pending"
    assert order(a, "anti_embolism_stockings")["status"] == "pending"
    assert order(a, "iv_fluids")["status"] == "pending"


# --- imaging ------------------------------------------------------------------------

def test_xray_only_is_insufficient():
    a = assess(case(imaging=[study("xray", [lesion("C5")])]))
    assert "xray_insufficient" in alert_codes(a)
    assert a["pathway"]["code"] == "suspected_mscc"


def test_ct_answers_only_when_mri_is_contraindicated():
    ct = [study("ct", [lesion("T8", bilsky_grade="3")])]
    assert assess(case(imaging=ct))["pathway"]["code"] == "suspected_mscc"
    a = assess(case(imaging=ct, mri_contraindicated=True))
    assert a["pathway"]["code"] == "mscc_surgical_opinion"
    b = assess(case(mri_contraindicated=True))
    assert action(b, "ct_spine")["due_within_hours"] == 24 and action(b, "mri_whole_spine") is None


def test_answering_study_without_lesions_or_verdict_is_ignored_until_completed():
    a = assess(case(imaging=[study(MRI, [], metastases_excluded=None)]))
    assert "imaging_incomplete" in alert_codes(a)
    assert "imaging.0.metastases_excluded" in a["missing_inputs"]
    assert a["pathway"]["code"] == "suspected_mscc"
    assert action(a, "mri_whole_spine")["due_within_hours"] == 24


def test_excluded_stops_dexamethasone_and_lifts_everything():
    a = assess(case(imaging=[study(MRI, [], metastases_excluded=True)],
                    medications__dexamethasone_started_at="2026-03-10T02:00:00+00:00", **NEG))
    assert a["pathway"]["code"] == "mscc_excluded"
    assert order(a, "dexamethasone")["status"] == "stop"
    assert a["precautions"]["code"] == "none"
    assert action(a, "analgesia") is None
    assert order(a, "lmwh_prophylaxis")["status"] == "not_indicated"


def test_excluding_study_beside_a_lesion_is_flagged():
    a = assess(case(imaging=[study(MRI, [], metastases_excluded=True),
                             study("mri_limited", [lesion("T8", bilsky_grade="2")])]))
    assert a["pathway"]["code"] == "mscc_excluded"
    assert "imaging_conflict" in alert_codes(a)


def test_compression_on_limited_mri_asks_for_whole_spine():
    a = assess(case(imaging=[study("mri_limited", [lesion("T8", bilsky_grade="3")])]))
    assert a["pathway"]["code"] == "mscc_surgical_opinion"
    assert action(a, "mri_whole_spine")["due_within_hours"] == 24


def test_cauda_equina_compression_alone_is_one_area():
    a = assess(case(imaging=[study(MRI, [], cauda_equina_compression=True)]))
    assert a["pathway"]["code"] == "mscc_surgical_opinion"


def test_no_pain_no_neurology_no_lesion_is_not_suspected():
    a = assess(case(presentation__spinal_pain="none", cancer__vertebral_metastases=DELETE, **NEG))
    assert a["pathway"]["code"] == "not_suspected"
    assert action(a, "safety_net_advice") is not None and action(a, "analgesia") is None
    assert order(a, "lmwh_prophylaxis")["status"] == "not_indicated"


def test_unknown_pain_without_neurology_is_still_suspected():
    a = assess(case(presentation__spinal_pain=DELETE, cancer__vertebral_metastases=DELETE, **NEG))
    assert a["pathway"]["code"] == "suspected_spinal_metastases"
    assert "presentation.spinal_pain" in a["missing_inputs"]


# --- confirmed MSCC details ----------------------------------------------------------

def test_radiosensitive_primary_with_high_grade_shows_noms_disagreement():
    a = assess(case(cancer__primary="breast", imaging=[study(MRI, [lesion("T8", bilsky_grade="3")])]))
    assert "noms_vs_surgery" in {d["code"] for d in a["disagreements"]}
    b = assess(case(imaging=[study(MRI, [lesion("T8", bilsky_grade="3")])]))
    assert "noms_vs_surgery" not in {d["code"] for d in b["disagreements"]}


def test_prior_radiotherapy_alert():
    a = assess(case(cancer__prior_radiotherapy_at_level=True,
                    imaging=[study(MRI, [lesion("T8", bilsky_grade="3")])]))
    assert "prior_radiotherapy" in alert_codes(a)


def test_haematological_pathway_adds_surgeon_when_unstable():
    unstable = lesion("T12", bilsky_grade="3", lesion_type="lytic", collapse="over_50")
    a = assess(case(cancer__primary="myeloma", imaging=[study(MRI, [unstable])]))
    assert a["pathway"]["code"] == "mscc_haematological"
    assert action(a, "spinal_surgical_opinion")["due_within_hours"] == 0
    b = assess(case(cancer__primary="myeloma", imaging=[study(MRI, [lesion("T8", bilsky_grade="3")])]))
    assert action(b, "spinal_surgical_opinion") is None


def test_supportive_care_without_steroids_considers_them_only_for_severe_pain():
    mscc = [study(MRI, [lesion("T8", bilsky_grade="3")])]
    a = assess(case(cancer__prognosis="weeks", imaging=mscc, presentation__pain_severe=True))
    assert order(a, "dexamethasone")["status"] == "consider"
    b = assess(case(cancer__prognosis="weeks", imaging=mscc, presentation__pain_severe=False))
    assert order(b, "dexamethasone")["status"] == "not_indicated"
    assert action(b, "goals_of_care_discussion")["due_within_hours"] == 24


def test_confirmed_myeloma_without_neurology_still_gets_dexamethasone():
    a = assess(case(cancer__primary="myeloma", **NEG))
    assert order(a, "dexamethasone")["status"] == "recommended"


def test_no_neurology_severe_pain_considers_dexamethasone():
    assert order(assess(case(presentation__pain_severe=True, **NEG)), "dexamethasone")["status"] == "consider"
    assert order(assess(case(**NEG)), "dexamethasone")["status"] == "not_indicated"


def test_steroid_gi_risk_alert():
    assert "steroid_gi_risk" in alert_codes(assess(case(history__peptic_ulcer=True)))


# --- thromboprophylaxis details -------------------------------------------------------

@pytest.mark.parametrize("field", ["acute_dvt", "peripheral_arterial_disease",
                                   "leg_skin_condition", "severe_leg_oedema"])
def test_ipc_contraindications(field):
    assert order(assess(case(**{f"history__{field}": True})),
                 "intermittent_pneumatic_compression")["status"] == "withheld"


def test_ipc_names_unrecorded_leg_checks():
    o = order(assess(case(history__acute_dvt=DELETE)), "intermittent_pneumatic_compression")
    assert o["status"] == "recommended" and "acute DVT" in o["reason"]


@pytest.mark.parametrize("edit", [{"presentation__sensory_loss": True},
                                  {"history__peripheral_neuropathy": True},
                                  {"history__stocking_allergy": True},
                                  {"history__leg_deformity": True}])
def test_stocking_contraindications(edit):
    assert order(assess(case(**edit)), "anti_embolism_stockings")["status"] == "withheld"


def test_stockings_wait_for_sensation():
    a = assess(case(neuro_exam__sensory_level=DELETE))
    assert order(a, "anti_embolism_stockings")["status"] == "pending"


def test_outpatient_without_reduced_mobility_gets_no_prophylaxis():
    a = assess(case(imaging=[study(MRI, [lesion("L2")])], presentation__admitted=False, **NEG))
    assert a["pathway"]["code"] == "spinal_metastases_stable"
    assert order(a, "intermittent_pneumatic_compression")["status"] == "not_indicated"


def test_admitted_with_reduced_mobility_on_stable_pathway_gets_prophylaxis():
    a = assess(case(imaging=[study(MRI, [lesion("L2")])],
                    **{**NEG, "presentation__walking_difficulty": True,
                       "neuro_exam__ambulation": "independent"}))
    # walking difficulty is a neurological symptom: the pathway is still decided by imaging
    assert order(a, "intermittent_pneumatic_compression")["status"] == "recommended"


# --- scores ----------------------------------------------------------------------------

def test_frankel_grades():
    assert assess(case(**NEG))["scores"]["frankel"]["grade"] == "E"
    assert assess(case())["scores"]["frankel"]["grade"] == "D"
    para = {"neuro_exam__mrc_power__right_leg": 0, "neuro_exam__mrc_power__left_leg": 0,
            "neuro_exam__ambulation": "unable"}
    assert assess(case(**para, neuro_exam__saddle_anaesthesia=True))["scores"]["frankel"]["grade"] == "A"
    assert assess(case(**para))["scores"]["frankel"]["grade"] == "B"
    assert assess(case(neuro_exam__ambulation="unable"))["scores"]["frankel"]["grade"] == "C"


def test_tokuhashi_2005_pins_breast_at_5_and_leaves_colorectal_unscored():
    a = assess(case(cancer__primary="breast", **NEG))
    t = a["scores"]["tokuhashi_revised"]
    assert t["components"]["primary_site"] == 5
    # KPS 80 -> 2, extraspinal 0 -> 2, vertebral 1 -> 2, visceral none -> 2, palsy E -> 2
    assert t["total"] == 15 and "1 year" in t["band"]
    assert assess(case(cancer__primary="colorectal"))["scores"]["tokuhashi_revised"] is None


def test_padua_is_a_range_with_high_risk_when_minimum_reaches_4():
    p = assess(case())["scores"]["padua"]
    assert p["total_min"] == 6 and p["high_risk"] is True   # cancer 3 + reduced mobility 3
    assert p["total_max"] > p["total_min"]


def test_creatinine_clearance_cockcroft_gault_female_factor():
    male = assess(case())["scores"]["creatinine_clearance"]["ml_per_min"]
    female = assess(case(patient__sex="female"))["scores"]["creatinine_clearance"]["ml_per_min"]
    assert male == 80.0 and female == 68.0


def test_creatinine_in_umol_gives_the_same_clearance():
    a = assess(case(labs__creatinine={"value": 88.4, "unit": "umol/L",
                                      "sampled_at": "2026-03-10T08:00:00+00:00"}))
    assert a["scores"]["creatinine_clearance"]["ml_per_min"] == 80.0


def test_timestamps_mark_mri_overdue_24_hours_after_onset():
    a = assess(case(presentation__neuro_onset_at="2026-03-09T10:00:00+00:00"))
    mri = next(t for t in a["timestamps"] if t["code"] == "mri")
    assert mri["overdue"] is True and mri["due_by"] == "2026-03-10T10:00:00+00:00"
    b = assess(case(presentation__neuro_onset_at="2026-03-09T13:00:00+00:00"))
    assert next(t for t in b["timestamps"] if t["code"] == "mri")["overdue"] is False
