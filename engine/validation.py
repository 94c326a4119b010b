"""Turning a JSON document into a Case, or into a list of problems a clinician can act on.

Each problem names the field path (dots, list indices as numbers), the value, and
what would be accepted. Nothing is coerced or dropped."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from engine.models.case import Case
from engine.models.fields import _show, is_utf8


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class CaseError(ValueError):
    """The document is not a valid mscc-case/1; `problems` says why, field by field."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


MIN_AGE, MAX_AGE = 16, 120
EARLIEST, LATEST = date(2000, 1, 1), date(2199, 12, 31)


def parse_case(data: Any) -> Case:
    """Validate a decoded JSON document; raise CaseError listing every problem."""
    if not isinstance(data, dict):
        raise CaseError([Problem("", f"the case must be a JSON object, not {_kind(data)}")])
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        raise CaseError(_problems_from(exc, data)) from None
    problems = _time_problems(case)
    if problems:
        raise CaseError(problems)
    return case


def read_case_file(path: str | Path) -> Case:
    """Read and validate a case file through the one guarded reader (engine.case_reader:
    section 11 input limits first); file-level failures become a single Problem."""
    from engine.case_reader import read_case

    return read_case(path)


def read_json_file(path: str | Path) -> Any:
    from engine.case_reader import load_json_bytes, read_bytes

    return load_json_bytes(read_bytes(path), str(path))


def decode_json(raw: bytes, name: str = "the case") -> Any:
    from engine.case_reader import load_json_bytes

    return load_json_bytes(raw, name)


def _kind(value: Any) -> str:
    return {list: "a list", dict: "an object", str: "text", bool: "true/false",
            type(None): "null", int: "a number", float: "a number"}.get(type(value),
                                                                          type(value).__name__)


# --- pydantic errors -> problems -------------------------------------------------

def _problems_from(exc: ValidationError, data: dict) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = list(err["loc"])
        kind = err["type"]
        if kind == "implausible_lab":
            loc.append("value")
        path = ".".join(_path_part(p) for p in loc)
        problems.append(Problem(path, _message(err, loc)))
    # One line per field, in document order of discovery.
    seen: set[tuple[str, str]] = set()
    unique = []
    for p in problems:
        if (p.path, p.message) not in seen:
            seen.add((p.path, p.message))
            unique.append(p)
    return unique


def _path_part(part: Any) -> str:
    """A path segment on one line: an unknown key with control characters is escaped."""
    if isinstance(part, int):
        return str(part)
    text = str(part)
    # Quote keys that could not be read back as one path segment: empty, or holding a
    # separator (".", ":"), whitespace, control characters or invalid UTF-16.
    if not text or any(c in ".:" or c.isspace() or ord(c) < 32 for c in text) \
            or not is_utf8(text):
        return json.dumps(text)
    return text


def _message(err: dict, loc: list) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(loc[:-1])
        return (f"unknown field (a typo would otherwise be ignored); allowed here: "
                f"{', '.join(allowed)}") if allowed else "unknown field"
    if kind in ("bool_type", "bool_parsing"):
        return (f"{_show(value)} is not a yes/no answer; use true, false, or null "
                "(not assessed); strings and numbers are not accepted")
    if kind in ("literal_error", "enum"):
        if loc and loc[-1] == "format":
            return f"{_show(value)} is not a supported format; this version reads \"mscc-case/1\""
        expected = err.get("ctx", {}).get("expected", "").replace("'", '"')
        return f"{_show(value)} is not one of: {expected}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected an object, got {_kind(value)}"
    if kind == "list_type":
        return f"expected a list, got {_kind(value)}"
    if kind == "string_type":
        return f"{_show(value)} is not text"
    if kind in ("value_error", "implausible_lab", "assertion_error"):
        msg = err["msg"]
        return msg.removeprefix("Value error, ")
    return err["msg"]


