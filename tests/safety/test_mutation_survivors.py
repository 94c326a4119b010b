"""Tests written for the mutants that survived the first mutation run
(of the former hand-rolled tools/mutation_test.sh, 693/991 killed; now
python -m tools.mutation with cosmic-ray, docs/mutation.md): each pins a behaviour that a changed
threshold, table entry, condition or deleted statement would alter unnoticed.
Grouped by module; no fixtures (the mutation runner calls these in-process)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from engine_cases import (DELETE, MRI, action, alert_codes, assess, case, creatinine_for_crcl, exact_crcl,
                          hours_before, lesion, order, study)

NEG = dict(presentation__limb_weakness=False, presentation__walking_difficulty=False,
           neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 5, "left_leg": 5},
           neuro_exam__reflexes_legs="normal", neuro_exam__ambulation="independent")
COMPRESSION = [study(MRI, [lesion("T8", bilsky_grade="3")])]
ON_DEX = "2026-03-05T12:00:00+00:00"
RT_STARTED = "2026-03-09T12:00:00+00:00"
SAMPLED = "2026-03-10T08:00:00+00:00"


def lab(value, unit, sampled_at=SAMPLED):
    return {"value": value, "unit": unit, "sampled_at": sampled_at}


def fired(a, rule_id):
    """The trace's verdicts for a rule (the basis shown beside every recommendation)."""
    return [t["fired"] for t in a["trace"] if t["rule"] == rule_id]


def missing(a):
    return set(a["missing_inputs"])


# --- the trace shown as the basis agrees with the decision --------------------------------

@pytest.mark.parametrize("edits, dex_fired", [
    ({}, True), (NEG, False), ({**NEG, "presentation__pain_severe": True}, True),
    ({"procedures__radiotherapy_started_at": RT_STARTED,
      "medications__dexamethasone_started_at": ON_DEX}, True)])
def test_trace_of_dexamethasone_matches_its_order(edits, dex_fired):
    a = assess(case(**edits))
    assert fired(a, "DEX-1") == [dex_fired]
    assert fired(a, "DEX-COVER-1") == [dex_fired]


def test_trace_marks_the_pathway_rules_that_decided():
    assert fired(assess(case()), "PATH-SUSPECTED-1") == [True]
    rt = assess(case(imaging=COMPRESSION, cancer__fit_for_surgery=False))
    assert rt["pathway"]["code"] == "mscc_radiotherapy" and fired(rt, "PATH-RT-1") == [True]
    taper = assess(case(procedures__radiotherapy_started_at=RT_STARTED,
                        medications__dexamethasone_started_at=ON_DEX))
    assert fired(taper, "DEX-TAPER-1") == [True]
    prior = assess(case(imaging=COMPRESSION, cancer__prior_radiotherapy_at_level=True))
    assert fired(prior, "ALERT-PRIOR-RT-1") == [True]
    assert fired(assess(case(imaging=COMPRESSION)), "ALERT-PRIOR-RT-1") == [False]


def test_trace_of_sensory_stockings_lmwh_and_bone_agents():
    numb = assess(case(presentation__sensory_loss=True))
    assert fired(numb, "SENSORY-1") == [True] and fired(numb, "VTE-AES-1") == [False]
    base = assess(case())
    assert fired(base, "SENSORY-1") == [False] and fired(base, "VTE-AES-1") == [True]
    assert fired(base, "VTE-LMWH-1") == [True] and fired(base, "NEURO-1") == [True]
    assert fired(assess(case(**NEG)), "NEURO-1") == [False]
    anticoag = assess(case(medications__anticoagulation="doac"))
    assert fired(anticoag, "VTE-LMWH-1") == [False]
    held = assess(case(history__active_bleeding=True))
    assert fired(held, "VTE-LMWH-1") == [False]
    moderate = assess(case(cancer__primary="breast", labs__adjusted_calcium=lab(3.1, "mmol/L")))
    assert fired(moderate, "BTA-1") == [False]
    assert next(t for t in moderate["trace"] if t["rule"] == "BTA-1")["inputs"] == {
        "decided_by": "hypercalcaemia"}


def test_trace_of_imaging_rules():
    conflict = assess(case(imaging=[study(MRI, [], metastases_excluded=True),
                                    study("mri_limited", [lesion("T8")])]))
    assert fired(conflict, "IMG-CONFLICT-1") == [True]
    assert "imaging_conflict" in alert_codes(conflict)
    assert fired(assess(case(imaging=[study(MRI, [], metastases_excluded=True)])),
                 "IMG-CONFLICT-1") == [False]
    assert fired(assess(case(imaging=[study(MRI, [lesion("L2")])])), "SCORE-SINS-1") == [True]
    assert fired(assess(case()), "SCORE-SINS-1") == [False]


# --- missing inputs are named where the rules need them ----------------------------------------

