"""Partial evaluation: assess what is valid, name what is not.

A field that is invalid or unfinished (a weight typed "6,5kg", a lab value without its
unit, an exam time after the assessment time) is treated as missing: it is taken out
of the case, named in `invalid_inputs` (path, the field's on-screen label, the value as
entered and the reason in plain words) and the rest of the case is assessed as usual.
The recommendation is then never better informed than the valid inputs allow: a
missing input is "unknown", and the rules already choose the safer option for unknown.

What is taken out is the smallest part that makes the case valid: the field itself, or
where the field is required by its object (a lab's unit, a lesion's level) the object
(the lab result, the lesion). When a field the whole case needs is invalid (the
assessment time, the dose conventions, the hospital number) nothing can be assessed
and CaseError is raised as by `parse_case`.

`assess_partial(data)` returns the assessment dict with two more keys:
`invalid_inputs` (list, empty when the case is valid) and `partial` (true when any
input was left out); `complete` is false while any input is invalid. Plain
`engine.assess` and `evaluate` keep refusing invalid cases."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from engine import field_labels
from engine.models.case import Case
from engine.models.fields import DATETIME_HINT
from engine.report import timefmt
from engine.validation import (CaseError, Problem, _message, _model_in, _path_part,
                               _time_problems)

# Fields without which no assessment can be made: invalid here means no partial result.
ESSENTIAL = ({"format"}, {"assessed_at"}, {"locale"}, {"patient"})

MAX_ROUNDS = 20  # each round removes at least one part; a case has far fewer levels


@dataclass(frozen=True)
class InvalidInput:
    path: str          # engine path of the field as entered, e.g. "patient.weight_kg"
    label: str         # "Patient › Weight"
    value: Any         # the value as entered (JSON), None when not entered
    reason: str        # plain words
    left_out: str      # engine path of what was taken out of the case (may be a parent)

    def as_json(self) -> dict:
        return {"path": self.path, "label": self.label, "value": self.value,
                "reason": self.reason, "left_out": self.left_out}


def assess_partial(data: Any) -> dict:
    """The assessment of the valid part of `data` (see the module text)."""
    from engine.evaluation import evaluate

    case, invalid = partial_case(data)
    assessment = evaluate(case).model_dump(mode="json")
    assessment["invalid_inputs"] = [item.as_json() for item in invalid]
    assessment["partial"] = bool(invalid)
    if invalid:
        assessment["complete"] = False
    return assessment


def partial_case(data: Any) -> tuple[Case, list[InvalidInput]]:
    """The valid part of `data` as a Case, and what was left out. Raises CaseError when
    an essential field is invalid or `data` is not an object."""
    if not isinstance(data, dict):
        from engine.validation import parse_case
        parse_case(data)  # raises the usual "must be a JSON object"
    work = copy.deepcopy(data)
    removed: dict[str, list[int]] = {}   # original list path -> original indices removed
    invalid: list[InvalidInput] = []
    assessed = _assessed_at(data)
    for _ in range(MAX_ROUNDS):
        try:
            case = Case.model_validate(work)
        except ValidationError as exc:
            found = [_from_error(err, work) for err in exc.errors(include_url=False)]
        else:
            found = [_from_time_problem(p, work, case.assessed_at)
                     for p in _time_problems(case)]
            if not found:
                return case, invalid
        fatal = [Problem(_original(report, removed), message)
                 for report, target, value, message in found if _essential(target)]
        if fatal:
            # Nothing can be assessed; every problem found so far is named, at its field.
            others = [Problem(i.path, i.reason) for i in invalid] + [
                Problem(_original(report, removed), _plain(message, report, target, assessed))
                for report, target, value, message in found if not _essential(target)]
            raise CaseError(_unique(fatal + others))
        targets: list[list] = []
        for report, target, value, message in found:
            path = _original(report, removed)
            left_out = _original(target, removed)
            if any(i.path == path for i in invalid):
                continue
            invalid.append(InvalidInput(path, field_labels.label(path), value,
                                        _plain(message, report, target, assessed), left_out))
            targets.append(target)
        _remove(work, targets, removed)
    raise CaseError([Problem("", "the case could not be reduced to a valid part")])


# --- what to take out -----------------------------------------------------------------

def _from_error(err: dict, work: dict) -> tuple[list, list, Any, str]:
    loc = list(err["loc"])
    kind = err["type"]
    if kind == "implausible_lab":
        report, target = loc + ["value"], loc
    elif kind == "missing":
        report, target = loc, loc[:-1]
    else:
        report = _existing_prefix(work, loc)
        target = report
    target = _removable(target)
    value = None if kind == "missing" else _get(work, report)
    return report, target, value, _message(err, loc)


def _from_time_problem(problem: Problem, work: dict, assessed: datetime):
    loc: list = [int(p) if p.isdigit() else p for p in problem.path.split(".")]
    return loc, _removable(loc), _get(work, loc), problem.message


def _existing_prefix(work: dict, loc: list) -> list:
    """The part of an error location that exists in the document (pydantic may add the
    name of a union member or a validator after the field)."""
    node: Any = work
    out: list = []
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            break
        out.append(part)
    return out


def _removable(loc: list) -> list:
    """Walk up from `loc` while the field is required by its object: removing a required
    field would make its object invalid, so the object is removed instead. A list item
    is always removable (the list keeps its other items)."""
    loc = list(loc)
    while loc and not isinstance(loc[-1], int) and _required(loc) and not _essential(loc):
        loc = loc[:-1]
    return loc


def _required(loc: list) -> bool:
    model: Any = Case
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = getattr(model, "model_fields", {}).get(part)
        if info is None:
            return False
        model = _model_in(info.annotation)
        if model is None:
            return False
    info = getattr(model, "model_fields", {}).get(loc[-1]) if loc else None
    return bool(info is not None and info.is_required())


def _essential(loc: list) -> bool:
    return not loc or (len(loc) == 1 and {loc[0]} in ESSENTIAL)


def _remove(work: dict, targets: list[list], removed: dict[str, list[int]]) -> None:
    # Outermost first, and within a list the highest index first, so earlier removals
    # never shift later ones; a part inside another removed part is already gone.
    unique: list[list] = []
    for t in sorted(targets, key=len):
        if not any(t[:len(u)] == u for u in unique):
            unique.append(t)
    for target in sorted(unique, key=_sort_key, reverse=True):
        parent = _get(work, target[:-1], copy_=False)
        key = target[-1]
        if isinstance(key, int) and isinstance(parent, list) and 0 <= key < len(parent):
            original = _original_parts(target, removed)
            removed.setdefault(".".join(str(p) for p in original[:-1]), []).append(original[-1])
            del parent[key]
        elif isinstance(parent, dict):
            parent.pop(key, None)
    for indices in removed.values():
        indices.sort()


def _sort_key(loc: list) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in loc)


def _original(loc: list, removed: dict[str, list[int]]) -> str:
    """The path of `loc` (in the reduced document) in the document as entered."""
    return ".".join(str(p) if isinstance(p, int) else _path_part(p)
                    for p in _original_parts(loc, removed))


def _original_parts(loc: list, removed: dict[str, list[int]]) -> list:
    out: list = []
    for part in loc:
        if isinstance(part, int):
            index = part
            for gone in removed.get(".".join(str(p) for p in out), []):
                if gone <= index:
                    index += 1
            out.append(index)
        else:
            out.append(part)
    return out


def _get(node: Any, loc: list, copy_: bool = True) -> Any:
    for part in loc:
        if isinstance(node, dict) and not isinstance(part, int):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return copy.deepcopy(node) if copy_ else node


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if (p.path, p.message) not in seen:
            seen.add((p.path, p.message))
            out.append(p)
    return out


# --- plain words ----------------------------------------------------------------------

def _assessed_at(data: dict) -> datetime | None:
    value = data.get("assessed_at") if isinstance(data, dict) else None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) \
            if isinstance(value, str) else None
    except ValueError:
        return None


def _plain(message: str, report: list, target: list, assessed: datetime | None) -> str:
    """The engine's message in words a ward user reads: no field paths, no format names,
    times as clock times in the case's own time zone, and what was left out."""
    report_path = ".".join(str(p) for p in report)
    target_path = ".".join(str(p) for p in target)
    tz = assessed.tzinfo if assessed is not None else None
    if message == "required field is missing":
        text = "not entered"
    elif " is after assessed_at " in message and assessed is not None:
        text = _after_text(message, tz, assessed)
    else:
        text = (message.replace(f"not {DATETIME_HINT}", "not a date and time")
                .replace("assessed_at", "the assessment time"))
    if target_path != report_path:
        text += f"; {field_labels.section_and_label(target_path)[1]} is left out until corrected"
    return text


def _after_text(message: str, tz, assessed: datetime) -> str:
    stamp = message.split(" is after assessed_at ")[0]
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return message.replace("assessed_at", "the assessment time")
    return (f"{timefmt.clock(when, tz)} is {duration(when - assessed)} after the assessment "
            f"time ({timefmt.clock(assessed, tz)}); a case records what happened up to the "
            "assessment. If you have just seen the patient, set the assessment time to now")


def duration(delta) -> str:
    """'2 min', '3 h 5 min', '4 days 2 h' (never seconds)."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 1:
        return "less than a minute"
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} day{'s' if days != 1 else ''}" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {mins} min" if mins else "")
    return f"{mins} min"
