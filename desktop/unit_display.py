"""The converted value shown beside a lab result. Conversion factors belong to the
engine (engine.units, one source of truth); this module only formats them. If the
value or unit is not valid, nothing is shown: the engine's message says why."""
from __future__ import annotations


# How a unit code of the case format is written on screen (the code is what is saved).
_SHOWN = {"umol/L": "µmol/L", "10^9/L": "×10⁹/L"}


def unit_label(unit: str) -> str:
    return _SHOWN.get(unit, unit)


def units_for(lab: str, fallback: list[str]) -> list[str]:
    try:
        from engine.units import ANALYTES

        return list(ANALYTES[lab].units)
    except (ImportError, AttributeError, KeyError):
        return fallback


def converted_text(lab: str, entry) -> str:
    if not isinstance(entry, dict):
        return ""
    value, unit = entry.get("value"), entry.get("unit")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    try:
        from engine.units import ANALYTES, exact, truncated
    except ImportError:
        return ""
    analyte = ANALYTES.get(lab)
    if analyte is None or unit not in analyte.units or len(analyte.units) < 2:
        return ""
    lo, hi = analyte.units[unit].plausible
    if not lo <= value <= hi:
        return ""
    canonical = exact(value) * analyte.units[unit].to_canonical
    others = [u for u in analyte.units if u != unit]
    # Cut, not rounded (the engine's rule): 12.02 mg/dL reads 2.99 mmol/L, not 3.
    parts = [f"{truncated(canonical / analyte.units[u].to_canonical, 2)} {unit_label(u)}"
             for u in others]
    return "= " + ", ".join(parts)
