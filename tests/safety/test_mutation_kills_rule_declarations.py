"""The rule catalogue the engine states (id, version, title, sources, the criterion texts
that state each limit) equals the signed record, docs/safety/traceability.json.

tests/safety/test_traceability.py checks the whole record, but it needs the rule trace of
a full engine test run, so it cannot judge a mutant in seconds. This fast twin compares
only the catalogue, through tools/trace_report.py (the same code that writes the record),
so a mutant that changes a limit stated in a rule's texts (python -m tools.mutation,
docs/mutation.md) is caught. A deliberate change regenerates the record:
.venv/bin/python tools/trace_report.py."""
from __future__ import annotations

import importlib.util
import json

from conftest import REPO

spec = importlib.util.spec_from_file_location("trace_report", REPO / "tools" / "trace_report.py")
trace_report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(trace_report)


def test_rule_catalogue_matches_the_signed_traceability_record():
    committed = json.loads((REPO / "docs" / "safety" / "traceability.json")
                           .read_text(encoding="utf-8"))
    fresh = trace_report.signed_view(trace_report.build({"tests": {}}))
    old = trace_report.signed_view(committed)
    by_id = {r["id"]: r for r in old["rules"]}
    assert sorted(by_id) == sorted(r["id"] for r in fresh["rules"])
    for rule in fresh["rules"]:
        assert rule == by_id[rule["id"]], (
            f"{rule['id']} differs from docs/safety/traceability.json: run "
            ".venv/bin/python tools/trace_report.py and review the diff")
