"""Clinical limits as typed values: each is declared once, on the line that holds its
number, and every text that states it (criteria, reasons, PDF and screen lines) is
generated from the declaration, so a changed value changes every sentence with it.

    PLATELETS_HOLD = threshold("platelets", 50, "x10^9/L", "below", "SPC-ENOXAPARIN")

`defined_at` is the file and line of that call (`mscc-pathway rules --json` prints it);
tests/test_rule_declarations.py checks that the line really holds the value."""
from __future__ import annotations

import operator
import sys
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

from engine.units import exact

# comparison -> (test applied as `value <op> limit`, words placed before the limit)
COMPARISONS = {
    "below": (operator.lt, "below"),
    "above": (operator.gt, "above"),
    "at_least": (operator.ge, "at least"),
    "at_most": (operator.le, "at most"),
    "within": (operator.le, "within"),        # a time: at most this long
    "older_than": (operator.gt, "older than"),  # a time: more than this long ago
}
# Units of time: a threshold in one of these compares durations.
TIME_UNITS = {"min": timedelta(minutes=1), "h": timedelta(hours=1), "days": timedelta(days=1)}
# Units written straight after the number ("5%"), every other unit after a space.
UNSPACED = ("%",)
_ENGINE_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Quantity:
    """A declared clinical number that is not compared with anything: a dose, a rate,
    a count of days. Its text is generated the same way as a threshold's."""
    name: str
    value: Fraction
    written: str
    unit: str
    source: str
    defined_at: str

    @property
    def limit(self) -> str:
        """The value with its unit, as printed: '50 x10^9/L', '1.5', '24 h'."""
        if not self.unit:
            return self.written
        return self.written + ("" if self.unit in UNSPACED else " ") + self.unit

    @property
    def number(self) -> int | float:
        """The value as a JSON number (an int when it is whole)."""
        return int(self.value) if self.value.denominator == 1 else float(self.value)

    @property
    def duration(self) -> timedelta:
        if self.unit not in TIME_UNITS:
            raise ValueError(f"{self.name} is in {self.unit!r}, not a time")
        return TIME_UNITS[self.unit] * self.number

    @property
    def text(self) -> str:
        """'enoxaparin prophylactic dose 40 mg'"""
        return f"{self.name} {self.limit}"

    def __str__(self) -> str:
        return self.limit

    def as_dict(self) -> dict:
        return {"name": self.name, "value": self.number, "unit": self.unit,
                "source": self.source, "defined_at": self.defined_at, "text": self.text}


@dataclass(frozen=True)
class Threshold(Quantity):
    comparison: str = "below"

    @property
    def phrase(self) -> str:
        """'below 50 x10^9/L'"""
        return f"{COMPARISONS[self.comparison][1]} {self.limit}"

    @property
    def text(self) -> str:
        """'platelets below 50 x10^9/L'"""
        return f"{self.name} {self.phrase}"

    def met_by(self, observed) -> bool:
        """True when `observed` (a number or, for a time unit, a timedelta) lies on the
        side of the limit this threshold names. Compared exactly: 49.99 is below 50."""
        test = COMPARISONS[self.comparison][0]
        if isinstance(observed, timedelta):
            return test(observed, self.duration)
        return test(exact(observed), self.value)

    def as_dict(self) -> dict:
        return {**super().as_dict(), "comparison": self.comparison}


def declared_at(depth: int = 2) -> str:
    """'engine/rules/x.py:48': the line of the declaration `depth` frames up (the caller of
    threshold(), quantity() or decision_tables.row())."""
    frame = sys._getframe(depth)
    path = Path(frame.f_code.co_filename)
    try:
        path = path.resolve().relative_to(_ENGINE_ROOT)
    except ValueError:  # a frozen bundle: keep the name it was built from
        pass
    return f"{path.as_posix()}:{frame.f_lineno}"


def _value(value: int | float | str) -> tuple[Fraction, str]:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(f"a threshold is a number, not {value!r}")
    return exact(value), str(value)


def threshold(name: str, value: int | float | str, unit: str, comparison: str,
              source: str) -> Threshold:
    """Declare a limit; write the whole call on one line (its line is `defined_at`)."""
    if comparison not in COMPARISONS:
        raise ValueError(f"unknown comparison {comparison!r}")
    number, written = _value(value)
    return Threshold(name, number, written, unit, source, declared_at(), comparison)


def quantity(name: str, value: int | float | str, unit: str, source: str) -> Quantity:
    """Declare a dose or other fixed number; one line, like threshold()."""
    number, written = _value(value)
    return Quantity(name, number, written, unit, source, declared_at())


def band(low: Quantity, high: Quantity) -> str:
    """'15-30 mL/min' from two declarations in the same unit."""
    if low.unit != high.unit:
        raise ValueError(f"{low.name} and {high.name} are in different units")
    return f"{low.written}-{high.limit}"