def _allowed_fields(loc: list) -> list[str]:
    model: Any = Case
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return []
        model = _model_in(field.annotation)
        if model is None:
            return []
    return list(getattr(model, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is not None or get_args(annotation):
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


# --- cross-field checks -------------------------------------------------------------

def _time_problems(case: Case) -> list[Problem]:
    """Every time in a case describes the past; the age must be an adult's."""
    now = case.assessed_at
    problems = []
    if not EARLIEST <= now.date() <= LATEST:  # the date as written, as the message shows it
        problems.append(Problem("assessed_at", f"{now.isoformat()} is not a plausible "
                                f"assessment time (years {EARLIEST.year}-{LATEST.year})"))
        return problems
    for path, value in _walk(case, "", []):
        if isinstance(value, datetime) and path != "assessed_at" and value > now:
            problems.append(Problem(path, f"{value.isoformat()} is after assessed_at "
                                          f"{now.isoformat()}; times in a case describe the past"))
    problems += _serial_exam_problems(case)
    dob = case.patient.date_of_birth
    if dob is not None:
        today = now.date()
        age = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
        if dob > today:
            problems.append(Problem("patient.date_of_birth",
                                    f"{dob.isoformat()} is after assessed_at"))
        elif not MIN_AGE <= age <= MAX_AGE:
            problems.append(Problem("patient.date_of_birth",
                                    f"{dob.isoformat()} gives an age of {age} at assessed_at; "
                                    f"the rules are for adults aged {MIN_AGE}-{MAX_AGE}"))
    return problems


def _serial_exam_problems(case: Case) -> list[Problem]:
    """Earlier examinations come before the latest one (neuro_exam), which then needs
    its own time: a trend between undated examinations would be a guess."""
    earlier = case.earlier_neuro_exams or []
    if not earlier:
        return []
    latest = case.neuro_exam.examined_at if case.neuro_exam else None
    if latest is None:
        return [Problem("neuro_exam.examined_at", "the latest examination needs its time when "
                        "earlier examinations are recorded (to compare them in order)")]
    return [Problem(f"earlier_neuro_exams.{i}.examined_at",
                    f"{exam.examined_at.isoformat()} is not before the latest examination "
                    f"({latest.isoformat()}); the latest belongs in neuro_exam")
            for i, exam in enumerate(earlier) if exam.examined_at >= latest]


_LEAVES = (str, int, float, bool)  # hold no date: not descended into
_NO_DATE_TYPES = (str, int, float, bool, type(None))
_DATED_FIELDS: dict[type, tuple[str, ...]] = {}


def _may_hold_date(annotation: Any) -> bool:
    """False only when the type can certainly not hold a date: plain values, Literal
    choices, and models without dated fields. Anything unknown counts as dated."""
    if isinstance(annotation, type):
        if issubclass(annotation, (datetime, date)):
            return True
        if issubclass(annotation, BaseModel):
            return bool(_dated_fields(annotation))
        if issubclass(annotation, _NO_DATE_TYPES):
            return False
    origin = get_origin(annotation)
    if origin is Literal:
        return False
    args = get_args(annotation)
    if origin is Annotated:
        args = args[:1]  # the type; the rest are validators
    if origin is None or not args:
        return True
    return any(_may_hold_date(a) for a in args)


def _dated_fields(model: type) -> tuple[str, ...]:
    """The fields of a model class that can hold a date or date-time, in field order
    (computed once per class)."""
    found = _DATED_FIELDS.get(model)
    if found is None:
        _DATED_FIELDS[model] = ()  # a model that contains itself ends here
        found = tuple(name for name, info in model.model_fields.items()
                      if _may_hold_date(info.annotation))
        _DATED_FIELDS[model] = found
    return found


def _walk(value: Any, path: str, found: list) -> list[tuple[str, date]]:
    """(path, value) of every date and date-time in a model tree, in field order.
    Runs on every evaluation, so it visits only the fields whose type can hold a date,
    appends to one list instead of chaining generators, and skips None and plain values
    without a call (bench/README.md)."""
    if isinstance(value, BaseModel):
        prefix = f"{path}." if path else ""
        for name in _dated_fields(type(value)):
            child = getattr(value, name)
            if child is not None and type(child) not in _LEAVES:
                _walk(child, prefix + name, found)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if item is not None and type(item) not in _LEAVES:
                _walk(item, f"{path}.{i}", found)
    elif isinstance(value, (datetime, date)):
        found.append((path, value))
    return found
