"""Lab units, plausible ranges and conversions (mscc-case/1).

Every computation uses one canonical unit per analyte. Conversions are exact: a value
is read as the decimal that was written (Fraction of its shortest repr) and multiplied
by an exact rational factor, so a threshold is never crossed by floating-point noise or
by rounding (clinical-rules.md section 0, exact boundaries). Displayed values are
truncated toward zero (`truncated`), so a shown value never sits on the other side of
the threshold it was judged against."""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

CALCIUM_MG_PER_MMOL = Fraction("4.008")     # mg/dL per mmol/L (Ca 40.08 g/mol)
CREATININE_UMOL_PER_MG = Fraction("88.4")   # umol/L per mg/dL
GLUCOSE_MG_PER_MMOL = Fraction("18.016")    # mg/dL per mmol/L (glucose 180.16 g/mol)


@dataclass(frozen=True)
class UnitSpec:
    plausible: tuple[float, float]
    to_canonical: Fraction  # multiply a value in this unit by this to get the canonical unit


@dataclass(frozen=True)
class Analyte:
    label: str
    canonical: str
    units: dict[str, UnitSpec]


ANALYTES: dict[str, Analyte] = {
    "calcium": Analyte("calcium", "mmol/L", {
        "mmol/L": UnitSpec((0.5, 6.0), Fraction(1)),
        "mg/dL": UnitSpec((2, 24), 1 / CALCIUM_MG_PER_MMOL)}),
    "adjusted_calcium": Analyte("adjusted calcium", "mmol/L", {
        "mmol/L": UnitSpec((0.5, 6.0), Fraction(1)),
        "mg/dL": UnitSpec((2, 24), 1 / CALCIUM_MG_PER_MMOL)}),
    "albumin": Analyte("albumin", "g/L", {
        "g/L": UnitSpec((5, 70), Fraction(1)),
        "g/dL": UnitSpec((0.5, 7), Fraction(10))}),
    "creatinine": Analyte("creatinine", "mg/dL", {
        "umol/L": UnitSpec((10, 2500), 1 / CREATININE_UMOL_PER_MG),
        "mg/dL": UnitSpec((0.1, 28), Fraction(1))}),
    "platelets": Analyte("platelet count", "10^9/L", {
        "10^9/L": UnitSpec((0, 2000), Fraction(1))}),
    "inr": Analyte("INR", "ratio", {
        "ratio": UnitSpec((0.5, 15), Fraction(1))}),
    "haemoglobin": Analyte("haemoglobin", "g/L", {
        "g/L": UnitSpec((20, 250), Fraction(1)),
        "g/dL": UnitSpec((2, 25), Fraction(10))}),
    "glucose": Analyte("glucose", "mmol/L", {
        "mmol/L": UnitSpec((0.5, 60), Fraction(1)),
        "mg/dL": UnitSpec((9, 1100), 1 / GLUCOSE_MG_PER_MMOL)}),
}


def exact(value: float | int | Fraction) -> Fraction:
    """The decimal that was written: 2.6 is 13/5, not the nearest binary float."""
    if isinstance(value, Fraction):
        return value
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def to_canonical_exact(analyte: str, value: float, unit: str) -> Fraction:
    """The value in the analyte's canonical unit, exactly."""
    return exact(value) * ANALYTES[analyte].units[unit].to_canonical


def to_canonical(analyte: str, value: float, unit: str) -> float:
    """The value in the analyte's canonical unit (nearest float of the exact value)."""
    return float(to_canonical_exact(analyte, value, unit))


def truncated(value: float | Fraction, decimals: int) -> str:
    """`value` cut (not rounded) to `decimals` places, toward zero: 29.98 -> '29.9',
    2.999 -> '2.99'. A display never crosses a threshold the value did not cross."""
    scale = 10 ** decimals
    n = math.trunc(exact(value) * scale)
    whole, part = divmod(abs(n), scale)
    sign = "-" if n < 0 else ""
    return f"{sign}{whole}" + (f".{part:0{decimals}d}" if decimals else "")


# How a unit code of mscc-case/1 is written for a reader (the code is what is saved).
UNIT_TEXT = {"umol/L": "µmol/L", "10^9/L": "×10⁹/L"}


def unit_text(unit: str) -> str:
    return UNIT_TEXT.get(unit, unit)


def conversions(analyte: str, value: object, unit: object,
                decimals: int = 2) -> list[tuple[str, str]]:
    """`value` in each other unit of the analyte, cut (not rounded) like every shown
    value: calcium 12.02 mg/dL -> [('2.99', 'mmol/L')], never 3. Empty when there is
    nothing honest to show: an unknown analyte or unit, a single-unit analyte, or a
    value outside the unit's plausible range (the validation message says why)."""
    spec = ANALYTES.get(analyte)
    if (spec is None or unit not in spec.units or len(spec.units) < 2
            or isinstance(value, bool) or not isinstance(value, (int, float))):
        return []
    lo, hi = spec.units[unit].plausible
    if not lo <= value <= hi:
        return []
    canonical = exact(value) * spec.units[unit].to_canonical
    return [(truncated(canonical / other.to_canonical, decimals), code)
            for code, other in spec.units.items() if code != unit]


def fmt_number(x: float) -> str:
    """A number as a clinician would write it: no trailing zeros, no exponent."""
    text = f"{float(x):.6f}".rstrip("0").rstrip(".")
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
