"""The golden cases' expect blocks, checked in-process with the shared checker's own
comparison (../shared/tools/check_vignettes.py `compare`).

tests/test_golden_cases.py runs the same expectations through the real command line
(a subprocess per case), which is the end-to-end proof but invisible to the rule
trace (tests/safety_plugin.py) and too slow for mutation testing. This twin makes the
golden cases count as evidence in docs/safety/traceability.md and lets
python -m tools.mutation (cosmic-ray) kill mutants with them."""
from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import SHARED, shared_path

import engine

pytestmark = pytest.mark.shared


def _checker():
    path = shared_path("tools", "check_vignettes.py")
    spec = importlib.util.spec_from_file_location("check_vignettes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def golden_files():
    return sorted((SHARED / "vignettes").glob("*.json"))


@pytest.mark.parametrize("path", golden_files(), ids=lambda p: p.stem)
def test_golden_case_expectations_in_process(path):
    checker = _checker()
    doc = json.loads(path.read_text(encoding="utf-8"))
    assessment = engine.assess(doc["case"])
    assert checker.compare(doc["expect"], assessment) == []


def test_golden_cases_present():
    assert len(list(shared_path("vignettes").glob("*.json"))) >= 10
