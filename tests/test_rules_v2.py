"""Clinical rules version 2 (../shared/spec/clinical-rules.md, "Changes from version 1"),
and the five wrong answers of issue 18, each with a test on both sides of its limit.
Self-contained: built from tests/engine_cases.py, no ../shared needed."""
from __future__ import annotations

from datetime import datetime
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_cases import (DELETE, MRI, action, alert_codes, assess, case, exact_crcl,
                          lesion, order, study)
from engine.scores.calcium import MODERATE_FROM, MILD_FROM, SEVERE_FROM, severity
from engine.units import truncated

SAMPLED = "2026-03-10T08:00:00+00:00"
NEG = dict(presentation__limb_weakness=False, presentation__walking_difficulty=False,
           neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 5, "left_leg": 5},
           neuro_exam__reflexes_legs="normal", neuro_exam__ambulation="independent")
COMPRESSION = [study(MRI, [lesion("T8", bilsky_grade="2")])]


def lab(value, unit, sampled_at=SAMPLED):
    return {"value": value, "unit": unit, "sampled_at": sampled_at}


def disagreement_codes(a):
    return {d["code"] for d in a["disagreements"]}


# --- defect 1: creatinine clearance was rounded to 0.1 before its thresholds ----------------

@pytest.mark.parametrize("crcl, status, mg, shown", [
    (14.98, "withheld", None, "14.9"), (15, "recommended", 20, "15.0"),
    (29.98, "recommended", 20, "29.9"), (30, "recommended", 40, "30.0")])
def test_defect_1_creatinine_clearance_compared_unrounded(crcl, status, mg, shown):
    a = assess(case(**exact_crcl(crcl)))
    o = order(a, "lmwh_prophylaxis")
    assert (o["status"], o["dose"]["value"] if o["dose"] else None) == (status, mg)
    assert a["scores"]["creatinine_clearance"]["ml_per_min_text"] == shown
    assert "30.0" not in o["reason"] or crcl >= 30


@pytest.mark.parametrize("crcl, mg", [(59.98, 3.5), (60, 4.0)])
def test_defect_1_zoledronic_band_just_under_60(crcl, mg):
    a = assess(case(cancer__primary="breast", **exact_crcl(crcl)))
    assert order(a, "zoledronic_acid")["dose"]["value"] == mg


# --- defect 2: corrected calcium was banded on the value rounded to two decimals ------------

@pytest.mark.parametrize("value, band, shown", [
    (2.5991, "normal", "2.59"), (2.6, "mild", "2.60"), (2.999, "mild", "2.99"),
    (3.0, "moderate", "3.00"), (3.4998, "moderate", "3.49"), (3.5, "severe", "3.50")])
def test_defect_2_calcium_banded_on_the_exact_value(value, band, shown):
    a = assess(case(labs__adjusted_calcium=lab(value, "mmol/L")))
    cc = a["scores"]["corrected_calcium"]
    assert (cc["severity"], cc["mmol_per_l_text"]) == (band, shown)
    assert (order(a, "calcitonin")["status"] == "recommended") is (band == "severe")


def test_defect_2_calcium_just_under_3_keeps_the_dental_review_and_no_iv_fluids():
    under = assess(case(cancer__primary="breast", labs__adjusted_calcium=lab(2.999, "mmol/L")))
    at = assess(case(cancer__primary="breast", labs__adjusted_calcium=lab(3.0, "mmol/L")))
    assert order(under, "iv_fluids")["status"] == "consider" and action(under, "dental_review")
    assert order(at, "iv_fluids")["status"] == "recommended" and not action(at, "dental_review")


