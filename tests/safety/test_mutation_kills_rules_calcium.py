"""Behaviour of the hypercalcaemia rules that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
a case from engine_cases, assessed, and the assessment checked."""
from __future__ import annotations

import pytest

from engine_cases import DELETE, alert_codes, assess, case, exact_crcl, order

SAMPLED = "2026-03-10T08:00:00+00:00"
MODERATE = {"labs__calcium": {"value": 3.1, "unit": "mmol/L", "sampled_at": SAMPLED}}
VALUE = "3.10 mmol/L (12.42 mg/dL), moderate"


def fired(a, rule_id):
    return next(t for t in a["trace"] if t["rule"] == rule_id)["fired"]


def test_renal_impairment_texts_state_clearance_to_one_decimal():
    a = assess(case(**MODERATE, **exact_crcl(20.25)))
    assert order(a, "denosumab")["reason"] == (
        f"Hypercalcaemia ({VALUE}) with creatinine clearance 20.2 mL/min: denosumab (no renal "
        "adjustment).")
    assert order(a, "zoledronic_acid")["reason"] == (
        "Severe renal impairment (creatinine clearance 20.2 mL/min).")
    risk = [x["text"] for x in a["alerts"] if x["code"] == "hypocalcaemia_risk"]
    assert risk == ["Denosumab with creatinine clearance 20.2 mL/min (below 30 mL/min): high risk of "
                    "severe hypocalcaemia; monitor calcium, magnesium and phosphate."]


def test_zoledronic_acid_text_states_clearance_to_one_decimal():
    a = assess(case(**MODERATE, **exact_crcl(45.25)))
    zol = order(a, "zoledronic_acid")
    assert zol["status"] == "recommended"
    assert zol["reason"].startswith(f"Hypercalcaemia ({VALUE}); creatinine clearance 45.2 "
                                    "mL/min. The HCM dose")


def test_an_uncorrected_calcium_is_never_called_corrected():
    a = assess(case(**MODERATE, labs__albumin=DELETE))
    assert order(a, "iv_fluids")["reason"].startswith(
        "Calcium (NOT corrected for albumin) 3.10 mmol/L")
    assert order(assess(case(**MODERATE)), "iv_fluids")["reason"].startswith(
        "Corrected calcium 3.10 mmol/L")


@pytest.mark.parametrize("edits, stop_drugs", [
    (MODERATE, False),                                             # high, nothing to stop
    ({"medications__calcium_or_vitamin_d_supplements": True}, False),  # normal, on supplements
    ({**MODERATE, "medications__calcium_or_vitamin_d_supplements": True}, True),
])
def test_calcium_raising_drugs_flagged_only_when_high_and_taken(edits, stop_drugs):
    a = assess(case(**edits))
    assert fired(a, "CA-DRUGS-1") is stop_drugs
    assert ("stop_calcium_raising_drugs" in alert_codes(a)) is stop_drugs


@pytest.mark.parametrize("value, low", [(2.09, True), (2.10, False), (2.40, False)])
def test_low_calcium_alert_only_below_2_10(value, low):
    a = assess(case(labs__calcium={"value": value, "unit": "mmol/L", "sampled_at": SAMPLED},
                    labs__albumin={"value": 40, "unit": "g/L", "sampled_at": SAMPLED}))
    assert ("calcium_low" in alert_codes(a)) is low


def test_treatment_rule_fires_only_for_hypercalcaemia():
    assert fired(assess(case(**MODERATE)), "CA-TREAT-1") is True
    assert fired(assess(case()), "CA-TREAT-1") is False