@pytest.mark.parametrize("edits, path", [
    ({**NEG, "presentation__pain_severe": DELETE}, "presentation.pain_severe"),
    ({**NEG, "cancer__haematological_suspected": DELETE}, "cancer.haematological_suspected"),
    ({"imaging": COMPRESSION, "cancer__prognosis": "weeks", "presentation__pain_severe": DELETE},
     "presentation.pain_severe"),
    ({"imaging": COMPRESSION, "cancer__primary": DELETE}, "cancer.primary"),
    ({"imaging": COMPRESSION, "cancer__haematological_suspected": DELETE},
     "cancer.haematological_suspected"),
    ({"imaging": COMPRESSION, "cancer__prognosis": DELETE}, "cancer.prognosis"),
    ({"imaging": COMPRESSION, "cancer__fit_for_surgery": DELETE}, "cancer.fit_for_surgery"),
    ({"imaging": [study(MRI, [lesion("L2")])], **NEG, "presentation__spinal_pain": DELETE},
     "presentation.spinal_pain"),
    ({"cancer__primary": "breast", "medications__bone_targeted_agent": DELETE},
     "medications.bone_targeted_agent"),
    ({"cancer__primary": "prostate", "presentation__pain_controlled": DELETE},
     "presentation.pain_controlled"),
    ({"cancer__primary": "breast", "labs__creatinine": DELETE}, "labs.creatinine"),
    ({"history__diabetes": DELETE}, "history.diabetes"),
    ({"labs__adjusted_calcium": lab(3.2, "mmol/L"), "labs__creatinine": DELETE}, "labs.creatinine"),
    ({"procedures__spinal_surgery_at": hours_before(30)},
     "procedures.surgeon_cleared_anticoagulation"),
    ({"labs__creatinine": DELETE}, "labs.creatinine"),
    ({"history__bleeding_disorder": DELETE}, "history.bleeding_disorder"),
    ({"medications__anticoagulation": DELETE}, "medications.anticoagulation"),
    ({"patient__weight_kg": DELETE}, "patient.weight_kg"),
    ({"procedures__neuraxial_procedure_within_12h": DELETE},
     "procedures.neuraxial_procedure_within_12h"),
    ({"neuro_exam__sensory_level": DELETE}, "neuro_exam.sensory_level"),
    ({"history__stocking_allergy": DELETE}, "history.stocking_allergy"),
    ({**NEG, "presentation__spinal_pain": "mechanical", "presentation__pain_severe": DELETE},
     "presentation.pain_severe"),
    ({"presentation__pain_regions": DELETE}, "presentation.pain_regions"),
    ({"imaging": [study(MRI, [lesion("L2")])], **NEG, "presentation__admitted": DELETE,
      "presentation__limb_weakness": True}, "presentation.admitted"),
    ({"imaging": [study(MRI, [lesion("L2")])], **NEG, "neuro_exam__ambulation": DELETE},
     "neuro_exam.ambulation"),
])
def test_unknown_input_is_named(edits, path):
    assert path in missing(assess(case(**edits)))


@pytest.mark.parametrize("edits, path", [
    ({**NEG, "cancer__primary": "myeloma", "cancer__haematological_suspected": DELETE},
     "cancer.haematological_suspected"),
    ({"imaging": COMPRESSION, "cancer__primary": "lymphoma", "cancer__haematological_suspected": DELETE},
     "cancer.haematological_suspected"),
    ({"imaging": COMPRESSION, "presentation__pain_controlled": DELETE}, "presentation.pain_controlled"),
    ({"cancer__primary": "prostate", "medications__bone_targeted_agent": "zoledronic_acid",
      "presentation__pain_controlled": DELETE}, "presentation.pain_controlled"),
    ({"cancer__primary": "lung_nsclc", "medications__bone_targeted_agent": DELETE},
     "medications.bone_targeted_agent"),
    ({"imaging": [study(MRI, [lesion("L2")])], **NEG, "presentation__admitted": False,
      "neuro_exam__ambulation": DELETE}, "neuro_exam.ambulation"),
    ({"presentation__spinal_pain": "non_mechanical", "presentation__pain_severe": DELETE},
     "presentation.pain_severe"),
])
def test_input_that_cannot_change_the_result_is_not_asked_for(edits, path):
    assert path not in missing(assess(case(**edits)))


def test_incomplete_sins_names_only_its_unknown_components():
    a = assess(case(imaging=[study(MRI, [{"level": "T12", "lesion_type": "lytic",
                                          "alignment": "normal"}])], **NEG))
    assert {"imaging.0.lesions.0.collapse", "imaging.0.lesions.0.posterolateral"} <= missing(a)
    assert "imaging.0.lesions.0.alignment" not in missing(a)
    assert "imaging.0.lesions.0.lesion_type" not in missing(a)
    # an incomplete lesion that cannot reach 7 is not chased
    b = assess(case(imaging=[study(MRI, [{"level": "S3", "lesion_type": "blastic",
                                          "alignment": "normal", "collapse": "none"}])],
                    presentation__spinal_pain="none", **NEG))
    assert b["scores"]["sins"]["total_max"] <= 6 and "sins_incomplete" not in alert_codes(b)
    assert "imaging.0.lesions.0.posterolateral" not in missing(b)


# --- order details ----------------------------------------------------------------------------

def test_supportive_care_dexamethasone_consider_has_a_full_order():
    a = assess(case(imaging=COMPRESSION, cancer__prognosis="weeks", presentation__pain_severe=True))
    o = order(a, "dexamethasone")
    assert (o["status"], o["dose"], o["route"]) == ("consider", {"value": 16, "unit": "mg"}, "oral")
    assert o["frequency"] == "16 mg daily, review at 1 week" and len(o["alternatives"]) == 1
    assert "severe pain" in o["reason"]
    b = order(assess(case(imaging=COMPRESSION, cancer__prognosis="weeks",
                          presentation__pain_severe=False)), "dexamethasone")
    assert (b["dose"], b["route"], b["frequency"], b["alternatives"]) == (None, None, None, [])
    assert b["reason"] == "Supportive care without severe pain."


