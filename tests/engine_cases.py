"""Case builders for engine tests: one complete, fully known case, edited by path.

The base case is an admitted 60-year-old man with lung cancer, leg weakness and no
imaging yet (suspected MSCC); every input a rule reads is recorded, so each test
changes exactly the input it is about."""
from __future__ import annotations

import copy
from typing import Any

import engine

ASSESSED_AT = "2026-03-10T12:00:00+00:00"
SAMPLED = "2026-03-10T08:00:00+00:00"

BASE: dict[str, Any] = {
    "format": "mscc-case/1",
    "assessed_at": ASSESSED_AT,
    "locale": "GB",
    "patient": {"id": "TEST-0001", "name": "Test Patient", "date_of_birth": "1966-01-15",
                "sex": "male", "weight_kg": 72},
    "cancer": {"primary": "lung_nsclc", "haematological_suspected": False, "ecog": 1,
               "karnofsky": 80, "visceral_metastases": "none",
               "extraspinal_bone_metastases": "0", "vertebral_metastases": "1",
               "prognosis": "gt_6_months", "fit_for_surgery": True,
               "fit_for_treatment": True, "oligometastatic": False,
               "prior_radiotherapy_at_level": False},
    "presentation": {"admitted": True, "spinal_pain": "non_mechanical",
                     "pain_regions": ["thoracic"], "pain_severe": False,
                     "pain_nocturnal": False, "pain_controlled": False,
                     "spinal_tenderness": False, "radicular_pain": False,
                     "limb_weakness": True, "walking_difficulty": True, "sensory_loss": False,
                     "bladder_dysfunction": False, "bowel_dysfunction": False,
                     "neuro_onset_at": "2026-03-08T08:00:00+00:00"},
    "neuro_exam": {"examined_at": "2026-03-10T11:00:00+00:00",
                   "mrc_power": {"right_arm": 5, "left_arm": 5, "right_leg": 4, "left_leg": 4},
                   "reflexes_arms": "normal", "reflexes_legs": "brisk", "plantars": "flexor",
                   "hoffmann": False, "clonus": False, "sensory_level": "none",
                   "saddle_anaesthesia": False, "anal_tone": "normal", "ambulation": "with_aid"},
    "imaging": [],
    "mri_contraindicated": False,
    "labs": {
        "calcium": {"value": 2.40, "unit": "mmol/L", "sampled_at": SAMPLED},
        "albumin": {"value": 40, "unit": "g/L", "sampled_at": SAMPLED},
        "creatinine": {"value": 1.0, "unit": "mg/dL", "sampled_at": SAMPLED},
        "platelets": {"value": 250, "unit": "10^9/L", "sampled_at": SAMPLED},
        "inr": {"value": 1.0, "unit": "ratio", "sampled_at": SAMPLED},
        "haemoglobin": {"value": 130, "unit": "g/L", "sampled_at": SAMPLED},
        "glucose": {"value": 6.0, "unit": "mmol/L", "sampled_at": SAMPLED},
    },
    "medications": {"anticoagulation": "none", "bone_targeted_agent": "none",
                    "calcium_or_vitamin_d_supplements": False, "thiazide": False},
    "history": {k: False for k in (
        "diabetes", "peptic_ulcer", "active_bleeding", "bleeding_disorder",
        "peripheral_arterial_disease", "peripheral_arterial_bypass", "peripheral_neuropathy",
        "leg_skin_condition", "severe_leg_oedema", "leg_deformity", "acute_dvt",
        "previous_vte", "heart_failure", "stocking_allergy")},
    "procedures": {"spinal_surgery_expected_within_24h": False,
                   "neuraxial_procedure_within_12h": False},
}

MRI = "mri_whole_spine"
FULL_LESION = {"lesion_type": "blastic", "bilsky_grade": "0", "alignment": "normal",
               "collapse": "none", "posterolateral": "none"}


def case(**edits: Any) -> dict:
    """The base case with edits given as path=value, dots written as '__'
    (labs__platelets__value=49). A value of DELETE removes the key."""
    doc = copy.deepcopy(BASE)
    for path, value in edits.items():
        put(doc, path.split("__"), value)
    return doc


DELETE = object()


def put(doc: dict, parts: list[str], value: Any) -> None:
    for p in parts[:-1]:
        doc = doc[int(p)] if isinstance(doc, list) else doc.setdefault(p, {})
    if value is DELETE:
        doc.pop(parts[-1], None)
    else:
        doc[parts[-1]] = copy.deepcopy(value)  # never share the caller's objects


def study(modality: str = MRI, lesions: list[dict] | None = None, **fields: Any) -> dict:
    s = {"modality": modality, "performed_at": "2026-03-10T10:00:00+00:00",
         "metastases_excluded": False, "cauda_equina_compression": False,
         "lesions": lesions if lesions is not None else []}
    s.update(fields)
    return s


def lesion(level: str, **fields: Any) -> dict:
    out = {"level": level, **FULL_LESION}
    out.update(fields)
    return out


def assess(doc: dict) -> dict:
    return engine.assess(doc)


def order(a: dict, code: str) -> dict:
    return next(o for o in a["orders"] if o["code"] == code)


def action(a: dict, code: str) -> dict | None:
    return next((x for x in a["actions"] if x["code"] == code), None)


def alert_codes(a: dict) -> set[str]:
    return {x["code"] for x in a["alerts"]}


def creatinine_for_crcl(target: float, age: int = 60, weight: float = 72, female=False) -> float:
    """Creatinine (mg/dL) that gives a Cockcroft-Gault clearance of `target` mL/min."""
    factor = 0.85 if female else 1.0
    return round((140 - age) * weight * factor / (72 * target), 6)


def exact_crcl(target: float) -> dict:
    """Edits giving a Cockcroft-Gault clearance of exactly `target` mL/min (60-year-old
    man, creatinine 4.0 mg/dL, weight 3.6 x target): the engine compares the exact value,
    so a boundary test must sit exactly on (or just beside) the boundary."""
    from decimal import Decimal
    return {"labs__creatinine__value": 4.0,
            "patient__weight_kg": float(Decimal(repr(float(target))) * Decimal("3.6"))}


def hours_before(hours: float) -> str:
    """An ISO time `hours` before the base case's assessed_at."""
    from datetime import datetime, timedelta
    t = datetime.fromisoformat(ASSESSED_AT) - timedelta(hours=hours)
    return t.isoformat(timespec="seconds")