def test_defect_2_mg_dl_converted_exactly_before_banding():
    # 12.024 mg/dL is exactly 3.00 mmol/L; 12.02 mg/dL is 2.999 (just under)
    assert assess(case(labs__adjusted_calcium=lab(12.024, "mg/dL")))[
        "scores"]["corrected_calcium"]["severity"] == "moderate"
    assert assess(case(labs__adjusted_calcium=lab(12.02, "mg/dL")))[
        "scores"]["corrected_calcium"]["severity"] == "mild"


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value="0.5", max_value="6", places=4))
def test_displayed_calcium_never_sits_in_another_band(value):
    exact = Fraction(str(value))
    assert severity(Fraction(truncated(exact, 2))) == severity(exact)


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value="1", max_value="200", places=3))
def test_displayed_clearance_never_crosses_a_threshold(value):
    exact = Fraction(str(value))
    shown = Fraction(truncated(exact, 1))
    for limit in (15, 30, 40, 50, 60):
        assert (shown < limit) == (exact < limit)
    for limit in (MILD_FROM, MODERATE_FROM, SEVERE_FROM):
        assert shown <= exact


# --- defect 3: an incomplete whole-spine MRI counted as on file -----------------------------

def test_defect_3_incomplete_whole_spine_mri_does_not_stop_the_whole_spine_request():
    limited = study("mri_limited", [lesion("T8", bilsky_grade="2")])
    incomplete = study(MRI, [], metastases_excluded=None)
    a = assess(case(imaging=[limited, incomplete]))
    assert action(a, "mri_whole_spine")["due_within_hours"] == 24
    assert "imaging_incomplete" in alert_codes(a)
    complete = study(MRI, [lesion("T8", bilsky_grade="2")])
    assert action(assess(case(imaging=[limited, complete])), "mri_whole_spine") is None


# --- defect 4: areas of compression depended on how the studies were split -----------------

@pytest.mark.parametrize("split", [False, True])
def test_defect_4_areas_counted_over_all_studies_together(split):
    t4 = lesion("T4", bilsky_grade="2")
    studies = ([study(MRI, [t4]), study(MRI, [], cauda_equina_compression=True)] if split
               else [study(MRI, [t4], cauda_equina_compression=True)])
    a = assess(case(imaging=studies))
    assert a["pathway"]["code"] == "mscc_radiotherapy"  # two areas: screen negative
    low = assess(case(imaging=[study(MRI, [lesion("L2", bilsky_grade="2")],
                                     cauda_equina_compression=True)]))
    assert low["pathway"]["code"] == "mscc_surgical_opinion"  # L2 run takes the cauda


# --- defect 5: a deadline across a clock change was printed an hour off ----------------------

def test_defect_5_deadline_across_the_autumn_change_reads_the_ward_clock():
    from engine.report import timefmt
    london = ZoneInfo("Europe/London")
    a = assess(case(assessed_at="2026-10-24T14:30:00+01:00",
                    presentation__neuro_onset_at="2026-10-24T08:00:00+01:00",
                    neuro_exam__examined_at="2026-10-24T14:00:00+01:00",
                    **{f"labs__{n}__sampled_at": "2026-10-24T08:00:00+01:00"
                       for n in ("calcium", "albumin", "creatinine", "platelets", "inr",
                                 "haemoglobin", "glucose")}))
    due = action(a, "mri_whole_spine")["due_at"]
    assert timefmt.clock(due, london, ref=a["assessed_at"]) == "13:30 Sun 25 Oct GMT"
    assert timefmt.clock(a["assessed_at"], london, ref=a["assessed_at"]) == "14:30 Sat 24 Oct"


def test_defect_5_deadline_across_the_spring_change_reads_the_ward_clock():
    from engine.report import timefmt
    due = datetime.fromisoformat("2026-03-29T12:00:00+00:00")  # 24 h after 12:00 GMT Sat
    assert timefmt.clock(due, ZoneInfo("Europe/London"),
                         ref="2026-03-28T12:00:00+00:00") == "13:00 Sun 29 Mar BST"


def test_paraplegia_since_is_missing_whenever_both_legs_are_0():
    legs = {"right_arm": 5, "left_arm": 5, "right_leg": 0, "left_leg": 0}
    assert "presentation.paraplegia_since" in assess(case(neuro_exam__mrc_power=legs))[
        "missing_inputs"]
    one = {**legs, "left_leg": 1}
    assert "presentation.paraplegia_since" not in assess(case(neuro_exam__mrc_power=one))[
        "missing_inputs"]