@pytest.mark.parametrize("edits, why", [
    ({}, "Neurological symptoms or signs of MSCC"),
    ({**NEG, "presentation__limb_weakness": DELETE}, "Neurological status not fully assessed"),
    ({**NEG, "cancer__primary": "myeloma"}, "Confirmed myeloma or lymphoma with spinal disease")])
def test_dexamethasone_reason_says_why(edits, why):
    assert order(assess(case(**edits)), "dexamethasone")["reason"].startswith(why)


def test_taper_schedule_dates_doses_and_texts():
    a = assess(case(procedures__radiotherapy_started_at=RT_STARTED,
                    medications__dexamethasone_started_at=ON_DEX))
    o = order(a, "dexamethasone")
    assert (o["dose"], o["route"]) == ({"value": 12, "unit": "mg"}, "oral")
    assert "after surgery or radiotherapy" in o["reason"] and "16 mg" in o["reason"]
    steps = [(s["day_from"], s["day_to"], s["date_from"], s["date_to"],
              s["dose"]["value"] if s["dose"] else None, s["text"]) for s in o["schedule"]]
    assert steps == [
        # assessed at 12:00: today's 08:00 dose has passed, so day 1 is tomorrow
        (1, 2, "2026-03-11", "2026-03-12", 12, "12 mg daily (8 mg 08:00 + 4 mg 12:00), days 1-2"),
        (3, 4, "2026-03-13", "2026-03-14", 8, "8 mg daily, days 3-4"),
        (5, 6, "2026-03-15", "2026-03-16", 4, "4 mg daily, days 5-6"),
        (7, 7, "2026-03-17", "2026-03-17", 2, "2 mg daily, day 7"),
        (8, 8, "2026-03-18", "2026-03-18", None, "stop")]
    b = assess(case(imaging=COMPRESSION, cancer__prognosis="weeks",
                    medications__dexamethasone_started_at=ON_DEX))
    assert "in supportive care" in order(b, "dexamethasone")["reason"]


def test_action_due_time_is_assessed_at_plus_hours():
    a = assess(case())
    mri = action(a, "mri_whole_spine")
    assert (mri["due_within_hours"], mri["due_at"]) == (24, "2026-03-11T12:00:00+00:00")


def test_same_action_asked_twice_keeps_the_earlier_deadline():
    # compression on a limited MRI (24 h) with epidural disease elsewhere: the earlier wins
    a = assess(case(imaging=[study("mri_limited", [lesion("T8", bilsky_grade="3")])]))
    assert action(a, "mri_whole_spine")["due_within_hours"] == 24
    b = assess(case(imaging=[study("mri_limited", [lesion("T8", bilsky_grade="1a")])], **NEG))
    assert action(b, "mri_whole_spine")["due_within_hours"] == 168
    # coordinator: 0 h with neurology (the 24 h pain rule does not relax it)
    assert action(assess(case()), "contact_mscc_coordinator")["due_within_hours"] == 0


def test_alerts_and_disagreements_are_not_duplicated_but_distinct_texts_are_kept():
    a = assess(case(imaging=[study(MRI, [{"level": "T12", "lesion_type": "lytic"},
                                         {"level": "L1", "lesion_type": "lytic"}])]))
    incomplete = [x for x in a["alerts"] if x["code"] == "sins_incomplete"]
    assert len(incomplete) == 2 and incomplete[0]["text"] != incomplete[1]["text"]
    codes = [d["code"] for d in a["disagreements"]]
    assert len(codes) == len(set(codes)) and "stockings_sensory_loss" in codes


def test_stockings_disagreement_and_platelet_threshold_disagreement_are_shown():
    a = assess(case(labs__platelets__value=60))
    codes = {d["code"] for d in a["disagreements"]}
    assert {"stockings_sensory_loss", "platelet_threshold"} <= codes
    assert "platelet_threshold" not in {d["code"] for d in assess(case())["disagreements"]}


def test_stockings_name_unrecorded_contraindications():
    o = order(assess(case(history__leg_deformity=DELETE)), "anti_embolism_stockings")
    assert o["status"] == "consider" and o["reason"].endswith("Not recorded: leg deformity.")


# --- precautions ---------------------------------------------------------------------------------

