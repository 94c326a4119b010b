"""A test on each side of every clinical threshold in clinical-rules.md."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from engine_cases import (DELETE, MRI, action, alert_codes, assess, case, creatinine_for_crcl, exact_crcl,
                          hours_before, lesion, order, study)

SAMPLED = "2026-03-10T08:00:00+00:00"


def lab(value, unit, sampled_at=SAMPLED):
    return {"value": value, "unit": unit, "sampled_at": sampled_at}


def lmwh(**edits):
    a = assess(case(**edits))
    return order(a, "lmwh_prophylaxis"), a


# --- LMWH gates -------------------------------------------------------------------

@pytest.mark.parametrize("platelets, status", [(49, "withheld"), (49.9, "withheld"),
                                               (50, "recommended"), (51, "recommended")])
def test_platelets_50_holds_lmwh(platelets, status):
    o, _ = lmwh(labs__platelets__value=platelets)
    assert o["status"] == status


@pytest.mark.parametrize("platelets, flagged", [(74, True), (75, False)])
def test_platelets_below_75_flag_bleeding_risk(platelets, flagged):
    o, a = lmwh(labs__platelets__value=platelets)
    assert o["status"] == "recommended"
    assert ("bleeding_risk_platelets" in alert_codes(a)) is flagged


@pytest.mark.parametrize("inr, status", [(1.5, "recommended"), (1.6, "withheld")])
def test_inr_above_1_5_holds_lmwh(inr, status):
    assert lmwh(labs__inr__value=inr)[0]["status"] == status


@pytest.mark.parametrize("crcl, status, mg", [
    (14.9, "withheld", None), (15.0, "recommended", 20), (29.9, "recommended", 20),
    (30.0, "recommended", 40), (31.0, "recommended", 40)])
def test_creatinine_clearance_bands_gb(crcl, status, mg):
    o, a = lmwh(**exact_crcl(crcl))
    assert a["scores"]["creatinine_clearance"]["ml_per_min"] == crcl
    assert o["status"] == status
    assert (o["dose"]["value"] if o["dose"] else None) == mg


def test_reduced_renal_dose_is_30_mg_in_us_locale():
    o, _ = lmwh(locale="US", labs__creatinine__value=creatinine_for_crcl(20))
    assert (o["status"], o["dose"]["value"]) == ("recommended", 30)


def test_creatinine_clearance_below_15_suggests_unfractionated_heparin():
    o, _ = lmwh(labs__creatinine__value=creatinine_for_crcl(10))
    assert o["status"] == "withheld" and "unfractionated heparin 5000 units" in o["reason"]


@pytest.mark.parametrize("weight, flagged", [(49, True), (50, False), (100, False), (101, True)])
def test_weight_band_alert(weight, flagged):
    creat = creatinine_for_crcl(60, weight=weight)
    o, a = lmwh(patient__weight_kg=weight, labs__creatinine__value=creat)
    assert o["status"] == "recommended"
    assert ("lmwh_weight_band" in alert_codes(a)) is flagged


@pytest.mark.parametrize("hours_ago, status", [(23, "withheld"), (24, "pending"), (30, "pending")])
def test_surgery_24_hours_gate(hours_ago, status):
    o, a = lmwh(procedures__spinal_surgery_at=hours_before(hours_ago))
    assert a["pathway"]["code"] == "post_treatment"
    assert o["status"] == status


def test_surgeon_clearance_releases_lmwh_after_24_hours():
    o, _ = lmwh(procedures__spinal_surgery_at="2026-03-09T08:00:00+00:00",
                procedures__surgeon_cleared_anticoagulation=True)
    assert o["status"] == "recommended"


@pytest.mark.parametrize("field", ["history__active_bleeding", "history__bleeding_disorder",
                                   "procedures__neuraxial_procedure_within_12h",
                                   "procedures__spinal_surgery_expected_within_24h"])
def test_each_contraindication_alone_withholds_lmwh(field):
    assert lmwh()[0]["status"] == "recommended"
    assert lmwh(**{field: True})[0]["status"] == "withheld"


@pytest.mark.parametrize("agent, status", [("doac", "not_indicated"), ("warfarin", "not_indicated"),
                                           ("therapeutic_lmwh", "not_indicated"),
                                           ("unfractionated_heparin", "withheld"),
                                           ("prophylactic_lmwh", "recommended")])
def test_existing_anticoagulation(agent, status):
    assert lmwh(medications__anticoagulation=agent)[0]["status"] == status


def test_surgery_question_unknown_holds_lmwh_on_suspected_mscc():
    o, a = lmwh(procedures__spinal_surgery_expected_within_24h=DELETE)
    assert o["status"] == "pending"
    assert "procedures.spinal_surgery_expected_within_24h" in a["missing_inputs"]


@pytest.mark.parametrize("hours, status", [(72, "recommended"), (72.02, "pending")])
def test_sample_age_72_hours(hours, status):
    o, a = lmwh(labs__platelets__sampled_at=hours_before(hours))
    assert o["status"] == status
    assert ("labs.platelets" in a["missing_inputs"]) is (status == "pending")
    assert ("platelets" in a["derived"]["stale_labs"]) is (status == "pending")
    assert ("stale_result" in alert_codes(a)) is (status == "pending")


# --- calcium bands (both units) -------------------------------------------------------

@pytest.mark.parametrize("value, unit, severity", [
    (2.59, "mmol/L", "normal"), (2.60, "mmol/L", "mild"),
    (2.99, "mmol/L", "mild"), (3.00, "mmol/L", "moderate"),
    (3.49, "mmol/L", "moderate"), (3.50, "mmol/L", "severe"),
    (10.38, "mg/dL", "normal"), (10.43, "mg/dL", "mild"),
    (11.98, "mg/dL", "mild"), (12.03, "mg/dL", "moderate"),
    (13.99, "mg/dL", "moderate"), (14.03, "mg/dL", "severe")])
def test_calcium_band_edges(value, unit, severity):
    a = assess(case(labs__adjusted_calcium=lab(value, unit)))
    cc = a["scores"]["corrected_calcium"]
    assert cc["method"] == "laboratory_adjusted"
    assert cc["severity"] == severity


@pytest.mark.parametrize("severity_value, fluids, recheck, calcitonin", [
    (2.59, "not_indicated", None, "not_indicated"), (2.60, "consider", 48, "not_indicated"),
    (3.00, "recommended", 24, "not_indicated"), (3.50, "recommended", 24, "recommended")])
def test_calcium_actions_by_band(severity_value, fluids, recheck, calcitonin):
    a = assess(case(labs__adjusted_calcium=lab(severity_value, "mmol/L")))
    assert order(a, "iv_fluids")["status"] == fluids
    assert order(a, "calcitonin")["status"] == calcitonin
    rc = action(a, "recheck_calcium")
    assert (rc["due_within_hours"] if rc else None) == recheck


def test_calcitonin_dose_from_weight_and_pending_without():
    a = assess(case(labs__adjusted_calcium=lab(3.6, "mmol/L")))
    calcitonin = order(a, "calcitonin")
    assert calcitonin["dose"] == {"value": 288.0, "unit": "units"}  # never "IU" (issue 20)
    # The working and the stop point are on the order: 4 units/kg x 72 kg, stop at 48 h.
    assert "4 units/kg x 72 kg = 288 units" in calcitonin["reason"]
    assert "stop 48 h after the first dose" in calcitonin["frequency"]
    b = assess(case(labs__adjusted_calcium=lab(3.6, "mmol/L"), patient__weight_kg=DELETE))
    assert order(b, "calcitonin")["status"] == "pending"


@pytest.mark.parametrize("crcl, za, dmab", [(29.9, "withheld", "recommended"),
                                            (30.0, "recommended", "consider")])
def test_hypercalcaemia_renal_gate(crcl, za, dmab):
    a = assess(case(labs__adjusted_calcium=lab(3.2, "mmol/L"),
                    **exact_crcl(crcl)))
    assert order(a, "zoledronic_acid")["status"] == za
    assert order(a, "denosumab")["status"] == dmab
    assert ("hypocalcaemia_risk" in alert_codes(a)) is (crcl < 30)
    if za == "recommended":
        assert order(a, "zoledronic_acid")["dose"]["value"] == 4  # HCM dose not renal-reduced


def test_payne_correction_uses_the_formula_of_the_calcium_unit():
    """Section 8: mmol/L Ca + 0.02 x (40 - albumin g/L); mg/dL Ca + 0.8 x (4.0 - g/dL)."""
    si = assess(case(labs__calcium=lab(2.50, "mmol/L"), labs__albumin=lab(30, "g/L")))
    conv = assess(case(labs__calcium=lab(10.02, "mg/dL"), labs__albumin=lab(3.0, "g/dL")))
    si_cc, conv_cc = si["scores"]["corrected_calcium"], conv["scores"]["corrected_calcium"]
    assert si_cc["method"] == conv_cc["method"] == "payne_albumin"
    assert si_cc["mmol_per_l"] == pytest.approx(2.70, abs=1e-12)          # 2.50 + 0.2
    assert conv_cc["mg_per_dl"] == pytest.approx(10.82, abs=1e-12)        # 10.02 + 0.8
    assert conv_cc["mmol_per_l"] == pytest.approx(10.82 / 4.008, abs=1e-12)
    assert si_cc["severity"] == conv_cc["severity"] == "mild"


def test_stale_adjusted_calcium_falls_back_to_fresh_calcium_with_albumin():
    a = assess(case(labs__adjusted_calcium=lab(3.6, "mmol/L", "2026-03-05T08:00:00+00:00")))
    cc = a["scores"]["corrected_calcium"]
    assert cc["method"] == "payne_albumin" and cc["severity"] == "normal"
    assert "stale_result" in alert_codes(a)


def test_no_albumin_gives_uncorrected_and_asks_for_albumin():
    a = assess(case(labs__albumin=DELETE))
    cc = a["scores"]["corrected_calcium"]
    assert cc["method"] == "uncorrected" and cc["complete"] is False
    assert "albumin_missing" in alert_codes(a) and "labs.albumin" in a["missing_inputs"]


def test_no_calcium_holds_fluids_and_calcitonin():
    a = assess(case(labs__calcium=DELETE))
    assert order(a, "iv_fluids")["status"] == "pending"
    assert order(a, "calcitonin")["status"] == "pending"
    assert a["scores"]["corrected_calcium"] is None and "labs.calcium" in a["missing_inputs"]


# --- bone-targeted agents ----------------------------------------------------------------

@pytest.mark.parametrize("crcl, status, mg", [
    (29.9, "withheld", None), (30.0, "consider", 3.0), (39.9, "consider", 3.0),
    (40.0, "consider", 3.3), (49.9, "consider", 3.3), (50.0, "consider", 3.5),
    (59.9, "consider", 3.5), (60.0, "consider", 4.0)])
def test_zoledronic_acid_renal_bands(crcl, status, mg):
    a = assess(case(cancer__primary="breast", **exact_crcl(crcl)))
    o = order(a, "zoledronic_acid")
    assert o["status"] == status
    assert (o["dose"]["value"] if o["dose"] else None) == mg
    assert action(a, "dental_review")["due_within_hours"] == 168


def test_prostate_bone_agent_only_when_pain_not_controlled():
    a = assess(case(cancer__primary="prostate", presentation__pain_controlled=False))
    assert order(a, "zoledronic_acid")["status"] == "consider"
    assert order(a, "denosumab")["status"] == "not_indicated"
    b = assess(case(cancer__primary="prostate", presentation__pain_controlled=True))
    assert order(b, "zoledronic_acid")["status"] == "not_indicated"


def test_moderate_hypercalcaemia_decides_agents_without_dental_review():
    a = assess(case(cancer__primary="breast", labs__adjusted_calcium=lab(3.1, "mmol/L")))
    assert order(a, "zoledronic_acid")["status"] == "recommended"
    assert action(a, "dental_review") is None


# --- SINS and the metastases pathways ------------------------------------------------------

NEURO_NEGATIVE = dict(presentation__limb_weakness=False, presentation__walking_difficulty=False,
                      neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 5,
                                             "left_leg": 5},
                      neuro_exam__reflexes_legs="normal", neuro_exam__ambulation="independent")


def mets(les, pain="none", **edits):
    return assess(case(imaging=[study(MRI, [les])], presentation__spinal_pain=pain,
                       **NEURO_NEGATIVE, **edits))


@pytest.mark.parametrize("les, total, category, pathway", [
    # T5 semi-rigid 1 + lytic 2 + under 50% collapse 2 + unilateral 1 = 6
    (lesion("T5", lesion_type="lytic", collapse="under_50", posterolateral="unilateral"),
     6, "stable", "spinal_metastases_stable"),
    # T5 1 + lytic 2 + deformity 2 + no collapse, over 50% involved 1 + unilateral 1 = 7
    (lesion("T5", lesion_type="lytic", alignment="deformity", collapse="none_over_50_involved",
            posterolateral="unilateral"),
     7, "indeterminate", "spinal_metastases_unstable"),
    # C5 mobile 2 + lytic 2 + deformity 2 + over 50% 3 + bilateral 3 = 12
    (lesion("C5", lesion_type="lytic", alignment="deformity", collapse="over_50",
            posterolateral="bilateral"), 12, "indeterminate", "spinal_metastases_unstable"),
    # T12 junctional 3 + lytic 2 + deformity 2 + over 50% 3 + bilateral 3 = 13
    (lesion("T12", lesion_type="lytic", alignment="deformity", collapse="over_50",
            posterolateral="bilateral"), 13, "unstable", "spinal_metastases_unstable"),
])
def test_sins_6_7_12_13(les, total, category, pathway):
    a = mets(les)
    s = a["scores"]["sins"]
    assert (s["total_min"], s["total_max"], s["category"]) == (total, total, category)
    assert a["pathway"]["code"] == pathway


@pytest.mark.parametrize("total_edit, due", [({}, 24), ({"alignment": "subluxation"}, 0)])
def test_surgical_opinion_due_now_at_13_or_subluxation(total_edit, due):
    les = lesion("T5", lesion_type="lytic", collapse="under_50", posterolateral="bilateral",
                 **total_edit)
    assert action(mets(les), "spinal_surgical_opinion")["due_within_hours"] == due


def test_sins_13_gives_immediate_surgical_opinion():
    les = lesion("T12", lesion_type="lytic", alignment="deformity", collapse="over_50",
                 posterolateral="bilateral")
    assert action(mets(les), "spinal_surgical_opinion")["due_within_hours"] == 0


def test_sins_range_and_categories_when_incomplete():
    a = mets({"level": "C5", "lesion_type": "lytic"}, pain="mechanical",
             presentation__pain_regions=["cervical"])
    s = a["scores"]["sins"]
    assert (s["total_min"], s["total_max"], s["complete"]) == (7, 17, False)
    assert s["category"] == "at_least_indeterminate"
    b = mets({"level": "T5"})
    assert b["scores"]["sins"]["category"] == "undetermined"
    assert "sins_incomplete" in alert_codes(b)


def test_pain_scores_only_in_listed_regions():
    a = mets(lesion("L2"), pain="mechanical", presentation__pain_regions=["cervical"])
    assert a["scores"]["sins"]["components"]["pain"]["max"] == 0
    b = mets(lesion("L2"), pain="mechanical", presentation__pain_regions=["lumbar"])
    assert b["scores"]["sins"]["components"]["pain"]["max"] == 3


def test_non_mechanical_pain_adds_single_fraction_radiotherapy():
    assert action(mets(lesion("L2"), pain="non_mechanical"), "radiotherapy")["due_within_hours"] == 168
    assert action(mets(lesion("L2"), pain="none"), "radiotherapy") is None


# --- paraplegia 48 h and 14 days ---------------------------------------------------------

def mscc(**edits):
    base = dict(imaging=[study(MRI, [lesion("T8", bilsky_grade="3")])],
                neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 0, "left_leg": 0},
                neuro_exam__ambulation="unable")
    base.update(edits)
    return assess(case(**base))


@pytest.mark.parametrize("since, pathway", [
    ("2026-03-08T12:00:00+00:00", "mscc_surgical_opinion"),   # exactly 48 h: not more than 48
    ("2026-03-08T11:00:00+00:00", "mscc_radiotherapy")])     # 49 h
def test_complete_paraplegia_48_hours(since, pathway):
    assert mscc(presentation__paraplegia_since=since)["pathway"]["code"] == pathway


@pytest.mark.parametrize("since, pathway", [
    ("2026-02-24T12:01:00+00:00", "mscc_radiotherapy"),       # 13 d 23 h 59 min
    ("2026-02-24T12:00:00+00:00", "mscc_supportive_care")])   # 14 days
def test_complete_paraplegia_14_days_with_pain_controlled(since, pathway):
    a = mscc(presentation__paraplegia_since=since, presentation__pain_controlled=True)
    assert a["pathway"]["code"] == pathway


def test_paraplegia_duration_unknown_is_not_held_against_the_patient():
    a = mscc()
    assert a["pathway"]["code"] == "mscc_surgical_opinion"
    assert "presentation.paraplegia_since" in a["missing_inputs"]


@pytest.mark.parametrize("edit, pathway", [
    ({}, "mscc_surgical_opinion"),
    ({"cancer__prognosis": "lt_3_months"}, "mscc_radiotherapy"),
    ({"cancer__prognosis": "weeks"}, "mscc_supportive_care"),
    ({"cancer__fit_for_surgery": False}, "mscc_radiotherapy"),
    ({"cancer__primary": "lung_sclc"}, "mscc_radiotherapy"),
    ({"cancer__primary": "myeloma"}, "mscc_haematological"),
    ({"cancer__haematological_suspected": True}, "mscc_haematological"),
])
def test_surgical_screen_each_criterion(edit, pathway):
    a = assess(case(imaging=[study(MRI, [lesion("T8", bilsky_grade="2")])], **edit))
    assert a["pathway"]["code"] == pathway


def test_two_separate_areas_fail_the_screen_contiguous_levels_do_not():
    two = [lesion("T4", bilsky_grade="2"), lesion("T9", bilsky_grade="2")]
    contiguous = [lesion("T8", bilsky_grade="2"), lesion("T9", bilsky_grade="3")]
    assert assess(case(imaging=[study(MRI, two)]))["pathway"]["code"] == "mscc_radiotherapy"
    assert assess(case(imaging=[study(MRI, contiguous)]))["pathway"]["code"] == "mscc_surgical_opinion"


def test_instability_alone_makes_the_screen_positive():
    les = [lesion("T4", bilsky_grade="2"), lesion("T9", bilsky_grade="2", lesion_type="lytic",
                                                  collapse="over_50", posterolateral="bilateral")]
    assert assess(case(imaging=[study(MRI, les)]))["pathway"]["code"] == "mscc_surgical_opinion"


@pytest.mark.parametrize("grade, confirmed", [("1c", False), ("2", True)])
def test_bilsky_2_is_compression_1c_is_not(grade, confirmed):
    a = assess(case(imaging=[study(MRI, [lesion("T8", bilsky_grade=grade)])]))
    assert (a["pathway"]["code"] == "mscc_surgical_opinion") is confirmed


@pytest.mark.parametrize("grade, due", [("1a", 168), ("1b", 24)])
def test_epidural_disease_shortens_mri_deadline(grade, due):
    a = assess(case(imaging=[study("mri_limited", [lesion("T8", bilsky_grade=grade)])],
                    **NEURO_NEGATIVE))
    assert a["pathway"]["code"] == "suspected_spinal_metastases"
    assert action(a, "mri_whole_spine")["due_within_hours"] == due


# --- dexamethasone ---------------------------------------------------------------------

@pytest.mark.parametrize("started, slow", [("2026-02-17T12:00:00+00:00", False),   # 21 days
                                           ("2026-02-16T12:00:00+00:00", True)])   # 22 days
def test_course_over_21_days_needs_slow_taper(started, slow):
    a = assess(case(procedures__radiotherapy_started_at="2026-03-09T12:00:00+00:00",
                    medications__dexamethasone_started_at=started))
    assert order(a, "dexamethasone")["status"] == "taper"
    assert ("slow_taper" in alert_codes(a)) is slow


@pytest.mark.parametrize("assessed_at, first", [
    ("2026-03-11T07:59:00+00:00", "2026-03-11"),   # today's 08:00 dose is still ahead
    ("2026-03-11T08:00:00+00:00", "2026-03-12"),   # it is not: the taper starts tomorrow
    ("2026-03-10T23:50:00+00:00", "2026-03-11")])
def test_taper_schedule_starts_on_the_first_day_whose_morning_dose_is_ahead(assessed_at, first):
    a = assess(case(assessed_at=assessed_at,
                    procedures__radiotherapy_started_at="2026-03-09T12:00:00+00:00",
                    medications__dexamethasone_started_at="2026-03-05T12:00:00+00:00"))
    steps = order(a, "dexamethasone")["schedule"]
    start = date.fromisoformat(first)
    expected = [(start + timedelta(days=d), mg) for d, mg in
                ((0, 12), (2, 8), (4, 4), (6, 2), (7, None))]
    assert [(date.fromisoformat(s["date_from"]), s["dose"]["value"] if s["dose"] else None)
            for s in steps] == expected
    assert steps[-1]["text"] == "stop"


def test_taper_over_21_days_prints_days_1_and_2_then_the_prescriber_sets_it_no_stop_date():
    a = assess(case(procedures__radiotherapy_started_at="2026-03-09T12:00:00+00:00",
                    medications__dexamethasone_started_at="2026-02-16T12:00:00+00:00"))
    steps = order(a, "dexamethasone")["schedule"]
    assert [(s["day_from"], s["day_to"]) for s in steps] == [(1, 2), (3, 3)]
    assert steps[-1]["dose"] is None and "slower taper set by the prescriber" in steps[-1]["text"]
    assert not any(s["text"] == "stop" for s in steps)


@pytest.mark.parametrize("glucose, qds", [(12.0, False), (12.1, True)])
def test_glucose_above_12_means_four_times_daily(glucose, qds):
    a = assess(case(labs__glucose__value=glucose))
    assert (order(a, "capillary_glucose_monitoring")["frequency"] == "four times daily") is qds


@pytest.mark.parametrize("locale, mg, route", [("GB", 13.2, "IV/SC"), ("US", 16, "IV")])
def test_the_order_shows_only_the_locales_parenteral_dose(locale, mg, route):
    o = order(assess(case(locale=locale)), "dexamethasone")
    assert o["dose"] == {"value": 16, "unit": "mg"} and o["route"] == "oral"
    assert [(alt["dose"]["value"], alt["route"]) for alt in o["alternatives"]] == [(mg, route)]


@pytest.mark.parametrize("started, first", [(None, "the day after the first dose (Wed 11 Mar "
                                                   "if given today)"),
                                            ("2026-03-10T02:15:00+00:00", "Wed 11 Mar 2026")])
def test_daily_dexamethasone_starts_the_day_after_the_loading_dose(started, first):
    edits = {} if started is None else {"medications__dexamethasone_started_at": started}
    o = order(assess(case(**edits)), "dexamethasone")
    assert f"daily from 08:00 on {first}: 8 mg 08:00 + 8 mg 12:00" in o["frequency"]


def test_suspected_lymphoma_without_neurology_withholds_steroids():
    a = assess(case(cancer__haematological_suspected=True, **NEURO_NEGATIVE))
    assert order(a, "dexamethasone")["status"] == "withheld"
    assert order(a, "proton_pump_inhibitor")["status"] == "not_indicated"
    b = assess(case(cancer__haematological_suspected=True))
    assert order(b, "dexamethasone")["status"] == "recommended"
    assert action(b, "haematology_opinion")["due_within_hours"] == 0


# --- precautions and level alerts ---------------------------------------------------------

@pytest.mark.parametrize("level, alerted", [("C5", True), ("C6", False)])
def test_respiratory_risk_at_c5_or_above(level, alerted):
    a = assess(case(imaging=[study(MRI, [lesion(level)])], **NEURO_NEGATIVE))
    assert ("respiratory_risk" in alert_codes(a)) is alerted


@pytest.mark.parametrize("level, alerted", [("T6", True), ("T7", False)])
def test_autonomic_dysreflexia_at_t6_or_above(level, alerted):
    a = assess(case(imaging=[study(MRI, [lesion(level, bilsky_grade="2")])]))
    assert ("autonomic_dysreflexia_risk" in alert_codes(a)) is alerted


@pytest.mark.parametrize("level, code", [("C7", "cervical_collar_log_roll"), ("T1", "flat_log_roll")])
def test_collar_for_cervical_lesions(level, code):
    a = assess(case(imaging=[study(MRI, [lesion(level, bilsky_grade="2")])]))
    assert a["precautions"]["code"] == code


def test_documented_stability_lifts_precautions():
    a = assess(case(procedures__spine_declared_stable_at="2026-03-10T09:00:00+00:00"))
    assert a["precautions"]["code"] == "none"
    assert "transport_unstable_spine" not in alert_codes(a)


# --- age -------------------------------------------------------------------------------

@pytest.mark.parametrize("dob, ok", [("2010-03-11", False), ("2010-03-10", True)])
def test_adult_age_16(dob, ok):
    import engine
    if ok:
        assert engine.assess(case(patient__date_of_birth=dob))["derived"]["age_years"] == 16
    else:
        with pytest.raises(engine.CaseError, match="patient.date_of_birth"):
            engine.parse_case(case(patient__date_of_birth=dob))


@pytest.mark.parametrize("value, alerted", [(2.09, True), (2.10, False)])
def test_low_calcium_alert_at_2_10(value, alerted):
    a = assess(case(labs__adjusted_calcium=lab(value, "mmol/L")))
    assert ("calcium_low" in alert_codes(a)) is alerted


def test_calcium_in_the_wrong_unit_is_flagged_as_low():
    # 2.4 is plausible as mg/dL (2-24) but is almost certainly mmol/L entered wrongly.
    a = assess(case(labs__adjusted_calcium=lab(2.4, "mg/dL")))
    assert "calcium_low" in alert_codes(a)


@pytest.mark.parametrize("assessed_at, ok", [("2199-12-31T12:00:00+00:00", True),
                                             ("9999-12-31T23:00:00+00:00", False),
                                             ("1999-12-31T12:00:00+00:00", False)])
def test_assessment_time_must_be_plausible(assessed_at, ok):
    import engine
    doc = {"format": "mscc-case/1", "assessed_at": assessed_at, "locale": "GB",
           "patient": {"id": "Y1"}}
    if ok:
        assert engine.assess(doc)["assessed_at"] == assessed_at
    else:
        with pytest.raises(engine.CaseError, match="assessed_at"):
            engine.parse_case(doc)