# --- fitness for treatment (sections 2 and 3) -------------------------------------------------

def test_not_fit_makes_imaging_conditional_and_keeps_the_coordinator_clock():
    unfit = assess(case(cancer__fit_for_treatment=False))
    assert action(unfit, "mri_whole_spine")["due_within_hours"] is None
    assert "only if the result would change management" in action(unfit, "mri_whole_spine")["text"]
    assert action(unfit, "contact_mscc_coordinator")["due_within_hours"] == 0
    assert action(unfit, "goals_of_care_discussion")["due_within_hours"] == 24
    assert "imaging_conditional" in alert_codes(unfit)
    fit = assess(case(cancer__fit_for_treatment=DELETE))  # unknown counts as fit
    assert action(fit, "mri_whole_spine")["due_within_hours"] == 24
    assert "imaging_conditional" not in alert_codes(fit)
    assert "cancer.fit_for_treatment" in fit["missing_inputs"]


@pytest.mark.parametrize("fit, pathway", [(False, "mscc_supportive_care"),
                                          (True, "mscc_surgical_opinion")])
def test_confirmed_mscc_not_fit_goes_to_supportive_care(fit, pathway):
    assert assess(case(imaging=COMPRESSION, cancer__fit_for_treatment=fit))[
        "pathway"]["code"] == pathway


# --- post-operative radiotherapy (section 3.2a) -----------------------------------------------

@pytest.mark.parametrize("surgery_at, hours", [("2026-02-25T12:00:00+00:00", 24),
                                               ("2026-02-24T12:00:00+00:00", 0),
                                               ("2026-03-09T12:00:00+00:00", 312)])
def test_postoperative_radiotherapy_due_14_days_after_surgery(surgery_at, hours):
    a = assess(case(imaging=COMPRESSION, presentation__neuro_onset_at="2026-02-20T08:00:00+00:00",
                    procedures__spinal_surgery_at=surgery_at))
    assert a["pathway"]["code"] == "post_treatment"
    assert action(a, "radiotherapy")["due_within_hours"] == hours
    assert action(a, "clinical_oncology_opinion")["due_within_hours"] == 24
    started = assess(case(imaging=COMPRESSION,
                          presentation__neuro_onset_at="2026-02-20T08:00:00+00:00",
                          procedures__spinal_surgery_at=surgery_at,
                          procedures__radiotherapy_started_at="2026-03-09T12:00:00+00:00"))
    assert action(started, "radiotherapy") is None


# --- impending compression, oligometastatic disease, SABR (section 3.4) ------------------------

@pytest.mark.parametrize("grade, oncology, disagreement", [
    ("1a", None, False), ("1b", 24, False), ("1c", 24, True)])
def test_bilsky_1b_1c_impending_compression(grade, oncology, disagreement):
    a = assess(case(imaging=[study(MRI, [lesion("T8", bilsky_grade=grade)])],
                    cancer__prognosis="3_to_6_months", **NEG))  # no SABR referral
    assert a["pathway"]["code"] == "spinal_metastases_stable"
    got = action(a, "clinical_oncology_opinion")
    assert (got["due_within_hours"] if got else None) == oncology
    assert ("bilsky_1c" in disagreement_codes(a)) is disagreement


def test_impending_compression_skipped_when_not_fit():
    a = assess(case(imaging=[study(MRI, [lesion("T8", bilsky_grade="1b")])],
                    cancer__fit_for_treatment=False, **NEG))
    assert action(a, "clinical_oncology_opinion") is None


@pytest.mark.parametrize("oligo, due", [(True, 168), (False, None)])
def test_oligometastatic_disease_refers_for_sabr(oligo, due):
    a = assess(case(imaging=[study(MRI, [lesion("T8")])], cancer__oligometastatic=oligo,
                    presentation__spinal_pain="none", **NEG))
    got = action(a, "clinical_oncology_opinion")
    assert (got["due_within_hours"] if got else None) == due