@pytest.mark.parametrize("edits, code", [
    ({**NEG, "presentation__spinal_pain": "mechanical", "presentation__pain_severe": True},
     "flat_log_roll"),
    ({**NEG, "presentation__spinal_pain": "mechanical", "presentation__pain_severe": False}, "none"),
    ({**NEG, "presentation__spinal_pain": "non_mechanical", "presentation__pain_severe": True}, "none"),
    ({**NEG, "presentation__spinal_pain": "mechanical", "presentation__pain_severe": True,
      "presentation__pain_regions": ["cervical"]}, "cervical_collar_log_roll"),
    # incomplete lesion whose SINS maximum reaches 7, with mechanical pain
    ({**NEG, "presentation__spinal_pain": "mechanical", "presentation__pain_regions": ["lumbar"],
      "imaging": [study(MRI, [{"level": "L5", "lesion_type": "blastic"}])]}, "flat_log_roll"),
    ({**NEG, "presentation__spinal_pain": "non_mechanical", "presentation__pain_regions": ["lumbar"],
      "imaging": [study(MRI, [{"level": "L5", "lesion_type": "blastic"}])]}, "none"),
    # complete lesions: SINS 7 applies precautions, 6 does not
    ({**NEG, "presentation__spinal_pain": "none",
      "imaging": [study(MRI, [lesion("T5", lesion_type="lytic", alignment="deformity",
                                     collapse="none_over_50_involved", posterolateral="unilateral")])]},
     "flat_log_roll"),
    ({**NEG, "presentation__spinal_pain": "none",
      "imaging": [study(MRI, [lesion("T5", lesion_type="lytic", collapse="under_50",
                                     posterolateral="unilateral")])]}, "none"),
    # compressing cervical lesion beside a worse thoracic one: collar
    ({"imaging": [study(MRI, [lesion("C6", bilsky_grade="2"),
                              lesion("T12", lesion_type="lytic", collapse="over_50")])]},
     "cervical_collar_log_roll"),
    ({"imaging": [study(MRI, [lesion("C6", bilsky_grade="1a"),
                              lesion("T12", lesion_type="lytic", collapse="over_50")])]},
     "flat_log_roll"),
])
def test_precaution_triggers(edits, code):
    a = assess(case(**edits))
    assert a["precautions"]["code"] == code
    assert ("transport_unstable_spine" in alert_codes(a)) is (code != "none")


@pytest.mark.parametrize("edits, resp", [
    ({"imaging": [study(MRI, [lesion("C4", bilsky_grade="2")])]}, True),
    ({"imaging": [study(MRI, [lesion("C4", bilsky_grade="2")])],
      "procedures__radiotherapy_started_at": RT_STARTED}, False),
    ({"imaging": [study(MRI, [], metastases_excluded=True), study("mri_limited", [lesion("C4")])]},
     False)])
def test_level_alerts_stop_after_treatment_or_exclusion(edits, resp):
    a = assess(case(**edits))
    assert ("respiratory_risk" in alert_codes(a)) is resp
    assert ("autonomic_dysreflexia_risk" in alert_codes(a)) is (resp and "C4" in str(edits))


# --- thromboprophylaxis: who has reduced mobility ---------------------------------------------

# The MRI is timed before the 09:00 stability sign-off, which then lifts precautions.
STABLE = dict(imaging=[study(MRI, [lesion("L2")], performed_at="2026-03-10T08:30:00+00:00")],
              **NEG)


@pytest.mark.parametrize("edits, mobility", [
    ({}, False),
    ({"neuro_exam__ambulation": "unable"}, True),
    ({"neuro_exam__ambulation": "with_aid"}, True),
    ({"neuro_exam__ambulation": DELETE}, None),
    ({"presentation__walking_difficulty": DELETE,
      "procedures__spine_declared_stable_at": "2026-03-10T09:00:00+00:00"}, None),
    ({"presentation__walking_difficulty": True,
      "procedures__spine_declared_stable_at": "2026-03-10T09:00:00+00:00"}, True),
])
def test_reduced_mobility(edits, mobility):
    a = assess(case(**{**STABLE, **edits}))
    assert a["derived"]["reduced_mobility"] is mobility


def test_unstable_metastases_ask_the_surgeon_before_lmwh():
    les = lesion("T5", lesion_type="lytic", collapse="under_50", posterolateral="bilateral")
    a = assess(case(imaging=[study(MRI, [les])], **{**NEG, "neuro_exam__ambulation": "with_aid"},
                    procedures__spinal_surgery_expected_within_24h=DELETE))
    assert a["pathway"]["code"] == "spinal_metastases_unstable"
    assert order(a, "lmwh_prophylaxis")["status"] == "pending"


# --- imaging -------------------------------------------------------------------------------------

def test_whole_spine_mri_shows_compression_and_limited_only_asks_for_whole_spine():
    whole = assess(case(imaging=[study(MRI, [lesion("T8", bilsky_grade="2")])]))
    assert whole["pathway"]["code"] == "mscc_surgical_opinion"
    assert action(whole, "mri_whole_spine") is None
    both = assess(case(imaging=[study("mri_limited", [lesion("T8", bilsky_grade="2")]),
                                study(MRI, [lesion("T8", bilsky_grade="2")])]))
    assert action(both, "mri_whole_spine") is None


def test_bilsky_score_reports_the_highest_grade():
    a = assess(case(imaging=[study(MRI, [lesion("T4", bilsky_grade="1c"),
                                         lesion("T9", bilsky_grade="2"),
                                         lesion("L2", bilsky_grade="0")])]))
    assert a["scores"]["bilsky"] == {"grade": "2", "level": "T9", "high_grade": True,
                                     "graded_lesions": 3}
    b = assess(case(imaging=[study(MRI, [lesion("T4", bilsky_grade="1c")])]))
    assert b["scores"]["bilsky"]["high_grade"] is False


def test_cauda_equina_with_a_lumbar_run_is_one_area_with_a_thoracic_run_two():
    cauda = study(MRI, [], cauda_equina_compression=True)
    for level, pathway in (("L1", "mscc_surgical_opinion"), ("L2", "mscc_surgical_opinion"),
                           ("T12", "mscc_radiotherapy"), ("T4", "mscc_radiotherapy")):
        a = assess(case(imaging=[cauda, study("mri_limited", [lesion(level, bilsky_grade="2")])]))
        assert a["pathway"]["code"] == pathway, level


