"""Lab units, plausible ranges and conversions (mscc-case/1).

Every computation uses one canonical unit per analyte, so the same quantity entered
in either listed unit gives the same assessment. Converted values are rounded to 6
decimal places to absorb floating-point noise from the round trip."""
from __future__ import annotations

from dataclasses import dataclass

CALCIUM_MG_PER_MMOL = 4.008     # mg/dL per mmol/L (Ca 40.08 g/mol)
CREATININE_UMOL_PER_MG = 88.4   # umol/L per mg/dL
GLUCOSE_MG_PER_MMOL = 18.016    # mg/dL per mmol/L (glucose 180.16 g/mol)


@dataclass(frozen=True)
class UnitSpec:
    plausible: tuple[float, float]
    to_canonical: float  # multiply a value in this unit by this to get the canonical unit


@dataclass(frozen=True)
class Analyte:
    label: str
    canonical: str
    units: dict[str, UnitSpec]


ANALYTES: dict[str, Analyte] = {
    "calcium": Analyte("calcium", "mmol/L", {
        "mmol/L": UnitSpec((0.5, 6.0), 1.0),
        "mg/dL": UnitSpec((2, 24), 1 / CALCIUM_MG_PER_MMOL)}),
    "adjusted_calcium": Analyte("adjusted calcium", "mmol/L", {
        "mmol/L": UnitSpec((0.5, 6.0), 1.0),
        "mg/dL": UnitSpec((2, 24), 1 / CALCIUM_MG_PER_MMOL)}),
    "albumin": Analyte("albumin", "g/L", {
        "g/L": UnitSpec((5, 70), 1.0),
        "g/dL": UnitSpec((0.5, 7), 10.0)}),
    "creatinine": Analyte("creatinine", "mg/dL", {
        "umol/L": UnitSpec((10, 2500), 1 / CREATININE_UMOL_PER_MG),
        "mg/dL": UnitSpec((0.1, 28), 1.0)}),
    "platelets": Analyte("platelet count", "10^9/L", {
        "10^9/L": UnitSpec((0, 2000), 1.0)}),
    "inr": Analyte("INR", "ratio", {
        "ratio": UnitSpec((0.5, 15), 1.0)}),
    "haemoglobin": Analyte("haemoglobin", "g/L", {
        "g/L": UnitSpec((20, 250), 1.0),
        "g/dL": UnitSpec((2, 25), 10.0)}),
    "glucose": Analyte("glucose", "mmol/L", {
        "mmol/L": UnitSpec((0.5, 60), 1.0),
        "mg/dL": UnitSpec((9, 1100), 1 / GLUCOSE_MG_PER_MMOL)}),
}


def to_canonical(analyte: str, value: float, unit: str) -> float:
    """The value in the analyte's canonical unit."""
    return round(value * ANALYTES[analyte].units[unit].to_canonical, 6)


def fmt_number(x: float) -> str:
    """A number as a clinician would write it: no trailing zeros, no exponent."""
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def range_text(analyte: str, unit: str) -> str:
    lo, hi = ANALYTES[analyte].units[unit].plausible
    return f"{fmt_number(lo)}-{fmt_number(hi)} {unit}"


def implausibility(analyte: str, value: float, unit: str) -> str | None:
    """None if plausible; otherwise a message naming value, unit, range and, where
    another listed unit would make the value plausible, that unit."""
    spec = ANALYTES[analyte]
    lo, hi = spec.units[unit].plausible
    if lo <= value <= hi:
        return None
    message = (f"{fmt_number(value)} {unit} is not a plausible {spec.label} "
               f"(plausible range {range_text(analyte, unit)})")
    others = [u for u, s in spec.units.items()
              if u != unit and s.plausible[0] <= value <= s.plausible[1]]
    if others:
        message += f"; {fmt_number(value)} {others[0]} would be plausible: did you mean {others[0]}?"
    return message