@pytest.mark.parametrize("prognosis, sabr", [("gt_6_months", True), ("3_to_6_months", False)])
def test_pain_radiotherapy_offers_sabr_with_good_prognosis(prognosis, sabr):
    a = assess(case(imaging=[study(MRI, [lesion("T8")])], cancer__prognosis=prognosis, **NEG))
    assert ("SABR" in action(a, "radiotherapy")["text"]) is sabr


def test_the_earlier_deadline_stands_when_two_rules_add_one_action():
    a = assess(case(imaging=[study(MRI, [lesion("T8", bilsky_grade="1b")])],
                    cancer__oligometastatic=True, **NEG))
    assert action(a, "clinical_oncology_opinion")["due_within_hours"] == 24


# --- thromboprophylaxis (section 7) ---------------------------------------------------------------

@pytest.mark.parametrize("oedema, status", [(True, "withheld"), (False, "recommended")])
def test_foot_impulse_device_is_the_ipc_alternative_with_the_same_status(oedema, status):
    o = order(assess(case(history__severe_leg_oedema=oedema)), "intermittent_pneumatic_compression")
    assert o["status"] == status
    assert [(x["drug"], x["status"]) for x in o["alternatives"]] == [("foot impulse device", status)]


@pytest.mark.parametrize("edit, status", [
    ({"medications__anticoagulation": "unfractionated_heparin"}, "withheld"),
    ({"history__active_bleeding": DELETE}, "pending"),
    ({"medications__anticoagulation": DELETE}, "pending"),
    ({}, "recommended")])
def test_lmwh_held_on_heparin_and_pending_on_unrecorded_bleeding_or_anticoagulant(edit, status):
    assert order(assess(case(**edit)), "lmwh_prophylaxis")["status"] == status


@pytest.mark.parametrize("pathway_edits, planned", [
    ({}, True),                                                                # suspected MSCC
    ({"imaging": COMPRESSION, "cancer__fit_for_surgery": False}, False)])      # radiotherapy
def test_anticoagulant_named_with_its_procedure_plan(pathway_edits, planned):
    a = assess(case(medications__anticoagulation="doac", **pathway_edits))
    assert ("anticoagulant_procedure_plan" in alert_codes(a)) is planned
    assert "direct oral anticoagulant" in order(a, "lmwh_prophylaxis")["reason"]


@pytest.mark.parametrize("cleared, missing", [(None, True), (False, False)])
def test_surgeon_not_cleared_is_a_recorded_answer_not_a_missing_input(cleared, missing):
    edits = {"procedures__spinal_surgery_at": "2026-03-09T08:00:00+00:00",
             "procedures__surgeon_cleared_anticoagulation": DELETE if cleared is None else cleared}
    a = assess(case(**edits))
    o = order(a, "lmwh_prophylaxis")
    assert o["status"] == "pending"
    assert ("procedures.surgeon_cleared_anticoagulation" in a["missing_inputs"]) is missing
    assert ("not cleared" in o["reason"]) is (not missing)


def test_lmwh_withheld_after_surgery_states_when_it_changes():
    a = assess(case(procedures__spinal_surgery_at="2026-03-10T09:00:00+00:00"))
    o = order(a, "lmwh_prophylaxis")
    assert o["status"] == "withheld" and o["changes_at"] == "2026-03-11T09:00:00+00:00"


# --- section 2 alerts -----------------------------------------------------------------------------

@pytest.mark.parametrize("contra, conflict", [(True, True), (False, False)])
def test_mri_contraindication_conflict(contra, conflict):
    a = assess(case(imaging=COMPRESSION, mri_contraindicated=contra))
    assert ("mri_contraindication_conflict" in alert_codes(a)) is conflict
    assert a["pathway"]["code"] == "mscc_surgical_opinion"  # the MRI still answers