def test_ct_with_mri_possible_and_xray_are_insufficient_but_mri_is_not():
    assert "xray_insufficient" in alert_codes(assess(case(imaging=[study("ct", [lesion("T8")])])))
    assert "xray_insufficient" not in alert_codes(assess(case(
        imaging=[study("ct", [lesion("T8")])], mri_contraindicated=True)))
    assert "xray_insufficient" not in alert_codes(assess(case(
        imaging=[study("xray", [lesion("T8")]), study("mri_limited", [lesion("T8")])])))
    assert "xray_insufficient" not in alert_codes(assess(case()))


def test_known_lesion_from_cancer_history_without_pain_still_needs_imaging():
    a = assess(case(presentation__spinal_pain="none", **NEG))
    assert a["pathway"]["code"] == "suspected_spinal_metastases"
    assert action(a, "mri_whole_spine")["due_within_hours"] == 168


# --- pathway details --------------------------------------------------------------------------

def test_haematological_pathway_surgeon_only_from_sins_7():
    seven = lesion("T5", bilsky_grade="3", lesion_type="lytic", alignment="deformity",
                   collapse="none_over_50_involved", posterolateral="unilateral")
    six = lesion("T5", bilsky_grade="3", lesion_type="lytic", collapse="under_50",
                 posterolateral="unilateral")
    assert action(assess(case(cancer__primary="myeloma", imaging=[study(MRI, [seven])],
                              presentation__spinal_pain="none")), "spinal_surgical_opinion")
    assert action(assess(case(cancer__primary="myeloma", imaging=[study(MRI, [six])],
                              presentation__spinal_pain="none")), "spinal_surgical_opinion") is None


def test_sins_7_alone_makes_the_surgical_screen_positive_6_does_not():
    seven = lesion("T5", bilsky_grade="3", lesion_type="lytic", alignment="deformity",
                   collapse="none_over_50_involved", posterolateral="unilateral")
    six = lesion("T5", bilsky_grade="3", lesion_type="lytic", collapse="under_50",
                 posterolateral="unilateral")
    unfit = dict(cancer__fit_for_surgery=False, presentation__spinal_pain="none")
    assert assess(case(imaging=[study(MRI, [seven])], **unfit))["pathway"]["code"] == "mscc_surgical_opinion"
    assert assess(case(imaging=[study(MRI, [six])], **unfit))["pathway"]["code"] == "mscc_radiotherapy"


@pytest.mark.parametrize("legs, para", [((0, 0), True), ((0, 1), False), ((1, 0), False),
                                        ((0, None), None)])
def test_complete_paraplegia_needs_both_legs_at_zero(legs, para):
    mrc = {"right_arm": 5, "left_arm": 5, "right_leg": legs[0], "left_leg": legs[1]}
    if legs[1] is None:
        del mrc["left_leg"]
    a = assess(case(imaging=COMPRESSION, neuro_exam__mrc_power=mrc,
                    presentation__paraplegia_since="2026-02-01T12:00:00+00:00",
                    presentation__pain_controlled=True))
    assert (a["pathway"]["code"] == "mscc_supportive_care") is (para is True)
    trace = next(t for t in a["trace"] if t["rule"] == "PATH-SUPPORTIVE-1")
    assert trace["inputs"]["complete_paraplegia"] is para
    if para:
        assert trace["inputs"]["paraplegia_for"] == "888 h 0 min"


@pytest.mark.parametrize("primary, shown", [("breast", True), ("prostate", True), ("lung_sclc", True),
                                            ("renal", False)])
def test_noms_disagreement_for_each_radiosensitive_primary(primary, shown):
    a = assess(case(cancer__primary=primary, imaging=COMPRESSION))
    assert ("noms_vs_surgery" in {d["code"] for d in a["disagreements"]}) is shown


@pytest.mark.parametrize("prognosis, pathway", [("weeks", "mscc_supportive_care"),
                                                ("lt_3_months", "mscc_radiotherapy"),
                                                ("3_to_6_months", "mscc_surgical_opinion")])
def test_prognosis_in_the_surgical_screen(prognosis, pathway):
    assert assess(case(imaging=COMPRESSION, cancer__prognosis=prognosis))["pathway"]["code"] == pathway


@pytest.mark.parametrize("pathway_edits", [
    {"imaging": COMPRESSION},                                             # surgical opinion
    {"imaging": COMPRESSION, "cancer__primary": "myeloma"},               # haematological
    {"imaging": COMPRESSION, "cancer__prognosis": "weeks"}])              # supportive care
def test_every_confirmed_pathway_gets_thromboprophylaxis_when_not_admitted(pathway_edits):
    a = assess(case(**pathway_edits, presentation__admitted=False))
    assert order(a, "intermittent_pneumatic_compression")["status"] == "recommended"


# --- time stamps (QS56) -----------------------------------------------------------------------

def ts(a, code):
    return next(t for t in a["timestamps"] if t["code"] == code)


def test_coordinator_contact_due_now_only_when_asked_for_now():
    assert ts(assess(case()), "coordinator_contact")["due_by"] == "2026-03-10T12:00:00+00:00"
    assert ts(assess(case(**NEG)), "coordinator_contact")["due_by"] is None


