"""Corrected calcium (Payne 1973) and its severity band (ES-HCM-2023 bands in mmol/L).

Payne is applied in the unit the calcium was reported in (mg/dL: Ca + 0.8 x (4.0 -
albumin g/dL); mmol/L: Ca + 0.02 x (40 - albumin g/L)), as clinical-rules.md section 8
writes it, then converted exactly to mmol/L (divide by 4.008). The band is taken on
that exact value, never on a rounded one (section 0): 2.999 mmol/L is mild. The values
shown to people are cut toward zero (`mmol_per_l_text`), so 2.999 reads 2.99, never
3.00."""
from __future__ import annotations

from fractions import Fraction
from typing import Optional

from engine.facts import Facts
from engine.thresholds import threshold
from engine.units import CALCIUM_MG_PER_MMOL, truncated

# Severity bands of corrected calcium (ES-HCM-2023), each lower limit written once:
# normal below mild; mild up to moderate; moderate up to severe; severe and above.
MILD = threshold("corrected calcium", "2.60", "mmol/L", "at_least", "ES-HCM-2023")
MODERATE = threshold("corrected calcium", "3.00", "mmol/L", "at_least", "ES-HCM-2023")
SEVERE = threshold("corrected calcium", "3.50", "mmol/L", "at_least", "ES-HCM-2023")
BANDS = (("severe", SEVERE), ("moderate", MODERATE), ("mild", MILD))
# The same limits as exact numbers (tests/test_rules_v2.py).
MILD_FROM, MODERATE_FROM, SEVERE_FROM = MILD.value, MODERATE.value, SEVERE.value
PAYNE_MMOL = (Fraction("0.02"), 40)       # Ca + 0.02 x (40 - albumin g/L)
PAYNE_MG = (Fraction("0.8"), Fraction(4))  # Ca + 0.8 x (4.0 - albumin g/dL)
MMOL_DECIMALS, MG_DECIMALS = 2, 2


def severity(mmol_per_l: Fraction | float) -> str:
    """Bands a <= value < b, on the exact value."""
    for name, lower in BANDS:
        if lower.met_by(mmol_per_l):
            return name
    return "normal"


def _payne(facts: Facts) -> Fraction:
    """Corrected calcium in mmol/L from a fresh calcium and albumin, in the calcium's unit."""
    calcium, albumin = facts.labs["calcium"], facts.fresh_exact("albumin")  # albumin in g/L
    if calcium.unit == "mg/dL":
        factor, reference = PAYNE_MG
        corrected_mg = calcium.exact * CALCIUM_MG_PER_MMOL + factor * (reference - albumin / 10)
        return corrected_mg / CALCIUM_MG_PER_MMOL
    factor, reference = PAYNE_MMOL
    return calcium.exact + factor * (reference - albumin)


def corrected_calcium(facts: Facts) -> Optional[dict]:
    """None when there is no fresh calcium or adjusted calcium. Stale values count as
    missing: a stale adjusted value falls back to a fresh calcium with albumin, etc."""
    adjusted = facts.fresh_exact("adjusted_calcium")
    calcium = facts.fresh_exact("calcium")
    albumin = facts.fresh_exact("albumin")
    if adjusted is not None:
        value, method = adjusted, "laboratory_adjusted"
        inputs = {"adjusted_calcium_mmol_l": float(adjusted)}
    elif calcium is not None and albumin is not None:
        value, method = _payne(facts), "payne_albumin"
        inputs = {"calcium_mmol_l": float(calcium), "albumin_g_l": float(albumin)}
    elif calcium is not None:
        value, method = calcium, "uncorrected"
        inputs = {"calcium_mmol_l": float(calcium), "albumin_g_l": None}
    else:
        return None
    mg = value * CALCIUM_MG_PER_MMOL
    return {"mmol_per_l": float(value), "mg_per_dl": float(mg),
            "mmol_per_l_text": truncated(value, MMOL_DECIMALS),
            "mg_per_dl_text": truncated(mg, MG_DECIMALS),
            "severity": severity(value), "method": method,
            "complete": method != "uncorrected", "inputs": inputs,
            "bands_mmol_l": {"mild": float(MILD.value), "moderate": float(MODERATE.value),
                             "severe": float(SEVERE.value)}}
