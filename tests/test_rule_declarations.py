"""Each clinical limit is written once, on the line `defined_at` names, and every text that
states it is generated from it (issue 13). The catalogue is what `mscc-pathway rules
--json` prints."""
from __future__ import annotations

import ast
import json
import re
import shutil
from fractions import Fraction
import subprocess
import sys

import pytest

from conftest import REPO

from engine.registry import load_registry
from engine.rules.catalogue import catalogue

RULE_MODULES = sorted(p for d in ("engine/rules", "engine/scores") for p in (REPO / d).glob("*.py")
                      if p.name != "__init__.py")
# A number followed by a clinical unit, as typed in a sentence.
LIMIT_IN_TEXT = re.compile(r"(?<![\w.^])(\d+(?:\.\d+)?)\s?(x10\^9/L|mL/min|kg|h|mg|mmol/L|"
                           r"mg/dL|days|weeks|Gy|units)(?![\w/])")


def declared() -> list[dict]:
    return [t for r in catalogue() for t in r["thresholds"] + r["quantities"]]


def test_every_limit_is_defined_on_the_line_that_holds_its_value():
    for t in declared():
        path, line = t["defined_at"].rsplit(":", 1)
        text = (REPO / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
        written = json.dumps(t["value"]) if not isinstance(t["value"], float) else None
        assert re.search(r"\b(threshold|quantity)\(", text), (t, text)
        assert (written and re.search(rf"(?<![\d.]){re.escape(written)}(?![\d.])", text)) \
            or str(t["value"]) in text, f"{t['defined_at']} does not hold {t['value']}: {text}"


def test_every_rule_and_limit_names_a_source_in_the_registry():
    registry = load_registry()
    for r in catalogue():
        assert r["sources"] and all(s in registry for s in r["sources"]), r["id"]
        for t in r["thresholds"] + r["quantities"]:
            assert t["source"] in registry, (r["id"], t)
        for table in r["tables"]:
            assert all(row["source"] in registry for row in table["rows"]), (r["id"], table["name"])


def test_criterion_texts_state_each_threshold_they_declare():
    for r in catalogue():
        for t in r["thresholds"]:
            assert any(str(t["value"]) in text for text in r["texts"]) or r["tables"], (
                f"{r['id']} declares {t['text']} but no criterion states it")


def _typed_limits(path) -> list[str]:
    """Literal text in a module that states a declared (value, unit) instead of
    generating it from the declaration."""
    owned = {(Fraction(str(t["value"])), t["unit"]) for t in declared()}  # 2.6 == "2.60"
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docstrings:  # a docstring explains; it is never shown
            for number, unit in LIMIT_IN_TEXT.findall(node.value):
                if (Fraction(number), unit) in owned:
                    found.append(f"{path.name}:{node.lineno}: '{number} {unit}'")
    return found


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.name)
def test_no_rule_text_types_a_declared_limit(path):
    assert not _typed_limits(path)


def test_the_typed_limit_scan_finds_a_typed_limit(tmp_path):
    typed = tmp_path / "typed.py"
    typed.write_text('REASON = "platelets below 50 x10^9/L"\nOK = f"{LIMIT.text}"\n'
                     'BAND = "calcium 3.50 mmol/L"\n')
    assert _typed_limits(typed) == ["typed.py:1: '50 x10^9/L'", "typed.py:3: '3.50 mmol/L'"]


def test_changing_the_platelet_hold_on_its_one_line_changes_every_text(tmp_path):
    """The issue's acceptance check, in a copy of the engine: 50 -> 60 on one line."""
    shutil.copytree(REPO / "engine", tmp_path / "engine",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    lmwh = next(t for t in declared() if t["name"] == "platelets" and t["value"] == 50)
    path, line = lmwh["defined_at"].rsplit(":", 1)
    lines = (tmp_path / path).read_text().splitlines(keepends=True)
    lines[int(line) - 1] = lines[int(line) - 1].replace("50", "60")
    (tmp_path / path).write_text("".join(lines))
    out = subprocess.run([sys.executable, "-m", "engine", "rules", "--json"], cwd=tmp_path,
                         capture_output=True, text=True, check=True)
    rule = next(r for r in json.loads(out.stdout)["rules"] if r["id"] == "VTE-LMWH-1")
    assert any(t["value"] == 60 and t["name"] == "platelets" for t in rule["thresholds"])
    texts = " ".join(rule["texts"])
    assert "platelets below 60 x10^9/L" in texts and "below 50 x10^9/L" not in texts
    assert "platelets 60-75 x10^9/L" in texts


def test_the_catalogue_command_prints_json_and_text():
    out = subprocess.run([sys.executable, "-m", "engine", "rules", "--json"], cwd=REPO,
                         capture_output=True, text=True, check=True)
    doc = json.loads(out.stdout)
    assert [r["id"] for r in doc["rules"]] == sorted(r["id"] for r in catalogue())
    text = subprocess.run([sys.executable, "-m", "engine", "rules"], cwd=REPO,
                          capture_output=True, text=True, check=True).stdout
    assert "VTE-LMWH-1 v" in text and "platelets below 50 x10^9/L" in text


def test_the_catalogue_declares_the_rules_and_limits_it_decides_with():
    """Issue 13's bar: at least 25 rules, and at least 25 thresholds each on its own line."""
    rules = catalogue()
    lines = {t["defined_at"] for r in rules for t in r["thresholds"]}
    assert len(rules) >= 25 and len(lines) >= 25, (len(rules), len(lines))
    assert all(r["texts"] for r in rules if r["thresholds"])