def test_radiotherapy_due_24_hours_from_the_decision():
    a = assess(case(imaging=COMPRESSION, cancer__fit_for_surgery=False))
    assert ts(a, "radiotherapy_start")["due_by"] == "2026-03-11T12:00:00+00:00"
    assert ts(a, "radiotherapy_start")["note"] == "24 h from the decision to treat"
    assert ts(assess(case(imaging=COMPRESSION)), "radiotherapy_start")["due_by"] is None


def test_mri_time_is_the_first_whole_spine_mri_after_onset_and_overdue_is_strict():
    studies = [study("mri_limited", [lesion("T8")], performed_at="2026-03-10T08:00:00+00:00"),
               study(MRI, [lesion("T8")], performed_at="2026-03-10T09:00:00+00:00"),
               study(MRI, [lesion("T8")], performed_at="2026-03-10T11:00:00+00:00"),
               study("xray", [lesion("T8")], performed_at="2026-03-10T07:00:00+00:00")]
    a = assess(case(imaging=studies, presentation__neuro_onset_at="2026-03-09T09:00:00+00:00"))
    mri = ts(a, "mri")
    assert mri["at"] == "2026-03-10T09:00:00+00:00" and mri["overdue"] is False   # exactly 24 h
    b = assess(case(imaging=studies, presentation__neuro_onset_at="2026-03-09T08:59:00+00:00"))
    assert ts(b, "mri")["overdue"] is True
    # not done: overdue only once the deadline has passed
    assert ts(assess(case(presentation__neuro_onset_at="2026-03-09T12:00:00+00:00")),
              "mri")["overdue"] is False
    assert ts(assess(case(presentation__neuro_onset_at="2026-03-09T11:59:00+00:00")),
              "mri")["overdue"] is True


def test_missing_onset_is_flagged_only_with_neurology():
    assert ts(assess(case(presentation__neuro_onset_at=DELETE)), "neuro_onset")["note"] == "not recorded"
    assert ts(assess(case(**NEG, presentation__neuro_onset_at=DELETE)), "neuro_onset")["note"] == ""
    assert ts(assess(case()), "neuro_onset")["note"] == ""


def test_timestamps_trace_lists_what_is_overdue():
    a = assess(case(presentation__neuro_onset_at="2026-03-09T10:00:00+00:00"))
    assert fired(a, "QS56-TIMES-1") == [True]
    assert next(t for t in a["trace"] if t["rule"] == "QS56-TIMES-1")["inputs"]["overdue"] == ["mri"]


# --- bone-targeted agents ---------------------------------------------------------------------

def test_myeloma_gets_bone_agents_like_breast():
    a = assess(case(cancer__primary="myeloma", **NEG))
    assert order(a, "zoledronic_acid")["status"] == "consider"
    assert order(a, "denosumab")["status"] == "consider"
    assert action(a, "dental_review")["due_within_hours"] == 168


@pytest.mark.parametrize("crcl, alerted", [(29.9, True), (30.0, False)])
def test_denosumab_hypocalcaemia_alert_below_30(crcl, alerted):
    a = assess(case(cancer__primary="breast", **exact_crcl(crcl)))
    assert ("hypocalcaemia_risk" in alert_codes(a)) is alerted


def test_zoledronic_acid_pending_when_renal_function_unknown():
    a = assess(case(cancer__primary="breast", labs__creatinine=DELETE))
    o = order(a, "zoledronic_acid")
    assert o["status"] == "pending" and "creatinine clearance" in o["reason"]


@pytest.mark.parametrize("edits, why", [
    ({"cancer__primary": "breast", "medications__bone_targeted_agent": "denosumab"},
     "already on a bone-targeted agent"),
    ({"cancer__primary": "breast", "medications__bone_targeted_agent": DELETE},
     "current bone-targeted agent not recorded"),
    ({"cancer__primary": "breast", "cancer__vertebral_metastases": DELETE},
     "no known vertebral metastases"),
    ({"cancer__primary": "prostate", "presentation__pain_controlled": True}, "pain is controlled"),
    ({"cancer__primary": "renal"}, "primary not breast, myeloma or prostate")])
def test_bone_agent_not_indicated_says_why(edits, why):
    a = assess(case(**NEG, **edits))
    assert order(a, "zoledronic_acid")["reason"] == f"Not indicated by the rules ({why})."


def test_prostate_zoledronic_acid_purpose_is_pain():
    reason = order(assess(case(cancer__primary="prostate", **NEG)), "zoledronic_acid")["reason"]
    assert reason.startswith("Consider for pain in prostate cancer")
    breast = order(assess(case(cancer__primary="breast", **NEG)), "zoledronic_acid")["reason"]
    assert breast.startswith("Consider to reduce pain and vertebral fracture")


# --- calcium ------------------------------------------------------------------------------------

def test_corrected_calcium_is_kept_exact_and_shown_cut_to_two_decimals_in_both_units():
    a = assess(case(labs__adjusted_calcium=lab(2.6049, "mmol/L")))
    cc = a["scores"]["corrected_calcium"]
    assert cc["mmol_per_l"] == 2.6049 and cc["mmol_per_l_text"] == "2.60"
    assert cc["mg_per_dl"] == pytest.approx(10.4404392) and cc["mg_per_dl_text"] == "10.44"


def test_calcium_raising_drug_alert_needs_the_drug():
    a = assess(case(labs__adjusted_calcium=lab(2.8, "mmol/L")))
    assert "stop_calcium_raising_drugs" not in alert_codes(a)


