"""Padua Prediction Score (Barbar 2010) for VTE risk in medical inpatients; >= 4 is high
risk. Several items are not in the case format, so it is reported as a range."""
from __future__ import annotations

from datetime import timedelta
from typing import Optional

from engine.facts import Facts

HIGH_RISK_FROM = 4
NOT_IN_CASE = {"thrombophilia": 3, "acute_mi_or_stroke": 1, "acute_infection_or_rheumatological": 1,
               "obesity_bmi_30": 1, "hormonal_therapy": 1, "respiratory_failure": 1}


def padua(facts: Facts, reduced_mobility: Optional[bool]) -> dict:
    recent_surgery = None
    if facts.proc.spinal_surgery_at is not None:
        recent_surgery = facts.now - facts.proc.spinal_surgery_at <= timedelta(days=30)
    primary = facts.cancer.primary
    active_cancer = None if primary is None else primary != "none_known"
    known = {
        "active_cancer": (3, active_cancer),
        "previous_vte": (3, facts.hist.previous_vte),
        "reduced_mobility": (3, reduced_mobility),
        "recent_trauma_or_surgery": (2, recent_surgery),
        "age_70_or_more": (1, None if facts.age_years is None else facts.age_years >= 70),
        "heart_failure": (1, facts.hist.heart_failure),
    }
    items = {name: {"points": pts, "present": present} for name, (pts, present) in known.items()}
    total_min = sum(pts for pts, present in known.values() if present)
    total_max = total_min + sum(pts for pts, present in known.values() if present is None)
    total_max += sum(NOT_IN_CASE.values())
    return {"total_min": total_min, "total_max": total_max,
            "high_risk": True if total_min >= HIGH_RISK_FROM else
            (False if total_max < HIGH_RISK_FROM else None),
            "items": items, "not_in_case": sorted(NOT_IN_CASE),
            "note": "Context only; thromboprophylaxis follows the rules, not this score."}
