"""MC/DC-style pairs for the safety-critical order decisions (clinical-rules.md sections
6, 7 and 8): for every gating condition of the thromboprophylaxis (who gets it, IPC,
stockings, every LMWH gate), dexamethasone (with its PPI/glucose cover) and calcium
decisions, two cases that differ in that one input only and give different outcomes.
Each pair shows the condition is wired in, on its own, in the direction the rules say.

Every pair starts from a complete base case (tests/engine_cases.py) in which the
decision under test is otherwise settled, so the single flipped input is the only
reason the outcome differs. Ids are `<decision>:<condition>`; the hazard log
(docs/safety/hazard-log.yaml) cites them.

Threshold pairs that tests/test_thresholds.py already pins on both sides (e.g.
platelets 49/50, INR 1.5/1.6, creatinine clearance 14.9/15) are repeated here on
purpose, as `<decision>:<condition>` pairs: this file is the one place where the full
gate list of each decision can be read and checked against the rules."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from engine_cases import (DELETE, MRI, action, alert_codes, assess, case, creatinine_for_crcl, exact_crcl,
                          hours_before, lesion, order, study)

SAMPLED = "2026-03-10T08:00:00+00:00"
NEG = dict(presentation__limb_weakness=False, presentation__walking_difficulty=False,
           neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5, "right_leg": 5, "left_leg": 5},
           neuro_exam__reflexes_legs="normal", neuro_exam__ambulation="independent")
STABLE_METS = dict(imaging=[study(MRI, [lesion("L2")])], **NEG)   # spinal_metastases_stable
COMPRESSION = [study(MRI, [lesion("T8", bilsky_grade="3")])]
EXCLUDED = [study(MRI, [], metastases_excluded=True)]
ON_DEX = "2026-03-05T12:00:00+00:00"
RT_STARTED = "2026-03-09T12:00:00+00:00"
VTE = ("intermittent_pneumatic_compression", "anti_embolism_stockings", "lmwh_prophylaxis")


def lab(value, unit, sampled_at=SAMPLED):
    return {"value": value, "unit": unit, "sampled_at": sampled_at}


def status(code):
    return lambda a: order(a, code)["status"]


def statuses(*codes):
    return lambda a: tuple(order(a, c)["status"] for c in codes)


def dose(code):
    return lambda a: (order(a, code)["status"],
                      order(a, code)["dose"]["value"] if order(a, code)["dose"] else None)


def has_alert(code):
    return lambda a: code in alert_codes(a)


def due(code):
    return lambda a: (action(a, code) or {}).get("due_within_hours", "absent")


def missing(path):
    return lambda a: path in a["missing_inputs"]


@dataclass
class Pair:
    id: str
    flip: dict[str, Any]          # the one input, as it is when the condition holds
    off: dict[str, Any]           # the same input, as it is when it does not
    outcome: Any                  # assessment -> observed outcome
    expect_on: Any
    expect_off: Any
    base: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        assert set(self.flip) == set(self.off), f"{self.id}: one input per pair"


P = Pair
PAIRS: list[Pair] = [
    # --- section 7: who gets thromboprophylaxis (VTE-APPLIES-1) ---------------------
    P("vte-applies:admitted", {"presentation__admitted": True}, {"presentation__admitted": False},
      statuses(*VTE), ("recommended", "consider", "recommended"), ("not_indicated",) * 3,
      base={**STABLE_METS, "presentation__walking_difficulty": True}),
    P("vte-applies:reduced-mobility", {"presentation__walking_difficulty": True},
      {"presentation__walking_difficulty": False},
      status("intermittent_pneumatic_compression"), "recommended", "not_indicated",
      base=STABLE_METS),
    P("vte-applies:treatment-pathway", {"procedures__radiotherapy_started_at": RT_STARTED},
      {"procedures__radiotherapy_started_at": DELETE},
      status("intermittent_pneumatic_compression"), "recommended", "not_indicated",
      base={**STABLE_METS, "presentation__admitted": False}),
    P("vte-applies:suspected-mscc-pathway", {"presentation__limb_weakness": True},
      {"presentation__limb_weakness": False},
      status("intermittent_pneumatic_compression"), "recommended", "not_indicated",
      base={**NEG, "presentation__admitted": False,
            "procedures__spine_declared_stable_at": "2026-03-10T09:00:00+00:00"}),
    P("vte-applies:confirmed-mscc-pathway", {"imaging__0__lesions__0__bilsky_grade": "2"},
      {"imaging__0__lesions__0__bilsky_grade": "1c"},
      status("intermittent_pneumatic_compression"), "recommended", "not_indicated",
      base={**STABLE_METS, "presentation__admitted": False}),
    P("vte-applies:therapeutic-anticoagulation", {"medications__anticoagulation": "doac"},
      {"medications__anticoagulation": "none"},
      statuses(*VTE), ("not_indicated",) * 3, ("recommended", "consider", "recommended")),

    # --- IPC (VTE-IPC-1) ---------------------------------------------------------------
    *[P(f"ipc:{c}", {f"history__{c}": True}, {f"history__{c}": False},
        status("intermittent_pneumatic_compression"), "withheld", "recommended")
      for c in ("acute_dvt", "peripheral_arterial_disease", "leg_skin_condition",
                "severe_leg_oedema")],
    P("ipc:unrecorded-leg-check-named", {"history__acute_dvt": DELETE},
      {"history__acute_dvt": False}, missing("history.acute_dvt"), True, False),

    # --- stockings (VTE-AES-1) ------------------------------------------------------------
    P("aes:sensory-loss", {"presentation__sensory_loss": True},
      {"presentation__sensory_loss": False}, status("anti_embolism_stockings"),
      "withheld", "consider"),
    P("aes:sensory-level", {"neuro_exam__sensory_level": "T10"},
      {"neuro_exam__sensory_level": "none"}, status("anti_embolism_stockings"),
      "withheld", "consider"),
    P("aes:saddle-anaesthesia", {"neuro_exam__saddle_anaesthesia": True},
      {"neuro_exam__saddle_anaesthesia": False}, status("anti_embolism_stockings"),
      "withheld", "consider"),
    P("aes:peripheral-neuropathy", {"history__peripheral_neuropathy": True},
      {"history__peripheral_neuropathy": False}, status("anti_embolism_stockings"),
      "withheld", "consider"),
    *[P(f"aes:{c}", {f"history__{c}": True}, {f"history__{c}": False},
        status("anti_embolism_stockings"), "withheld", "consider")
      for c in ("peripheral_arterial_disease", "peripheral_arterial_bypass",
                "leg_skin_condition", "severe_leg_oedema", "leg_deformity",
                "stocking_allergy")],
    P("aes:sensation-unknown-level", {"neuro_exam__sensory_level": DELETE},
      {"neuro_exam__sensory_level": "none"}, status("anti_embolism_stockings"),
      "pending", "consider"),
    P("aes:sensation-unknown-loss", {"presentation__sensory_loss": DELETE},
      {"presentation__sensory_loss": False}, status("anti_embolism_stockings"),
      "pending", "consider"),
    # unknown sensation never hides a recorded contraindication
    P("aes:contraindication-beats-unknown-sensation", {"history__stocking_allergy": True},
      {"history__stocking_allergy": False}, status("anti_embolism_stockings"),
      "withheld", "pending", base={"neuro_exam__sensory_level": DELETE}),

    # --- LMWH gate 1: contraindications (VTE-LMWH-1) -------------------------------------
    P("lmwh:active-bleeding", {"history__active_bleeding": True},
      {"history__active_bleeding": False}, status("lmwh_prophylaxis"), "withheld", "recommended"),
    P("lmwh:bleeding-disorder", {"history__bleeding_disorder": True},
      {"history__bleeding_disorder": False}, status("lmwh_prophylaxis"), "withheld", "recommended"),
    P("lmwh:platelets-below-50", {"labs__platelets__value": 49},
      {"labs__platelets__value": 50}, status("lmwh_prophylaxis"), "withheld", "recommended"),
    P("lmwh:neuraxial-within-12h", {"procedures__neuraxial_procedure_within_12h": True},
      {"procedures__neuraxial_procedure_within_12h": False}, status("lmwh_prophylaxis"),
      "withheld", "recommended"),
    P("lmwh:inr-above-1.5", {"labs__inr__value": 1.6}, {"labs__inr__value": 1.5},
      status("lmwh_prophylaxis"), "withheld", "recommended"),
    P("lmwh:on-unfractionated-heparin", {"medications__anticoagulation": "unfractionated_heparin"},
      {"medications__anticoagulation": "none"}, status("lmwh_prophylaxis"),
      "withheld", "recommended"),
    # gate 1 comes before the 'unknown' gate: a contraindication is never shown as pending
    P("lmwh:contraindication-beats-missing-platelets", {"history__active_bleeding": True},
      {"history__active_bleeding": False}, status("lmwh_prophylaxis"), "withheld", "pending",
      base={"labs__platelets": DELETE}),
    # --- gate 2: surgery expected within 24 h -------------------------------------------
    P("lmwh:surgery-expected-within-24h", {"procedures__spinal_surgery_expected_within_24h": True},
      {"procedures__spinal_surgery_expected_within_24h": False}, status("lmwh_prophylaxis"),
      "withheld", "recommended"),
    P("lmwh:surgery-expected-beats-missing-labs",
      {"procedures__spinal_surgery_expected_within_24h": True},
      {"procedures__spinal_surgery_expected_within_24h": False}, status("lmwh_prophylaxis"),
      "withheld", "pending", base={"labs__platelets": DELETE}),
    # --- gate 3: after spinal surgery ---------------------------------------------------
    P("lmwh:surgery-less-than-24h-ago", {"procedures__spinal_surgery_at": hours_before(23.9)},
      {"procedures__spinal_surgery_at": hours_before(24)}, status("lmwh_prophylaxis"),
      "withheld", "recommended", base={"procedures__surgeon_cleared_anticoagulation": True}),
    P("lmwh:surgeon-clearance-missing", {"procedures__surgeon_cleared_anticoagulation": DELETE},
      {"procedures__surgeon_cleared_anticoagulation": True}, status("lmwh_prophylaxis"),
      "pending", "recommended", base={"procedures__spinal_surgery_at": hours_before(30)}),
    P("lmwh:surgeon-clearance-false", {"procedures__surgeon_cleared_anticoagulation": False},
      {"procedures__surgeon_cleared_anticoagulation": True}, status("lmwh_prophylaxis"),
      "pending", "recommended", base={"procedures__spinal_surgery_at": hours_before(30)}),
    # --- gate 4: ask the surgeon (suspected MSCC, surgical opinion, unstable mets) ------
    P("lmwh:surgery-question-unanswered", {"procedures__spinal_surgery_expected_within_24h": DELETE},
      {"procedures__spinal_surgery_expected_within_24h": False}, status("lmwh_prophylaxis"),
      "pending", "recommended"),
    P("lmwh:ask-surgeon-pathway", {"cancer__fit_for_surgery": True},
      {"cancer__fit_for_surgery": False}, status("lmwh_prophylaxis"), "pending", "recommended",
      base={"imaging": [study(MRI, [lesion("T8", bilsky_grade="2")])],
            "procedures__spinal_surgery_expected_within_24h": DELETE}),
    # --- gate 5: unknown or stale inputs ------------------------------------------------
    P("lmwh:platelets-missing", {"labs__platelets": DELETE},
      {"labs__platelets": lab(250, "10^9/L")}, status("lmwh_prophylaxis"), "pending", "recommended"),
    P("lmwh:platelets-stale", {"labs__platelets__sampled_at": hours_before(72.1)},
      {"labs__platelets__sampled_at": hours_before(72)}, status("lmwh_prophylaxis"),
      "pending", "recommended"),
    P("lmwh:creatinine-missing", {"labs__creatinine": DELETE},
      {"labs__creatinine": lab(1.0, "mg/dL")}, status("lmwh_prophylaxis"), "pending", "recommended"),
    P("lmwh:creatinine-stale", {"labs__creatinine__sampled_at": hours_before(72.1)},
      {"labs__creatinine__sampled_at": hours_before(72)}, status("lmwh_prophylaxis"),
      "pending", "recommended"),
    P("lmwh:weight-missing", {"patient__weight_kg": DELETE}, {"patient__weight_kg": 72},
      status("lmwh_prophylaxis"), "pending", "recommended"),
    P("lmwh:age-missing", {"patient__date_of_birth": DELETE},
      {"patient__date_of_birth": "1966-01-15"}, status("lmwh_prophylaxis"), "pending", "recommended"),
    P("lmwh:sex-missing", {"patient__sex": DELETE}, {"patient__sex": "male"},
      status("lmwh_prophylaxis"), "pending", "recommended"),
    P("lmwh:bleeding-history-unrecorded", {"history__active_bleeding": DELETE},
      {"history__active_bleeding": False}, status("lmwh_prophylaxis"), "pending", "recommended"),
    P("lmwh:bleeding-disorder-unrecorded", {"history__bleeding_disorder": DELETE},
      {"history__bleeding_disorder": False}, status("lmwh_prophylaxis"), "pending", "recommended"),
    P("lmwh:anticoagulation-unrecorded", {"medications__anticoagulation": DELETE},
      {"medications__anticoagulation": "none"}, status("lmwh_prophylaxis"), "pending", "recommended"),
    # --- gate 6 and dose -------------------------------------------------------------------
    P("lmwh:crcl-below-15", exact_crcl(14.9),
      exact_crcl(15), dose("lmwh_prophylaxis"),
      ("withheld", None), ("recommended", 20)),
    P("lmwh:crcl-below-30-renal-dose", exact_crcl(29.9),
      exact_crcl(30), dose("lmwh_prophylaxis"),
      ("recommended", 20), ("recommended", 40)),
    P("lmwh:renal-dose-locale", {"locale": "US"}, {"locale": "GB"}, dose("lmwh_prophylaxis"),
      ("recommended", 30), ("recommended", 20),
      base=exact_crcl(20)),
    P("lmwh:platelets-50-75-flag", {"labs__platelets__value": 74.9},
      {"labs__platelets__value": 75}, has_alert("bleeding_risk_platelets"), True, False),
    P("lmwh:platelet-flag-only-when-recommended", {"history__active_bleeding": False},
      {"history__active_bleeding": True}, has_alert("bleeding_risk_platelets"), True, False,
      base={"labs__platelets__value": 60}),
    P("lmwh:weight-band-low", {"patient__weight_kg": 49.9}, {"patient__weight_kg": 50},
      has_alert("lmwh_weight_band"), True, False,
      base={"labs__creatinine__value": creatinine_for_crcl(60, weight=50)}),

    # --- section 6: dexamethasone (DEX-1, DEX-TAPER-1, DEX-HAEM-1) ------------------------
    P("dex:excluded-on-dex-stop", {"medications__dexamethasone_started_at": ON_DEX},
      {"medications__dexamethasone_started_at": DELETE}, status("dexamethasone"),
      "stop", "not_indicated", base={"imaging": EXCLUDED, **NEG}),
    P("dex:excluded-pathway", {"imaging__0__metastases_excluded": True},
      {"imaging__0__metastases_excluded": DELETE}, status("dexamethasone"),
      "stop", "recommended",
      base={"imaging": EXCLUDED, "medications__dexamethasone_started_at": ON_DEX}),
    P("dex:post-treatment-on-dex-taper", {"medications__dexamethasone_started_at": ON_DEX},
      {"medications__dexamethasone_started_at": DELETE}, status("dexamethasone"),
      "taper", "not_indicated", base={"procedures__radiotherapy_started_at": RT_STARTED}),
    P("dex:post-treatment-pathway", {"procedures__radiotherapy_started_at": RT_STARTED},
      {"procedures__radiotherapy_started_at": DELETE}, status("dexamethasone"),
      "taper", "recommended", base={"medications__dexamethasone_started_at": ON_DEX}),
    P("dex:supportive-on-dex-taper", {"medications__dexamethasone_started_at": ON_DEX},
      {"medications__dexamethasone_started_at": DELETE}, status("dexamethasone"),
      "taper", "not_indicated", base={"imaging": COMPRESSION, "cancer__prognosis": "weeks"}),
    P("dex:supportive-severe-pain", {"presentation__pain_severe": True},
      {"presentation__pain_severe": False}, status("dexamethasone"), "consider", "not_indicated",
      base={"imaging": COMPRESSION, "cancer__prognosis": "weeks"}),
    P("dex:supportive-pathway", {"cancer__prognosis": "weeks"},
      {"cancer__prognosis": "gt_6_months"}, status("dexamethasone"), "not_indicated",
      "recommended", base={"imaging": COMPRESSION}),
    P("dex:slow-taper-over-21-days",
      {"medications__dexamethasone_started_at": "2026-02-16T12:00:00+00:00"},
      {"medications__dexamethasone_started_at": "2026-02-17T12:00:00+00:00"},
      has_alert("slow_taper"), True, False,
      base={"procedures__radiotherapy_started_at": RT_STARTED}),
    P("dex:haem-suspected-no-neurology-withheld", {"cancer__haematological_suspected": True},
      {"cancer__haematological_suspected": False}, status("dexamethasone"),
      "withheld", "not_indicated", base=NEG),
    P("dex:haem-suspected-withheld-needs-negative-neurology",
      {"presentation__limb_weakness": False}, {"presentation__limb_weakness": True},
      status("dexamethasone"), "withheld", "recommended",
      base={**NEG, "cancer__haematological_suspected": True}),
    P("dex:haem-suspected-not-once-confirmed", {"cancer__primary": "lung_nsclc"},
      {"cancer__primary": "lymphoma"}, status("dexamethasone"), "withheld", "recommended",
      base={**NEG, "cancer__haematological_suspected": True}),
    P("dex:neurology-positive", {"presentation__limb_weakness": True},
      {"presentation__limb_weakness": False}, status("dexamethasone"),
      "recommended", "not_indicated", base=NEG),
    P("dex:neurology-unknown", {"presentation__limb_weakness": DELETE},
      {"presentation__limb_weakness": False}, status("dexamethasone"),
      "recommended", "not_indicated", base=NEG),
    P("dex:confirmed-haem-with-spinal-disease", {"cancer__primary": "myeloma"},
      {"cancer__primary": "lung_nsclc"}, status("dexamethasone"), "recommended",
      "not_indicated", base=NEG),
    P("dex:confirmed-haem-needs-known-lesion", {"cancer__vertebral_metastases": "1"},
      {"cancer__vertebral_metastases": DELETE}, status("dexamethasone"), "recommended",
      "not_indicated", base={**NEG, "cancer__primary": "myeloma"}),
    P("dex:severe-pain-no-neurology", {"presentation__pain_severe": True},
      {"presentation__pain_severe": False}, status("dexamethasone"), "consider",
      "not_indicated", base=NEG),
    P("dex:haem-suspected-with-neurology-calls-haematology",
      {"cancer__haematological_suspected": True}, {"cancer__haematological_suspected": False},
      due("haematology_opinion"), 0, "absent"),
    P("dex:parenteral-equivalent-by-locale", {"locale": "US"}, {"locale": "GB"},
      lambda a: order(a, "dexamethasone")["alternatives"][0]["dose"]["value"], 16, 13.2),
    # --- cover: PPI and glucose go with every steroid order (DEX-COVER-1) ----------------
    P("dex-cover:ppi-and-glucose-with-steroid", {"presentation__limb_weakness": True},
      {"presentation__limb_weakness": False},
      statuses("proton_pump_inhibitor", "capillary_glucose_monitoring"),
      ("recommended", "recommended"), ("not_indicated", "not_indicated"), base=NEG),
    P("dex-cover:ppi-with-consider", {"presentation__pain_severe": True},
      {"presentation__pain_severe": False},
      statuses("proton_pump_inhibitor", "capillary_glucose_monitoring"),
      ("recommended", "recommended"), ("not_indicated", "not_indicated"), base=NEG),
    P("dex-cover:ppi-with-taper", {"medications__dexamethasone_started_at": ON_DEX},
      {"medications__dexamethasone_started_at": DELETE},
      statuses("proton_pump_inhibitor", "capillary_glucose_monitoring"),
      ("recommended", "recommended"), ("not_indicated", "not_indicated"),
      base={"procedures__radiotherapy_started_at": RT_STARTED}),
    P("dex-cover:glucose-qds-with-diabetes", {"history__diabetes": True},
      {"history__diabetes": False},
      lambda a: order(a, "capillary_glucose_monitoring")["frequency"],
      "four times daily", "at least once daily"),
    P("dex-cover:glucose-qds-above-12", {"labs__glucose__value": 12.1},
      {"labs__glucose__value": 12.0},
      lambda a: order(a, "capillary_glucose_monitoring")["frequency"],
      "four times daily", "at least once daily"),
    P("dex-cover:gi-risk-peptic-ulcer", {"history__peptic_ulcer": True},
      {"history__peptic_ulcer": False}, has_alert("steroid_gi_risk"), True, False),
    P("dex-cover:gi-risk-active-bleeding", {"history__active_bleeding": True},
      {"history__active_bleeding": False}, has_alert("steroid_gi_risk"), True, False),
    P("dex-cover:gi-risk-only-with-steroid", {"presentation__limb_weakness": True},
      {"presentation__limb_weakness": False}, has_alert("steroid_gi_risk"), True, False,
      base={**NEG, "history__peptic_ulcer": True}),

    # --- section 8: calcium (CA-CORRECTED-1, CA-TREAT-1, CA-DRUGS-1) ----------------------
    P("ca:no-calcium-result", {"labs__calcium": DELETE}, {"labs__calcium": lab(2.40, "mmol/L")},
      statuses("iv_fluids", "calcitonin"), ("pending", "pending"),
      ("not_indicated", "not_indicated")),
    P("ca:calcium-stale", {"labs__calcium__sampled_at": hours_before(72.1)},
      {"labs__calcium__sampled_at": hours_before(72)}, statuses("iv_fluids", "calcitonin"),
      ("pending", "pending"), ("not_indicated", "not_indicated")),
    P("ca:mild-fluids", {"labs__adjusted_calcium": lab(2.60, "mmol/L")},
      {"labs__adjusted_calcium": lab(2.59, "mmol/L")}, status("iv_fluids"),
      "consider", "not_indicated"),
    P("ca:mild-recheck-48h", {"labs__adjusted_calcium": lab(2.60, "mmol/L")},
      {"labs__adjusted_calcium": lab(2.59, "mmol/L")}, due("recheck_calcium"), 48, "absent"),
    P("ca:moderate-fluids", {"labs__adjusted_calcium": lab(3.00, "mmol/L")},
      {"labs__adjusted_calcium": lab(2.99, "mmol/L")}, status("iv_fluids"),
      "recommended", "consider"),
    P("ca:moderate-recheck-24h", {"labs__adjusted_calcium": lab(3.00, "mmol/L")},
      {"labs__adjusted_calcium": lab(2.99, "mmol/L")}, due("recheck_calcium"), 24, 48),
    P("ca:severe-calcitonin", {"labs__adjusted_calcium": lab(3.50, "mmol/L")},
      {"labs__adjusted_calcium": lab(3.49, "mmol/L")}, status("calcitonin"),
      "recommended", "not_indicated"),
    P("ca:severe-calcitonin-needs-weight", {"patient__weight_kg": DELETE},
      {"patient__weight_kg": 72}, status("calcitonin"), "pending", "recommended",
      base={"labs__adjusted_calcium": lab(3.6, "mmol/L")}),
    P("ca:moderate-antiresorptive", {"labs__adjusted_calcium": lab(3.00, "mmol/L")},
      {"labs__adjusted_calcium": lab(2.99, "mmol/L")}, statuses("zoledronic_acid", "denosumab"),
      ("recommended", "consider"), ("not_indicated", "not_indicated")),
    P("ca:renal-below-30-denosumab", exact_crcl(29.9),
      exact_crcl(30),
      statuses("zoledronic_acid", "denosumab"), ("withheld", "recommended"),
      ("recommended", "consider"), base={"labs__adjusted_calcium": lab(3.2, "mmol/L")}),
    P("ca:renal-below-30-hypocalcaemia-alert",
      exact_crcl(29.9),
      exact_crcl(30), has_alert("hypocalcaemia_risk"),
      True, False, base={"labs__adjusted_calcium": lab(3.2, "mmol/L")}),
    P("ca:renal-unknown-zoledronic-pending", {"labs__creatinine": DELETE},
      {"labs__creatinine": lab(1.0, "mg/dL")}, statuses("zoledronic_acid", "denosumab"),
      ("pending", "consider"), ("recommended", "consider"),
      base={"labs__adjusted_calcium": lab(3.2, "mmol/L")}),
    P("ca:renal-stale-zoledronic-pending", {"labs__creatinine__sampled_at": hours_before(73)},
      {"labs__creatinine__sampled_at": hours_before(72)}, status("zoledronic_acid"),
      "pending", "recommended", base={"labs__adjusted_calcium": lab(3.2, "mmol/L")}),
    P("ca:zoledronic-hcm-dose-not-renal-reduced",
      exact_crcl(35),
      exact_crcl(80), dose("zoledronic_acid"),
      ("recommended", 4), ("recommended", 4),
      base={"labs__adjusted_calcium": lab(3.2, "mmol/L")}),
    P("ca:albumin-correction-raises-band", {"labs__albumin__value": 30},
      {"labs__albumin__value": 40}, status("iv_fluids"), "consider", "not_indicated",
      base={"labs__calcium__value": 2.50}),
    P("ca:albumin-missing-uncorrected", {"labs__albumin": DELETE},
      {"labs__albumin": lab(40, "g/L")}, has_alert("albumin_missing"), True, False),
    P("ca:albumin-stale-uncorrected", {"labs__albumin__sampled_at": hours_before(73)},
      {"labs__albumin__sampled_at": hours_before(72)}, has_alert("albumin_missing"), True, False),
    P("ca:laboratory-adjusted-first", {"labs__adjusted_calcium": lab(2.40, "mmol/L")},
      {"labs__adjusted_calcium": DELETE}, status("iv_fluids"), "not_indicated", "consider",
      base={"labs__calcium__value": 2.50, "labs__albumin__value": 30}),
    P("ca:stale-adjusted-falls-back", {"labs__adjusted_calcium": lab(3.6, "mmol/L", hours_before(73))},
      {"labs__adjusted_calcium": lab(3.6, "mmol/L", hours_before(72))}, status("calcitonin"),
      "not_indicated", "recommended"),
    P("ca:mg-dl-is-banded-in-mmol", {"labs__adjusted_calcium": lab(10.43, "mg/dL")},
      {"labs__adjusted_calcium": lab(10.38, "mg/dL")}, status("iv_fluids"),
      "consider", "not_indicated"),
    P("ca-drugs:supplements-stopped", {"medications__calcium_or_vitamin_d_supplements": True},
      {"medications__calcium_or_vitamin_d_supplements": False},
      has_alert("stop_calcium_raising_drugs"), True, False,
      base={"labs__adjusted_calcium": lab(2.8, "mmol/L")}),
    P("ca-drugs:thiazide-stopped", {"medications__thiazide": True}, {"medications__thiazide": False},
      has_alert("stop_calcium_raising_drugs"), True, False,
      base={"labs__adjusted_calcium": lab(2.8, "mmol/L")}),
    P("ca-drugs:only-when-hypercalcaemic", {"labs__adjusted_calcium": lab(2.60, "mmol/L")},
      {"labs__adjusted_calcium": lab(2.59, "mmol/L")}, has_alert("stop_calcium_raising_drugs"),
      True, False, base={"medications__thiazide": True}),
    P("ca-drugs:lymphoma-calcitriol", {"cancer__primary": "lymphoma"},
      {"cancer__primary": "lung_nsclc"}, has_alert("calcitriol_mediated"), True, False,
      base={"labs__adjusted_calcium": lab(2.8, "mmol/L")}),
    # moderate hypercalcaemia decides both bone agents itself (no dental review)
    P("ca:moderate-decides-bone-agents", {"labs__adjusted_calcium": lab(3.0, "mmol/L")},
      {"labs__adjusted_calcium": lab(2.99, "mmol/L")}, due("dental_review"), "absent", 168,
      base={"cancer__primary": "breast"}),
]


@pytest.mark.parametrize("pair", PAIRS, ids=[p.id for p in PAIRS])
def test_one_condition_alone_flips_the_outcome(pair: Pair):
    on = assess(case(**{**pair.base, **pair.flip}))
    off = assess(case(**{**pair.base, **pair.off}))
    got = (pair.outcome(on), pair.outcome(off))
    assert got == (pair.expect_on, pair.expect_off), pair.id
    if pair.expect_on == pair.expect_off:   # a documented non-effect (e.g. HCM dose)
        return
    assert got[0] != got[1]


def test_pair_ids_are_unique_and_cover_every_decision():
    ids = [p.id for p in PAIRS]
    assert len(ids) == len(set(ids))
    prefixes = {i.split(":")[0] for i in ids}
    assert {"vte-applies", "ipc", "aes", "lmwh", "dex", "dex-cover", "ca", "ca-drugs"} <= prefixes


def test_base_case_is_complete_so_each_pair_flips_one_known_input():
    """The pairs rely on a base case with nothing unknown."""
    a = assess(case())
    assert a["complete"] is True and a["missing_inputs"] == []