def test_no_calcium_orders_name_the_calcium_and_record_not_fired():
    a = assess(case(labs__calcium=DELETE))
    assert order(a, "calcitonin")["drug"] == "calcitonin (salmon)"
    assert fired(a, "CA-TREAT-1") == [False] and fired(a, "CA-CORRECTED-1") == [False]


def test_severe_hypercalcaemia_calcitonin_text_and_trace():
    a = assess(case(labs__adjusted_calcium=lab(3.6, "mmol/L")))
    assert "a bridge while the antiresorptive takes effect" in order(a, "calcitonin")["reason"]
    assert fired(a, "CA-CORRECTED-1") == [True]
    assert fired(assess(case()), "CA-CORRECTED-1") == [False]


# --- scores shown for context -------------------------------------------------------------------

def test_sins_location_points_for_every_level():
    from engine.scores.sins import location_points
    expected = {**{lv: 3 for lv in ("C1", "C2", "C7", "T1", "T2", "T11", "T12", "L1", "L5", "S1")},
                **{lv: 2 for lv in ("C3", "C4", "C5", "C6", "L2", "L3", "L4")},
                **{f"T{i}": 1 for i in range(3, 11)},
                **{f"S{i}": 0 for i in range(2, 6)}}
    from engine.models.vocabulary import LEVELS
    assert {lv: location_points(lv) for lv in LEVELS} == expected


@pytest.mark.parametrize("lo, hi, cat", [(0, 6, "stable"), (7, 12, "indeterminate"),
                                         (13, 18, "unstable"), (7, 13, "at_least_indeterminate"),
                                         (6, 7, "undetermined"), (6, 12, "undetermined"),
                                         (12, 12, "indeterminate"), (7, 7, "indeterminate")])
def test_sins_categories(lo, hi, cat):
    from engine.scores.sins import category
    assert category(lo, hi) == cat


def test_worst_lesion_is_highest_minimum_then_maximum_then_first():
    from engine.scores.sins import LesionSins, worst
    a, b, c = (LesionSins(0, 0, "T5", 7, 9, {}), LesionSins(0, 1, "T6", 7, 11, {}),
               LesionSins(0, 2, "T7", 7, 11, {}))
    assert worst([a, b, c]) is b
    assert worst([c, b]) is c


@pytest.mark.parametrize("kps, points", [(40, 0), (50, 1), (70, 1), (80, 2)])
def test_tokuhashi_karnofsky_points(kps, points):
    from engine.scores.tokuhashi import karnofsky_points
    assert karnofsky_points(kps) == points


@pytest.mark.parametrize("total, band", [(8, "under 6 months"), (9, "6 months or more"),
                                         (11, "6 months or more"), (12, "1 year or more")])
def test_tokuhashi_bands(total, band):
    from engine.scores.tokuhashi import band as tb
    assert tb(total).endswith(band)


def test_tokuhashi_tables():
    from engine.scores import tokuhashi as t
    assert t.PRIMARY_POINTS == {"lung_nsclc": 0, "lung_sclc": 0, "unknown_primary": 1,
                                "melanoma": 2, "myeloma": 2, "lymphoma": 2, "renal": 3,
                                "thyroid": 5, "breast": 5, "prostate": 5}
    assert (t.EXTRASPINAL, t.VERTEBRAL, t.VISCERAL) == (
        {"3+": 0, "1-2": 1, "0": 2}, {"3+": 0, "2": 1, "1": 2},
        {"unremovable": 0, "removable": 1, "none": 2})
    assert t.PALSY == {"A": 0, "B": 0, "C": 1, "D": 1, "E": 2}


def test_tokuhashi_total_from_a_case():
    a = assess(case(cancer__primary="renal", cancer__karnofsky=70,
                    cancer__extraspinal_bone_metastases="1-2", cancer__vertebral_metastases="2",
                    cancer__visceral_metastases="removable"))
    t = a["scores"]["tokuhashi_revised"]
    # KPS 70 -> 1, extraspinal 1-2 -> 1, vertebral 2 -> 1, visceral removable -> 1, renal 3,
    # palsy D (walks with aid, neurology positive) -> 1
    assert t["components"] == {"general_condition": 1, "extraspinal_bone_metastases": 1,
                               "vertebral_metastases": 1, "visceral_metastases": 1,
                               "primary_site": 3, "palsy": 1}
    assert t["total"] == 8 and t["band"].endswith("under 6 months")


def test_padua_items_and_range():
    from engine.scores.padua import HIGH_RISK_FROM, NOT_IN_CASE
    assert HIGH_RISK_FROM == 4 and sum(NOT_IN_CASE.values()) == 8
    a = assess(case(history__previous_vte=True, history__heart_failure=True,
                    patient__date_of_birth="1956-03-10",
                    procedures__spinal_surgery_at="2026-02-08T12:00:00+00:00",
                    procedures__surgeon_cleared_anticoagulation=True))
    p = a["scores"]["padua"]
    items = {k: (v["points"], v["present"]) for k, v in p["items"].items()}
    assert items == {"active_cancer": (3, True), "previous_vte": (3, True),
                     "reduced_mobility": (3, True), "recent_trauma_or_surgery": (2, True),
                     "age_70_or_more": (1, True), "heart_failure": (1, True)}
    assert (p["total_min"], p["total_max"], p["high_risk"]) == (13, 21, True)
    b = assess(case(procedures__spinal_surgery_at="2026-02-08T11:59:00+00:00",
                    patient__date_of_birth="1956-03-11",
                    procedures__surgeon_cleared_anticoagulation=True))["scores"]["padua"]["items"]
    assert b["recent_trauma_or_surgery"]["present"] is False      # 30 days and a minute
    assert b["age_70_or_more"]["present"] is False                 # 69 years


