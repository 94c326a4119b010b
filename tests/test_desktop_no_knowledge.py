"""desktop/ holds no clinical knowledge (issue 13): a number the engine owns as a
clinical threshold is never written again in a desktop module, where a change of the
engine's value would leave it behind.

Where the desktop could state such a number:
- in a string with a clinical unit beside it ("72 h", "50 x10^9/L", "16 mg"),
  durations compared as durations ("3 d" is 72 h; "2 h 05 min" is one duration);
- as a number compared with a clinical field (`labs.platelets < 50`), the field names
  being the engine's (engine.field_labels);
- in a timedelta() call.
Layout numbers (pixels, per cent of a width, zoom steps) have no clinical unit and are
not compared with a clinical field, so they are not looked at. 0 and 1 are not
thresholds anyone could recognise and are left out.

The engine's thresholds come from its catalogue (`engine.rules.catalogue.catalogue()`)
when it exists, else from the module-level constants of the rule modules, engine.facts
and engine.units (numbers, Fraction("..."), timedelta(...), and numbers inside tuples,
lists, dicts and calls such as the units' plausible ranges)."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

from conftest import REPO

DESKTOP = sorted([*REPO.glob("desktop/*.py"), *REPO.glob("desktop/ui/*.py")])
ENGINE_CONSTANT_MODULES = sorted([*REPO.glob("engine/rules/*.py"), REPO / "engine/facts.py",
                                  REPO / "engine/units.py"])
TRIVIAL = {Fraction(0), Fraction(1)}

MINUTES = {"min": 1, "mins": 1, "minute": 1, "minutes": 1, "h": 60, "hr": 60, "hrs": 60,
           "hour": 60, "hours": 60, "d": 1440, "day": 1440, "days": 1440,
           "week": 10080, "weeks": 10080}
AMOUNT_UNITS = ["mg", "mcg", "microgram", "micrograms", "g", "kg", "mL", "ml", "L",
                "mmol/L", "umol/L", "µmol/L", "mg/dL", "g/L", "g/dL", "mL/min", "ml/min",
                "mL/h", "x10^9/L", "×10⁹/L", "10^9/L", "units/kg", "unit/kg"]
_UNITS = "|".join(re.escape(u) for u in sorted([*MINUTES, *AMOUNT_UNITS], key=len, reverse=True))
QUANTITY = re.compile(rf"(?<![\w.])(\d+(?:\.\d+)?)\s*({_UNITS})(?![\w/^])")
TIMEDELTA_MINUTES = {"weeks": 10080, "days": 1440, "hours": 60, "minutes": 1,
                     "seconds": Fraction(1, 60)}


@dataclass(frozen=True)
class Statement:
    where: str
    text: str
    number: Fraction | None = None      # an amount, in whatever unit it was written
    minutes: Fraction | None = None     # a duration


def _number(value) -> Fraction | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        return Fraction(repr(value) if isinstance(value, float) else value)
    except (ValueError, ZeroDivisionError):
        return None


# --- what the engine owns ------------------------------------------------------------
def _timedelta_minutes(call: ast.Call) -> Fraction | None:
    name = getattr(call.func, "id", getattr(call.func, "attr", ""))
    if name != "timedelta":
        return None
    total = Fraction(0)
    positional = (1440, Fraction(1, 60))  # timedelta(days, seconds)
    for arg, scale in zip(call.args, positional):
        value = _number(arg.value) if isinstance(arg, ast.Constant) else None
        if value is None:
            return None
        total += value * scale
    if len(call.args) > len(positional):
        return None
    for kw in call.keywords:
        value = _number(kw.value.value) if isinstance(kw.value, ast.Constant) else None
        if value is None or kw.arg not in TIMEDELTA_MINUTES:
            return None
        total += value * TIMEDELTA_MINUTES[kw.arg]
    return total


def _constant_thresholds() -> tuple[set[Fraction], set[Fraction]]:
    """(numbers, durations in minutes) of every UPPER_CASE module-level constant."""
    numbers, durations = set(), set()
    for path in ENGINE_CONSTANT_MODULES:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, ast.AnnAssign) and node.value else []
            if not any(isinstance(t, ast.Name) and t.id.isupper() for t in targets):
                continue
            name = next(t.id for t in targets if isinstance(t, ast.Name))
            for sub in ast.walk(node.value):
                if isinstance(sub, ast.Call) and _timedelta_minutes(sub) is not None:
                    durations.add(_timedelta_minutes(sub))
                elif isinstance(sub, ast.Constant) and _number(sub.value) is not None \
                        and not isinstance(sub.value, str):
                    numbers.add(_number(sub.value))
                    # A bare count of hours or days is a duration too: *_H, *_HOURS, *_DAYS.
                    for suffix, scale in (("_H", 60), ("_HOURS", 60), ("_DAYS", 1440)):
                        if name.endswith(suffix):
                            durations.add(_number(sub.value) * scale)
                elif isinstance(sub, ast.Call) and getattr(sub.func, "id", "") == "Fraction" \
                        and sub.args and isinstance(sub.args[0], ast.Constant):
                    numbers.add(_number(sub.args[0].value))
    return numbers - TRIVIAL - {None}, durations - {Fraction(0)}


def engine_thresholds() -> tuple[set[Fraction], set[Fraction]]:
    """(numbers, durations in minutes): from the catalogue when there is one."""
    from engine.rules import catalogue as module

    if not hasattr(module, "catalogue"):
        return _constant_thresholds()
    numbers, durations = set(), set()
    for entry in module.catalogue():
        rule = entry if isinstance(entry, dict) else vars(entry)
        for t in rule.get("thresholds") or []:
            t = t if isinstance(t, dict) else vars(t)
            value, unit = t.get("value"), str(t.get("unit") or "")
            if isinstance(value, timedelta):
                durations.add(Fraction(int(value.total_seconds()), 60))
            elif _number(value) is not None and unit in MINUTES:
                durations.add(_number(value) * MINUTES[unit])
            elif _number(value) is not None:
                numbers.add(_number(value))
    return numbers - TRIVIAL, durations - {Fraction(0)}


# --- what a desktop module states ----------------------------------------------------
def clinical_names() -> set[str]:
    from engine import field_labels
    from engine.units import ANALYTES

    parts = {p for path in field_labels.FIELDS for p in path.split(".") if p != "*"}
    return parts | set(ANALYTES)


def quantities(text: str, where: str) -> list[Statement]:
    """Every number with a clinical unit in `text`; adjacent durations add up."""
    out: list[Statement] = []
    end = None
    for m in QUANTITY.finditer(text):
        value, unit = Fraction(m.group(1)), m.group(2)
        if unit in MINUTES:
            if out and end is not None and out[-1].minutes is not None \
                    and not text[end:m.start()].strip():
                last = out.pop()  # "2 h 05 min" is one duration
                out.append(Statement(where, last.text + text[end:m.end()],
                                     minutes=last.minutes + value * MINUTES[unit]))
            else:
                out.append(Statement(where, m.group(0), minutes=value * MINUTES[unit]))
        else:
            out.append(Statement(where, m.group(0), number=value))
        end = m.end()
    return out


def _names_in(node: ast.AST) -> set[str]:
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            found.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            found.add(sub.attr)
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            found.update(sub.value.split("."))
    return found


def statements(source: str, where: str, clinical: set[str]) -> list[Statement]:
    out: list[Statement] = []
    tree = ast.parse(source)
    # f"{n:02d}" is a format, not "2 d".
    specs = {id(c) for f in ast.walk(tree) if isinstance(f, ast.FormattedValue) and f.format_spec
             for c in ast.walk(f.format_spec)}
    for node in ast.walk(tree):
        at = f"{where}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in specs:
            out += quantities(node.value, at)
        elif isinstance(node, ast.Call) and _timedelta_minutes(node) is not None:
            out.append(Statement(at, ast.unparse(node), minutes=_timedelta_minutes(node)))
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            named = set().union(*(_names_in(s) for s in sides)) & clinical
            for side in sides:
                side = side.operand if isinstance(side, ast.UnaryOp) else side
                if named and isinstance(side, ast.Constant) and _number(side.value) is not None \
                        and not isinstance(side.value, str):
                    value = _number(side.value)
                    out.append(Statement(at, ast.unparse(node), number=value,
                                         minutes=value * 60))  # a bare count may be hours
    return out


def owned(statement: Statement, numbers: set[Fraction], durations: set[Fraction]) -> bool:
    return (statement.number in numbers) or (statement.minutes in durations)


def findings(sources: dict[str, str]) -> list[str]:
    numbers, durations = engine_thresholds()
    clinical = clinical_names()
    return [f"{s.where}: {s.text!r}" for where, source in sources.items()
            for s in statements(source, where, clinical) if owned(s, numbers, durations)]


# --- the tests -----------------------------------------------------------------------
def _desktop_sources() -> dict[str, str]:
    return {p.relative_to(REPO).as_posix(): p.read_text(encoding="utf-8") for p in DESKTOP}


def test_no_desktop_module_states_a_number_the_engine_owns():
    assert DESKTOP, "no desktop sources found"
    found = findings(_desktop_sources())
    assert not found, ("desktop modules state clinical numbers the engine owns; ask the "
                       "engine for them instead:\n" + "\n".join(found))


def test_no_desktop_module_states_the_staleness_limit():
    from engine.facts import STALE_AFTER

    hours = str(STALE_AFTER // timedelta(hours=1))
    said = [f"{where}:{n}" for where, source in _desktop_sources().items()
            for n, line in enumerate(source.splitlines(), 1) if re.search(rf"\b{hours}\b", line)]
    assert not said, f"the {hours} h staleness limit is written in desktop/: {said}"


def test_the_scan_finds_what_the_old_desktop_said():
    """The scan is not blind: each of these stated an engine threshold in desktop/ once."""
    numbers, durations = engine_thresholds()
    assert Fraction(72 * 60) in durations  # engine.facts.STALE_AFTER
    old = {
        "labs_form": 'form = group("Results", "Choose the unit printed on the lab report. "\n'
                     '                         "Results older than 72 h count as unknown.")\n',
        "as_days": 'NOTE = "a result 3 d old counts as unknown"\n',
        "compared": "if case['labs']['platelets']['value'] < 50:\n    hold = True\n",
        "timedelta": "from datetime import timedelta\nSTALE = timedelta(hours=72)\n",
    }
    found = findings(old)
    for name in old:
        assert any(f.startswith(f"{name}:") for f in found), (name, found)


def test_the_scan_leaves_layout_and_unrelated_durations_alone():
    ok = {
        "layout": "if width >= 50:\n    zoom = 72\nlabel = '50 % wider, 200 % zoom'\n",
        "elapsed": "text = '2 h 05 min'\nSAVE_EVERY = timedelta(minutes=5)\n"
                   "shown = f'{hours} h {minutes:02d} min'\n",
        "field_path": "path = 'procedures.spinal_surgery_expected_within_24h'\n",
    }
    assert findings(ok) == []
