"""Issue 20, problems 10 and 11 in the engine's own words (screen, paper and `evaluate`
all print them): conditions resolved against the patient's data, stock text that
outlives its situation, Frankel E at full power, "units" not "IU", calcitonin's
working and stop point, IV fluids with a target."""
from __future__ import annotations

import pytest

from engine_cases import DELETE, MRI, action, assess, case, lesion, order, study

BREAST_T8 = dict(cancer__primary="breast",
                 imaging=[study(MRI, [lesion("T8", bilsky_grade="2")])])


def lab(value, unit):
    return {"value": value, "unit": unit, "sampled_at": "2026-03-10T08:00:00+00:00"}


@pytest.mark.parametrize("calcium, words, never", [
    (lab(2.40, "mmol/L"), "give calcium and vitamin D supplements", "no calcium or vitamin D"),
    (lab(2.80, "mmol/L"), "no calcium or vitamin D supplements", "give calcium"),
    (DELETE, "check calcium before deciding", "give calcium"),
])
def test_denosumab_supplement_advice_follows_this_patients_calcium(calcium, words, never):
    a = assess(case(**BREAST_T8, labs__calcium=calcium, labs__adjusted_calcium=DELETE))
    reason = order(a, "denosumab")["reason"]
    assert order(a, "denosumab")["status"] == "consider"
    assert words in reason and never not in reason
    assert "unless hypercalcaemic" not in reason


@pytest.mark.parametrize("locale, threshold", [
    ("GB", "glucose above 12 mmol/L"),
    ("US", "glucose above 216.2 mg/dL (12 mmol/L)"),
])
def test_glucose_threshold_in_the_locales_unit(locale, threshold):
    a = assess(case(locale=locale))
    assert threshold in order(a, "capillary_glucose_monitoring")["reason"]


def test_waiting_for_imaging_only_while_waiting():
    waiting = assess(case())  # suspected MSCC, no MRI yet
    assert "while waiting for imaging" in action(waiting, "analgesia")["text"]
    scanned = assess(case(**BREAST_T8))
    assert scanned["pathway"]["code"].startswith("mscc_")
    assert "waiting for imaging" not in action(scanned, "analgesia")["text"]


FULL_POWER = {"neuro_exam__mrc_power": {"right_arm": 5, "left_arm": 5, "right_leg": 5,
                                        "left_leg": 5},
              "presentation__limb_weakness": False, "presentation__walking_difficulty": False,
              "neuro_exam__ambulation": "independent"}


def test_frankel_e_at_full_power_without_sensory_or_sphincter_deficit():
    # Brisk reflexes make the neurology positive, but Frankel grades function: E.
    a = assess(case(**FULL_POWER))
    assert a["derived"]["neuro_status"] == "positive"
    assert a["scores"]["frankel"]["grade"] == "E"
    # Any recorded deficit keeps it D.
    for edit in ({"neuro_exam__mrc_power__left_leg": 4},
                 {"presentation__bladder_dysfunction": True},
                 {"presentation__sensory_loss": True}):
        assert assess(case(**FULL_POWER, **edit))["scores"]["frankel"]["grade"] == "D", edit


def test_calcitonin_in_units_with_its_working_and_stop_point():
    a = assess(case(labs__adjusted_calcium=lab(3.6, "mmol/L"), patient__weight_kg=62))
    o = order(a, "calcitonin")
    assert o["dose"] == {"value": 248.0, "unit": "units"}
    assert "4 units/kg x 62 kg = 248 units" in o["reason"]
    assert "stop 48 h after the first dose" in o["frequency"]
    assert "IU" not in str(a["orders"])


def test_iv_fluids_carry_a_target():
    a = assess(case(labs__adjusted_calcium=lab(3.2, "mmol/L")))
    o = order(a, "iv_fluids")
    assert o["status"] == "recommended"
    assert "urine output of 100-150 mL/h" in o["reason"]
    assert "100-150 mL/h" in o["frequency"]
