"""Revised Tokuhashi score (Spine 2005;30:2186), 0-15. Context only: it never gates a
recommendation. Scored only when every input is known; primaries that the 2005 table
cannot place unambiguously (colorectal: colon 2 vs rectum 4; other GI sites; 'other')
leave it unscored rather than guessed."""
from __future__ import annotations

from typing import Optional

from engine.facts import Facts
from engine.thresholds import threshold

# Cut-offs (TOKUHASHI-2005), each written once: general condition by Karnofsky (poor
# 10-40%, moderate 50-70%, good 80-100%) and the total's survival bands.
KARNOFSKY_POOR = threshold("Karnofsky performance status", 40, "%", "at_most", "TOKUHASHI-2005")
KARNOFSKY_MODERATE = threshold("Karnofsky performance status", 70, "%", "at_most", "TOKUHASHI-2005")
UNDER_6_MONTHS = threshold("revised Tokuhashi score", 8, "", "at_most", "TOKUHASHI-2005")
UNDER_1_YEAR = threshold("revised Tokuhashi score", 11, "", "at_most", "TOKUHASHI-2005")
PRIMARY_POINTS = {
    "lung_nsclc": 0, "lung_sclc": 0, "unknown_primary": 1, "melanoma": 2,
    "myeloma": 2, "lymphoma": 2, "renal": 3, "thyroid": 5, "breast": 5, "prostate": 5,
}
EXTRASPINAL = {"3+": 0, "1-2": 1, "0": 2}
VERTEBRAL = {"3+": 0, "2": 1, "1": 2}
VISCERAL = {"unremovable": 0, "removable": 1, "none": 2}
PALSY = {"A": 0, "B": 0, "C": 1, "D": 1, "E": 2}


def karnofsky_points(kps: int) -> int:
    return 0 if KARNOFSKY_POOR.met_by(kps) else 1 if KARNOFSKY_MODERATE.met_by(kps) else 2


def band(total: int) -> str:
    if UNDER_6_MONTHS.met_by(total):
        return "predicted survival under 6 months"
    if UNDER_1_YEAR.met_by(total):
        return "predicted survival 6 months or more"
    return "predicted survival 1 year or more"


def tokuhashi(facts: Facts, frankel_grade: Optional[str]) -> tuple[Optional[dict], list[str]]:
    c = facts.cancer
    needed = {
        "cancer.karnofsky": c.karnofsky, "cancer.extraspinal_bone_metastases":
        c.extraspinal_bone_metastases, "cancer.vertebral_metastases": c.vertebral_metastases,
        "cancer.visceral_metastases": c.visceral_metastases, "cancer.primary": c.primary,
    }
    missing = [k for k, v in needed.items() if v is None]
    if frankel_grade is None:
        missing.append("neuro_exam.ambulation")
    if missing or c.primary not in PRIMARY_POINTS:
        return None, missing
    components = {
        "general_condition": karnofsky_points(c.karnofsky),
        "extraspinal_bone_metastases": EXTRASPINAL[c.extraspinal_bone_metastases],
        "vertebral_metastases": VERTEBRAL[c.vertebral_metastases],
        "visceral_metastases": VISCERAL[c.visceral_metastases],
        "primary_site": PRIMARY_POINTS[c.primary],
        "palsy": PALSY[frankel_grade],
    }
    total = sum(components.values())
    return {"total": total, "band": band(total), "components": components,
            "inputs": {**needed, "frankel": frankel_grade},
            "note": "Context only; traditional scores predict survival modestly."}, []
