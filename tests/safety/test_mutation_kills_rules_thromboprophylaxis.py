"""Behaviour of the thromboprophylaxis rules that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
a case from engine_cases, assessed, and the assessment checked."""
from __future__ import annotations

import pytest

from engine_cases import DELETE, assess, case, exact_crcl, order


def lmwh(a):
    return order(a, "lmwh_prophylaxis")


# --- what creatinine clearance still needs, named in plain words -------------------------

@pytest.mark.parametrize("missing, words", [
    (("patient__weight_kg",), "(needs weight)"),
    (("patient__sex", "patient__weight_kg"), "(needs sex and weight)"),
    (("patient__date_of_birth", "patient__sex", "patient__weight_kg"),
     "(needs age (date of birth), sex and weight)"),
    (("patient__date_of_birth", "patient__sex", "patient__weight_kg", "labs__creatinine"),
     "(needs age (date of birth), sex, weight and a creatinine within 72 h)"),
])
def test_creatinine_clearance_needs_are_listed_in_words(missing, words):
    a = assess(case(**{path: DELETE for path in missing}))
    o = lmwh(a)
    assert o["status"] == "pending"
    assert o["reason"] == f"Needed before LMWH: creatinine clearance {words}."


# --- renal dose band: the label named follows the locale's dose -----------------------------

@pytest.mark.parametrize("locale, mg, label", [("GB", 20, "UK SmPC"), ("US", 30, "US label")])
def test_renal_dose_names_its_label(locale, mg, label):
    o = lmwh(assess(case(locale=locale, **exact_crcl(20))))
    assert o["status"] == "recommended"
    assert o["dose"] == {"value": mg, "unit": "mg"}
    assert o["reason"].endswith(f"renal dose {mg} mg once daily ({label}).")


@pytest.mark.parametrize("crcl, shown, words", [
    (12.5, "12.5", "(below 15 mL/min): LMWH not recommended"),
    (20.25, "20.2", "(15-30 mL/min): renal dose 20 mg"),          # cut at one decimal, not rounded
])
def test_clearance_stated_to_one_decimal(crcl, shown, words):
    reason = lmwh(assess(case(**exact_crcl(crcl))))["reason"]
    assert reason.startswith(f"Creatinine clearance {shown} mL/min {words}")


def test_full_dose_reason_states_clearance_to_one_decimal():
    reason = lmwh(assess(case(**exact_crcl(45.25))))["reason"]
    assert reason == ("High VTE risk with cancer and reduced mobility; platelets 250, "
                      "creatinine clearance 45.2 mL/min: 40 mg once daily.")


def test_surgery_of_an_earlier_episode_does_not_hold_lmwh_for_the_surgeon():
    a = assess(case(procedures__spinal_surgery_at="2026-01-09T12:00:00+00:00"))  # 60 days
    assert a["pathway"]["code"] == "suspected_mscc"
    o = lmwh(a)
    assert o["status"] == "recommended" and o["dose"] == {"value": 40, "unit": "mg"}
    assert "procedures.surgeon_cleared_anticoagulation" not in a["missing_inputs"]


# --- the order's own fields ------------------------------------------------------------------

def test_recommended_lmwh_is_once_daily_sc_and_withheld_has_no_regimen():
    given = lmwh(assess(case()))
    assert (given["status"], given["route"], given["frequency"]) == ("recommended", "SC",
                                                                      "once daily")
    held = lmwh(assess(case(history__active_bleeding=True)))
    assert held["status"] == "withheld"
    assert (held["dose"], held["route"], held["frequency"]) == (None, None, None)


def test_surgeon_question_names_other_needs_only_when_there_are_some():
    alone = lmwh(assess(case(procedures__spinal_surgery_expected_within_24h=DELETE)))
    assert alone["status"] == "pending"
    assert alone["reason"] == "Ask the spinal surgeon whether surgery is expected within 24 h."
    more = lmwh(assess(case(procedures__spinal_surgery_expected_within_24h=DELETE,
                            labs__platelets=DELETE)))
    assert more["reason"] == ("Ask the spinal surgeon whether surgery is expected within 24 h. "
                              "Also needed: platelet count (none, or older than 72 h).")


# --- stockings: the reasons they are withheld ------------------------------------------------

@pytest.mark.parametrize("edits, why", [
    ({"presentation__sensory_loss": True}, "sensory impairment"),
    ({"history__leg_deformity": True}, "leg deformity"),
    ({"presentation__sensory_loss": True, "history__leg_deformity": True},
     "sensory impairment, leg deformity"),
])
def test_stockings_withheld_name_each_reason(edits, why):
    o = order(assess(case(**edits)), "anti_embolism_stockings")
    assert o["status"] == "withheld"
    assert o["reason"] == f"Contraindicated: {why}. Use IPC instead."


def test_severe_renal_impairment_offers_heparin_with_its_dose_and_interval():
    reason = lmwh(assess(case(**exact_crcl(12.5))))["reason"]
    assert reason.endswith("consider unfractionated heparin 5000 units SC every 12 h.")


def test_an_unrecorded_neuraxial_procedure_names_the_window_around_the_dose():
    reason = lmwh(assess(case(**exact_crcl(45.25),
                              procedures__neuraxial_procedure_within_12h=DELETE)))["reason"]
    assert ("Not recorded: lumbar puncture or epidural within 12 h before or 4 h after the "
            "dose") in reason