def test_no_rule_asks_for_mri_while_it_is_contraindicated():
    a = assess(case(imaging=[study("mri_limited", [lesion("T8", bilsky_grade="2")])],
                    mri_contraindicated=True))
    assert action(a, "mri_whole_spine") is None
    assert action(a, "ct_spine")["due_within_hours"] == 24


# --- current records (section 0) -------------------------------------------------------------------

@pytest.mark.parametrize("performed_at, outdated", [("2026-02-10T12:00:00+00:00", False),
                                                    ("2026-02-10T11:59:00+00:00", True)])
def test_a_study_over_28_days_old_no_longer_answers(performed_at, outdated):
    excluded = study(MRI, [], metastases_excluded=True, performed_at=performed_at)
    a = assess(case(imaging=[excluded], **NEG))
    assert ("imaging_outdated" in alert_codes(a)) is outdated
    assert (a["pathway"]["code"] == "mscc_excluded") is (not outdated)


@pytest.mark.parametrize("performed_at, outdated", [("2026-03-08T08:00:00+00:00", False),
                                                    ("2026-03-08T07:59:00+00:00", True)])
def test_a_study_older_than_the_symptoms_no_longer_answers(performed_at, outdated):
    a = assess(case(imaging=[study(MRI, [], metastases_excluded=True, performed_at=performed_at)]))
    assert (a["pathway"]["code"] == "suspected_mscc") is outdated


@pytest.mark.parametrize("examined_at, neuro", [("2026-03-09T12:00:00+00:00", "negative"),
                                                ("2026-03-09T11:59:00+00:00", "unknown")])
def test_an_examination_over_24_hours_old_cannot_make_neuro_negative(examined_at, neuro):
    a = assess(case(neuro_exam__examined_at=examined_at, **NEG))
    assert a["derived"]["neuro_status"] == neuro
    assert ("neuro_exam.examined_at" in a["missing_inputs"]) is (neuro == "unknown")


@pytest.mark.parametrize("surgery_at, post", [("2026-02-10T12:00:00+00:00", True),
                                              ("2026-02-10T11:59:00+00:00", False)])
def test_surgery_over_28_days_ago_is_history(surgery_at, post):
    a = assess(case(imaging=COMPRESSION, presentation__neuro_onset_at="2026-02-01T08:00:00+00:00",
                    procedures__spinal_surgery_at=surgery_at))
    assert (a["pathway"]["code"] == "post_treatment") is post


@pytest.mark.parametrize("signed_at, lifted", [("2026-03-10T10:01:00+00:00", True),
                                               ("2026-03-10T09:59:00+00:00", False)])
def test_stability_sign_off_lifts_precautions_only_after_every_lesion_study(signed_at, lifted):
    a = assess(case(imaging=[study(MRI, [lesion("C5")])], procedures__spine_declared_stable_at=signed_at))
    assert (a["precautions"]["code"] == "none") is lifted


# --- issue 21: displayed durations and implausible times -----------------------------------------

@pytest.mark.parametrize("since, shown", [("2026-03-08T11:58:00+00:00", "48 h 2 min"),
                                          ("2026-03-08T11:59:30+00:00", "48 h 0 min 30 s"),
                                          ("2026-03-08T12:00:00+00:00", "48 h 0 min")])
def test_paraplegia_duration_is_cut_never_rounded_onto_48_h(since, shown):
    legs = {"right_arm": 5, "left_arm": 5, "right_leg": 0, "left_leg": 0}
    a = assess(case(imaging=COMPRESSION, neuro_exam__mrc_power=legs,
                    presentation__paraplegia_since=since))
    trace = next(t for t in a["trace"] if t["rule"] == "PATH-SUPPORTIVE-1")
    assert trace["inputs"]["paraplegia_for"] == shown
    screen = next(t for t in a["trace"] if t["rule"] == "PATH-SURGICAL-1")
    assert screen["inputs"]["criteria"]["not_paraplegic_over_48h"] is (shown == "48 h 0 min")