def test_padua_unknown_items_widen_the_range_and_low_risk_is_false():
    a = assess(case(**NEG, presentation__spinal_pain="none", cancer__primary="none_known",
                    cancer__vertebral_metastases=DELETE, presentation__admitted=False,
                    history__previous_vte=DELETE))
    p = a["scores"]["padua"]
    assert p["items"]["previous_vte"]["present"] is None
    # unknown: previous VTE (3) and recent surgery (2), plus the 8 points not in the case
    assert (p["total_min"], p["total_max"]) == (0, 13) and p["high_risk"] is None
    from engine.scores.padua import padua
    from engine.facts import Facts
    from engine import parse_case
    low = padua(Facts(parse_case(case(**NEG, cancer__primary="none_known",
                                      patient__date_of_birth="1990-01-01"))), False)
    assert low["total_min"] == 0 and low["total_max"] == 10 and low["high_risk"] is None


@pytest.mark.parametrize("edits, grade", [
    ({"neuro_exam__ambulation": "unable", "neuro_exam__mrc_power__right_leg": 1,
      "neuro_exam__mrc_power__left_leg": 0}, "C"),
    # Brisk reflexes at full power with no sensory or sphincter deficit: E (issue 20;
    # Frankel grades function, reflexes may be abnormal in E).
    ({"neuro_exam__ambulation": "independent", "neuro_exam__reflexes_legs": "brisk",
      "neuro_exam__mrc_power__right_leg": 5, "neuro_exam__mrc_power__left_leg": 5,
      "presentation__walking_difficulty": False, "presentation__limb_weakness": False}, "E"),
    ({"neuro_exam__ambulation": "independent", "neuro_exam__reflexes_legs": "brisk",
      "neuro_exam__mrc_power__right_leg": 4, "neuro_exam__mrc_power__left_leg": 5,
      "presentation__walking_difficulty": False, "presentation__limb_weakness": False}, "D"),
    ({**NEG, "presentation__sensory_loss": DELETE}, None),
    ({**NEG, "history__peripheral_neuropathy": True}, "D"),
])
def test_frankel_edges(edits, grade):
    f = assess(case(**edits))["scores"]["frankel"]
    assert (f["grade"] if f else None) == grade


# --- second round: survivors of the run with the tests above ---------------------------------

@pytest.mark.parametrize("edit", [
    {"presentation__walking_difficulty": True}, {"presentation__limb_weakness": True},
    {"neuro_exam__anal_tone": "absent"}, {"neuro_exam__ambulation": "unable"},
    {"neuro_exam__mrc_power__right_arm": 4}, {"neuro_exam__mrc_power__right_leg": 3}])
def test_more_single_findings_make_neurology_positive(edit):
    a = assess(case(**{**NEG, **edit}))
    assert a["derived"]["neuro_status"] == "positive"


@pytest.mark.parametrize("field", ["presentation__walking_difficulty",
                                   "presentation__bladder_dysfunction",
                                   "presentation__bowel_dysfunction",
                                   "neuro_exam__mrc_power__right_arm"])
def test_more_unrecorded_items_make_neurology_unknown(field):
    a = assess(case(**{**NEG, field: DELETE}))
    assert a["derived"]["neuro_status"] == "unknown"
    assert field.replace("__", ".") in a["missing_inputs"]


def test_cauda_equina_on_a_limited_mri_asks_for_the_whole_spine_within_24_hours():
    limited = study("mri_limited", [], cauda_equina_compression=True)
    a = assess(case(imaging=[limited], **NEG))
    assert action(a, "mri_whole_spine")["due_within_hours"] == 24
    assert fired(a, "IMG-LIMITED-1") == [True]
    b = assess(case(imaging=[limited, study(MRI, [lesion("L2")])], **NEG))
    assert fired(b, "IMG-LIMITED-1") == [False]


def test_padua_minimum_of_exactly_4_is_high_risk():
    a = assess(case(**NEG, presentation__admitted=False, history__heart_failure=True))
    p = a["scores"]["padua"]
    assert p["items"]["reduced_mobility"]["present"] is False
    assert p["total_min"] == 4 and p["high_risk"] is True


@pytest.mark.parametrize("kps, points", [(41, 1), (71, 2)])
def test_tokuhashi_karnofsky_points_just_above_the_edges(kps, points):
    from engine.scores.tokuhashi import karnofsky_points
    assert karnofsky_points(kps) == points


@pytest.mark.parametrize("ambulation", ["with_aid", "unable"])
def test_walking_aid_means_reduced_mobility_even_when_precautions_are_lifted(ambulation):
    a = assess(case(**{**STABLE, "neuro_exam__ambulation": ambulation},
                    procedures__spine_declared_stable_at="2026-03-10T09:00:00+00:00"))
    assert a["precautions"]["code"] == "none"
    assert a["derived"]["reduced_mobility"] is True
