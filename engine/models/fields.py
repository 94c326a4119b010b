"""Field types for mscc-case/1: strict, three-state, no coercion, no defaults.

`None` always means "not assessed"; nothing here turns a missing value into a
negative, normal or zero one."""
from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Optional

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, StrictBool

from engine.units import fmt_number

_DATETIME_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

DATETIME_HINT = "an ISO-8601 date-time with a UTC offset, e.g. 2026-03-10T14:30:00+00:00"


MAX_SHOWN = 60


def _show(value: Any) -> str:
    """A value as quoted in an error message: one line, escaped, and short."""
    if value is None:
        return "null"
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=not is_utf8(value))
        return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + '..."'
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if abs(value) <= HUGE else f"a {len(str(abs(value)))}-digit number"
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "..."


MAX_OFFSET = timedelta(hours=14)      # the widest UTC offset in use (UTC+14, Kiribati)
YEARS = (1900, 2199)                  # any time outside is an entry error, never a date


def _iso_datetime(value: Any) -> datetime:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return _plausible_moment(value, _show(value.isoformat()))
    if not isinstance(value, str) or not _DATETIME_RE.match(value):
        raise ValueError(f"{_show(value)} is not {DATETIME_HINT}")
    if value.endswith("-00:00"):
        # RFC 3339: -00:00 means the offset is unknown, so the moment is unknown.
        raise ValueError(f"{_show(value)} has the offset -00:00 (\"offset unknown\"); give "
                         "the real offset, e.g. +00:00")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{_show(value)} is not a real date-time") from None
    return _plausible_moment(moment, _show(value))


def _plausible_moment(moment: datetime, shown: str) -> datetime:
    offset = moment.utcoffset()
    if offset is None or abs(offset) > MAX_OFFSET:
        raise ValueError(f"{shown} has a UTC offset beyond -14:00..+14:00")
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise ValueError(f"{shown} is not a plausible date-time (years {YEARS[0]}-{YEARS[1]})")
    return moment


def _iso_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise ValueError(f"{_show(value)} is not an ISO date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{_show(value)} is not a real date") from None


# Larger magnitudes are never plausible for any field; refusing them early keeps float
# conversion and formatting from overflowing.
HUGE = 10**12


def _finite_number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{_show(value)} is not a number")
    if isinstance(value, int) and abs(value) > HUGE:
        raise ValueError(f"{_show(value)} is far outside any plausible value")
    if not math.isfinite(value):
        raise ValueError(f"{_show(value)} is not a finite number")
    return float(value)


def _whole_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{_show(value)} is not a whole number")
    if abs(value) > HUGE:
        raise ValueError(f"{_show(value)} is far outside any plausible value")
    return value


def _bounded(lo: float, hi: float, unit: str, step: int | None = None):
    def check(value: float) -> float:
        if not lo <= value <= hi:
            raise ValueError(f"{fmt_number(value)}{unit} is outside the plausible range "
                             f"{fmt_number(lo)}-{fmt_number(hi)}{unit}")
        if step is not None and value % step:
            raise ValueError(f"{fmt_number(value)}{unit} is not a multiple of {step}")
        return value
    return AfterValidator(check)


def is_utf8(text: str) -> bool:
    """False for text holding lone surrogates (a JSON escape like \\ud800), which no file
    or printout can carry."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _non_empty(value: str) -> str:
    if not is_utf8(value):
        raise ValueError("contains an invalid character (an unpaired UTF-16 surrogate)")
    if not value.strip():
        raise ValueError("must not be empty")
    if len(value) > 200:
        raise ValueError(f"is {len(value)} characters long; at most 200 are allowed")
    return value


def Number(lo: float, hi: float, unit: str = ""):  # noqa: N802 - reads like a type
    """An optional finite number within a plausible range (unit named in errors)."""
    unit = f" {unit}" if unit else ""
    return Optional[Annotated[float, BeforeValidator(_finite_number), _bounded(lo, hi, unit)]]


def WholeNumber(lo: int, hi: int, step: int | None = None):  # noqa: N802
    return Optional[Annotated[int, BeforeValidator(_whole_number), _bounded(lo, hi, "", step)]]


TriBool = Optional[StrictBool]
DateTime = Annotated[datetime, BeforeValidator(_iso_datetime),
                     PlainSerializer(lambda d: d.isoformat(), return_type=str)]
Date = Annotated[date, BeforeValidator(_iso_date),
                 PlainSerializer(lambda d: d.isoformat(), return_type=str)]
Text = Annotated[str, AfterValidator(_non_empty)]
