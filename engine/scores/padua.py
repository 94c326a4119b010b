"""Padua Prediction Score (Barbar 2010) for VTE risk in medical inpatients; a total at or
above the high-risk cut-off is high risk. Several items are not in the case format, so it
is reported as a range. Context only: no rule decides on it."""
from __future__ import annotations

from typing import Optional

from engine.facts import Facts
from engine.thresholds import threshold

# Cut-offs (PADUA-2010), each written once.
HIGH_RISK = threshold("Padua score", 4, "", "at_least", "PADUA-2010")
RECENT_SURGERY = threshold("trauma or surgery", 30, "days", "within", "PADUA-2010")
OLDER_AGE = threshold("age", 70, "years", "at_least", "PADUA-2010")
# Points of each item (PADUA-2010): those the case holds, then those it does not.
POINTS = {"active_cancer": 3, "previous_vte": 3, "reduced_mobility": 3,
          "recent_trauma_or_surgery": 2, "age_70_or_more": 1, "heart_failure": 1}
NOT_IN_CASE = {"thrombophilia": 3, "acute_mi_or_stroke": 1, "acute_infection_or_rheumatological": 1,
               "obesity_bmi_30": 1, "hormonal_therapy": 1, "respiratory_failure": 1}
HIGH_RISK_FROM = HIGH_RISK.number


def padua(facts: Facts, reduced_mobility: Optional[bool]) -> dict:
    recent_surgery = None
    if facts.proc.spinal_surgery_at is not None:
        recent_surgery = RECENT_SURGERY.met_by(facts.now - facts.proc.spinal_surgery_at)
    primary = facts.cancer.primary
    active_cancer = None if primary is None else primary != "none_known"
    found = {
        "active_cancer": active_cancer,
        "previous_vte": facts.hist.previous_vte,
        "reduced_mobility": reduced_mobility,
        "recent_trauma_or_surgery": recent_surgery,
        "age_70_or_more": None if facts.age_years is None else OLDER_AGE.met_by(facts.age_years),
        "heart_failure": facts.hist.heart_failure,
    }
    known = {name: (POINTS[name], present) for name, present in found.items()}
    items = {name: {"points": pts, "present": present} for name, (pts, present) in known.items()}
    total_min = sum(pts for pts, present in known.values() if present)
    total_max = total_min + sum(pts for pts, present in known.values() if present is None)
    total_max += sum(NOT_IN_CASE.values())
    return {"total_min": total_min, "total_max": total_max,
            "high_risk": True if HIGH_RISK.met_by(total_min) else
            (False if not HIGH_RISK.met_by(total_max) else None),
            "items": items, "not_in_case": sorted(NOT_IN_CASE),
            "note": "Context only; thromboprophylaxis follows the rules, not this score."}
