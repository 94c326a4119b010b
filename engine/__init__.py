"""MSCC Pathway decision engine: mscc-case/1 in, mscc-assessment/1 out.

Pure Python (never imports Qt), deterministic (the clock is the case's assessed_at),
and every decision carries its rule id and sources. See docs/engine-api.md."""
from __future__ import annotations

from typing import Any

from engine.canonical import canonical_case_json
from engine.evaluate import evaluate
from engine.models.assessment import Assessment
from engine.models.case import Case
from engine.registry import Source, load_registry
from engine.rules import RULES, RuleSpec
from engine.validation import CaseError, Problem, parse_case, read_case_file
from engine.version import ENGINE_VERSION, knowledge_version


def assess(data: Any) -> dict:
    """Validate a decoded case document and return the assessment as a JSON-ready dict.
    Raises CaseError for an invalid case."""
    return evaluate(parse_case(data)).model_dump(mode="json")


__all__ = [
    "ENGINE_VERSION", "Assessment", "Case", "CaseError", "Problem", "RULES", "RuleSpec",
    "Source", "assess", "canonical_case_json", "evaluate", "knowledge_version",
    "load_registry", "parse_case", "read_case_file",
]