@pytest.mark.parametrize("sampled, shown", [("2026-03-07T11:59:30+00:00", "72 h 0 min 30 s"),
                                            ("2026-03-07T11:57:00+00:00", "72 h 3 min")])
def test_stale_lab_age_never_reads_as_exactly_72_h(sampled, shown):
    a = assess(case(labs__platelets__sampled_at=sampled))
    text = next(x["text"] for x in a["alerts"] if x["code"] == "stale_result")
    assert f"sampled {shown} before" in text


@pytest.mark.parametrize("when, problem", [
    ("0001-01-01T00:30:00+01:00", "years 1900-2199"),
    ("9999-12-31T23:30:00-01:00", "years 1900-2199"),
    ("2026-03-10T12:00:00-00:00", "offset unknown"),
    ("2026-03-10T12:00:00+14:30", "beyond -14:00..+14:00")])
def test_implausible_times_are_refused_in_words_never_crash(when, problem):
    import engine
    with pytest.raises(engine.CaseError, match=problem):
        engine.parse_case(case(assessed_at=when))


def test_first_day_of_2000_in_a_positive_offset_is_a_plausible_assessment_time():
    import engine
    doc = {"format": "mscc-case/1", "assessed_at": "2000-01-01T00:30:00+01:00",
           "locale": "GB", "patient": {"id": "Y2K"}}
    assert engine.assess(doc)["pathway"]["code"] == "suspected_mscc"


@pytest.mark.parametrize("sampled, missing", [("2026-03-07T11:59:00+00:00", True),
                                              ("2026-03-07T12:00:00+00:00", False)])
def test_a_stale_glucose_is_named_as_missing_under_steroids(sampled, missing):
    a = assess(case(labs__glucose__sampled_at=sampled))
    assert ("labs.glucose" in a["missing_inputs"]) is missing


def test_overdue_times_a_few_seconds_apart_are_shown_with_seconds():
    from engine.report import timefmt
    utc = ZoneInfo("UTC")
    assert timefmt.clock_pair("2026-03-10T09:00:30+00:00", "2026-03-10T09:00:00+00:00",
                              utc) == ("09:00:30 Tue 10 Mar", "09:00:00 Tue 10 Mar")
    assert timefmt.clock_pair("2026-03-10T09:01:00+00:00", "2026-03-10T09:00:00+00:00",
                              utc) == ("09:01 Tue 10 Mar", "09:00 Tue 10 Mar")


@pytest.mark.parametrize("surgery_at, history", [("2026-02-10T11:59:00+00:00", True),
                                                 ("2026-02-10T12:00:00+00:00", False)])
def test_old_treatment_is_named_as_history(surgery_at, history):
    a = assess(case(imaging=COMPRESSION, presentation__neuro_onset_at="2026-02-01T08:00:00+00:00",
                    procedures__spinal_surgery_at=surgery_at))
    assert ("treatment_history" in alert_codes(a)) is history


@pytest.mark.parametrize("signed_at, outdated", [("2026-03-10T09:59:00+00:00", True),
                                                 ("2026-03-10T10:01:00+00:00", False)])
def test_an_outdated_stability_sign_off_is_said_in_words(signed_at, outdated):
    a = assess(case(imaging=[study(MRI, [lesion("C5")])], procedures__spine_declared_stable_at=signed_at))
    assert ("stability_sign_off_outdated" in alert_codes(a)) is outdated


def test_a_new_mri_is_asked_for_only_when_no_current_study_answers():
    old = study(MRI, [], metastases_excluded=True, performed_at="2026-01-01T10:00:00+00:00")
    alone = assess(case(imaging=[old]))
    text = next(x["text"] for x in alone["alerts"] if x["code"] == "imaging_outdated")
    assert "of 1 Jan 2026" in text and "A new whole-spine MRI is needed." in text
    both = assess(case(imaging=[old, study(MRI, [lesion("T8")])]))
    text = next(x["text"] for x in both["alerts"] if x["code"] == "imaging_outdated")
    assert "new whole-spine MRI" not in text
