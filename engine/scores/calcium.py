"""Corrected calcium (Payne 1973) and its severity band (ES-HCM-2023 bands in mmol/L).

Computed in SI units (Ca + 0.02 x (40 - albumin g/L)) whatever units were entered, so
that either unit gives the same result; the conventional form
Ca + 0.8 x (4.0 - albumin g/dL) differs by at most 0.2% of the correction. The band
is taken on the value rounded to 2 decimals, the value shown to the clinician."""
from __future__ import annotations

from typing import Optional

from engine.facts import Facts
from engine.units import CALCIUM_MG_PER_MMOL

MILD_FROM, MODERATE_FROM, SEVERE_FROM = 2.60, 3.00, 3.50  # mmol/L, a <= value < b


def severity(mmol_per_l: float) -> str:
    if mmol_per_l >= SEVERE_FROM:
        return "severe"
    if mmol_per_l >= MODERATE_FROM:
        return "moderate"
    if mmol_per_l >= MILD_FROM:
        return "mild"
    return "normal"


def corrected_calcium(facts: Facts) -> Optional[dict]:
    """None when there is no fresh calcium or adjusted calcium. Stale values count as
    missing: a stale adjusted value falls back to a fresh calcium with albumin, etc."""
    adjusted = facts.fresh("adjusted_calcium")
    calcium = facts.fresh("calcium")
    albumin = facts.fresh("albumin")
    if adjusted is not None:
        value, method = adjusted, "laboratory_adjusted"
        inputs = {"adjusted_calcium_mmol_l": adjusted}
    elif calcium is not None and albumin is not None:
        value, method = calcium + 0.02 * (40 - albumin), "payne_albumin"
        inputs = {"calcium_mmol_l": calcium, "albumin_g_l": albumin}
    elif calcium is not None:
        value, method = calcium, "uncorrected"
        inputs = {"calcium_mmol_l": calcium, "albumin_g_l": None}
    else:
        return None
    mmol = round(value, 2)
    return {"mmol_per_l": mmol, "mg_per_dl": round(value * CALCIUM_MG_PER_MMOL, 2),
            "severity": severity(mmol), "method": method,
            "complete": method != "uncorrected", "inputs": inputs,
            "bands_mmol_l": {"mild": MILD_FROM, "moderate": MODERATE_FROM,
                             "severe": SEVERE_FROM}}
