"""Values derived from a case before any rule runs: sections with every field present
(None = not assessed), age, lab values in canonical units with their staleness, and
Cockcroft-Gault creatinine clearance. Pure functions of the case; no clock."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction
from typing import Optional

from engine.models import case as m
from engine.thresholds import threshold
from engine.units import ANALYTES, exact, to_canonical_exact, truncated

# Section 0: a result sampled longer ago than this before assessed_at counts as unknown.
STALE = threshold("result", 72, "h", "older_than", "NICE-NG234-SUPPORTIVE")
STALE_AFTER = STALE.duration


@dataclass(frozen=True)
class LabReading:
    name: str
    value: float
    unit: str
    canonical: float
    exact: Fraction          # the canonical value, exactly: what thresholds compare
    canonical_unit: str
    sampled_at: object
    stale: bool
    age_hours: float         # cut to 0.1 h, never rounded up onto a limit

    def describe(self) -> str:
        return f"{self.value:g} {self.unit}"


@dataclass(frozen=True)
class CreatinineClearance:
    ml_per_min: Optional[float]
    inputs: dict
    missing: tuple[str, ...]
    stale: bool
    exact: Optional[Fraction] = None   # what every threshold compares

    @property
    def text(self) -> str:
        """For people: cut to 0.1 mL/min (29.98 shows as 29.9, never 30.0)."""
        return "" if self.exact is None else truncated(self.exact, 1)


class Facts:
    def __init__(self, case: m.Case):
        self.case = case
        self.now = case.assessed_at
        self.patient = case.patient
        self.cancer = case.cancer or m.Cancer()
        self.pres = case.presentation or m.Presentation()
        self.exam = case.neuro_exam or m.NeuroExam()
        self.mrc = self.exam.mrc_power or m.MrcPower()
        self.studies: list[m.Study] = list(case.imaging or [])
        self.meds = case.medications or m.Medications()
        self.hist = case.history or m.History()
        self.proc = case.procedures or m.Procedures()
        self.labs = self._read_labs(case.labs or m.Labs())
        self.age_years = self._age()
        self.crcl = self._creatinine_clearance()

    # --- labs ----------------------------------------------------------------------
    def _read_labs(self, labs: m.Labs) -> dict[str, LabReading]:
        out = {}
        for name in ANALYTES:
            lab = getattr(labs, name)
            if lab is None:
                continue
            age = self.now - lab.sampled_at
            value = to_canonical_exact(name, lab.value, lab.unit)
            out[name] = LabReading(
                name=name, value=lab.value, unit=lab.unit, canonical=float(value),
                exact=value, canonical_unit=ANALYTES[name].canonical,
                sampled_at=lab.sampled_at, stale=STALE.met_by(age),
                age_hours=math.floor(age / timedelta(minutes=6)) / 10)
        return out

    def fresh(self, name: str) -> Optional[float]:
        """Canonical value of a lab that is present and not stale; else None (unknown)."""
        reading = self.labs.get(name)
        return None if reading is None or reading.stale else reading.canonical

    def fresh_exact(self, name: str) -> Optional[Fraction]:
        """Like fresh(), exactly: for values compared with a threshold."""
        reading = self.labs.get(name)
        return None if reading is None or reading.stale else reading.exact

    def stale(self, name: str) -> bool:
        reading = self.labs.get(name)
        return reading is not None and reading.stale

    # --- demographics ---------------------------------------------------------------
    def _age(self) -> Optional[int]:
        dob = self.patient.date_of_birth
        if dob is None:
            return None
        today = self.now.date()
        return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))

    def _creatinine_clearance(self) -> CreatinineClearance:
        """Cockcroft-Gault: (140 - age) x weight / (72 x creatinine mg/dL), x0.85 for
        women; actual body weight. Computed exactly and never rounded before a
        threshold (29.98 mL/min is below 30). Unknown when any input is unknown or the
        creatinine is stale."""
        creat = self.labs.get("creatinine")
        inputs = {"age_years": self.age_years, "sex": self.patient.sex,
                  "weight_kg": self.patient.weight_kg,
                  "creatinine_mg_dl": creat.canonical if creat else None,
                  "creatinine_stale": creat.stale if creat else None}
        missing = tuple(path for path, value in (
            ("patient.date_of_birth", self.age_years), ("patient.sex", self.patient.sex),
            ("patient.weight_kg", self.patient.weight_kg),
            ("labs.creatinine", creat)) if value is None)
        stale = bool(creat and creat.stale)
        if missing or stale:
            return CreatinineClearance(None, inputs, missing + (("labs.creatinine",) if stale else ()), stale)
        value = (140 - self.age_years) * exact(self.patient.weight_kg) / (72 * creat.exact)
        if self.patient.sex == "female":
            value *= Fraction(85, 100)
        value = max(value, Fraction(0))
        return CreatinineClearance(float(value), inputs, (), False, value)
