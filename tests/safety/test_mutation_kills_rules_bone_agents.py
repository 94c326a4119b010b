"""Behaviour of the bone-targeted agent rules that survivors of the cosmic-ray run
(python -m tools.mutation, docs/mutation.md) showed no test pinned. Behavioural only:
a case from engine_cases, assessed, and the assessment checked."""
from __future__ import annotations

from engine_cases import alert_codes, assess, case, exact_crcl, order

BREAST = dict(cancer__primary="breast")      # known vertebral metastases, no agent yet


def test_renal_impairment_withholds_zoledronic_acid_and_warns_about_denosumab():
    a = assess(case(**BREAST, **exact_crcl(20.25)))
    zol = order(a, "zoledronic_acid")
    assert zol["status"] == "withheld"
    assert zol["reason"] == "Creatinine clearance 20.2 mL/min (below 30 mL/min): not recommended."
    assert [x["text"] for x in a["alerts"] if x["code"] == "hypocalcaemia_risk"] == [
        "Denosumab with creatinine clearance 20.2 mL/min (below 30 mL/min): high risk of severe "
        "hypocalcaemia."]


def test_adequate_clearance_gives_a_banded_dose_and_no_hypocalcaemia_warning():
    a = assess(case(**BREAST, **exact_crcl(45.25)))
    zol = order(a, "zoledronic_acid")
    assert zol["status"] == "consider"
    assert zol["dose"] == {"value": 3.3, "unit": "mg"}
    assert zol["reason"] == ("Consider to reduce pain and vertebral fracture or collapse; "
                             "creatinine clearance 45.2 mL/min gives 3.3 mg. Check creatinine "
                             "before each dose.")
    assert "hypocalcaemia_risk" not in alert_codes(a)


def test_zoledronic_acid_interval_is_stated():
    zol = order(assess(case(**BREAST, **exact_crcl(45.25))), "zoledronic_acid")
    assert zol["frequency"] == "every 3-4 weeks (or 12-weekly)", zol
