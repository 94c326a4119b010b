"""The answers and field explanations the engine gives the desktop (issue 13): every
answer offered is one the case format accepts, in words of its own; explanations that
hold a clinical value are made from the engine's value."""
from __future__ import annotations

import copy
import importlib
import json

import pytest
from pydantic import ValidationError

from conftest import REPO
from engine.field_choices import CHOICES, choices
from engine.models.case import Case

BASE = json.loads((REPO / "examples" / "index-case-c5.json").read_text(encoding="utf-8"))


def _with(path: str, value) -> dict:
    """The example case with `path` (list items: the first) set to `value`."""
    case = copy.deepcopy(BASE)
    node, parts = case, path.replace("*", "0").split(".")
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node.setdefault(part, {})
    node[parts[-1]] = [value] if path == "presentation.pain_regions" else value
    return case


@pytest.mark.parametrize("path", sorted(CHOICES))
def test_every_answer_offered_is_accepted_and_worded(path):
    codes, words = CHOICES[path]
    assert set(words) == set(codes), "every answer has its own words"
    for code, text in choices(path):
        Case.model_validate(_with(path, code))
        assert text and (text != "None" or code == "none")


@pytest.mark.parametrize("path, below, above", [
    ("cancer.ecog", -1, 5), ("cancer.karnofsky", 0, 110),
    ("neuro_exam.mrc_power.left_leg", -1, 6)])
def test_a_scale_offers_every_grade_the_case_format_accepts(path, below, above):
    offered = [code for code, _ in choices(path)]
    assert below not in offered and above not in offered
    for value in (below, above):
        with pytest.raises(ValidationError):
            Case.model_validate(_with(path, value))


def test_hints_state_the_engines_values(monkeypatch):
    import engine.field_hints as hints
    import engine.rules.imaging as imaging
    from engine.models.vocabulary import MRC_GRADES

    assert "(2 or 3 = cord compression)" in hints.hint("imaging.0.lesions.1.bilsky_grade")
    assert f"{min(MRC_GRADES)} (none) to {max(MRC_GRADES)} (normal)" in \
        hints.hint("neuro_exam.mrc_power")
    assert hints.hint("labs.creatinine") == "umol/L = µmol/L."
    assert hints.hint("patient.name") == ""
    monkeypatch.setattr(imaging, "HIGH_GRADE", {"3"})
    try:
        assert "(3 = cord compression)" in importlib.reload(hints).hint(
            "imaging.0.lesions.0.bilsky_grade")
    finally:
        monkeypatch.undo()
        importlib.reload(hints)
