"""MSCC Pathway decision engine: mscc-case/1 in, mscc-assessment/1 out.

Pure Python (never imports Qt), deterministic (the clock is the case's assessed_at),
and every decision carries its rule id and sources. See docs/engine-api.md.

The names below are loaded on first use (PEP 562): importing a light submodule
(engine.audit, engine.report.files, engine.cli) must not build the ~35 pydantic
models, which would put them on the desktop's path to its first painted window."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "canonical_case_json": "engine.canonical",
    "evaluate": "engine.evaluation",
    "assess_partial": "engine.partial",
    "Assessment": "engine.models.assessment",
    "Case": "engine.models.case",
    "Source": "engine.registry", "load_registry": "engine.registry",
    "RULES": "engine.rules", "RuleSpec": "engine.rules",
    "CaseError": "engine.validation", "Problem": "engine.validation",
    "parse_case": "engine.validation", "read_case_file": "engine.validation",
    "ENGINE_VERSION": "engine.version", "knowledge_version": "engine.version",
}

if TYPE_CHECKING:  # for readers and type checkers; at run time __getattr__ loads them
    from engine.canonical import canonical_case_json
    from engine.evaluation import evaluate
    from engine.partial import assess_partial
    from engine.models.assessment import Assessment
    from engine.models.case import Case
    from engine.registry import Source, load_registry
    from engine.rules import RULES, RuleSpec
    from engine.validation import CaseError, Problem, parse_case, read_case_file
    from engine.version import ENGINE_VERSION, knowledge_version


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def assess(data: Any) -> dict:
    """Validate a decoded case document and return the assessment as a JSON-ready dict.
    Raises CaseError for an invalid case."""
    from engine.evaluation import evaluate
    from engine.validation import parse_case

    return evaluate(parse_case(data)).model_dump(mode="json")


__all__ = ["assess", *_EXPORTS]
