"""tools/mutation.py (python -m tools.mutation, docs/mutation.md): the pieces that decide
which tests judge a mutant and how survivors are reported, checked without running
cosmic-ray (a full run takes most of an hour; it is on demand, not CI)."""
from __future__ import annotations

import ast
import tomllib

from conftest import REPO

from tools import mutation


def test_equivalents_file_is_well_formed():
    data = tomllib.loads((REPO / "tools" / "mutation_equivalents.toml").read_text("utf-8"))
    for entry in data["equivalent"]:
        assert set(entry) == {"file", "operator", "before", "after", "reason"}, entry
        assert entry["operator"].startswith("core/") and entry["reason"].strip()
        assert entry["before"] != entry["after"]


def test_lines_run_at_import_are_told_apart_from_function_bodies():
    source = ("LIMIT = 50\n"
              "def f(x, y=LIMIT + 1):\n"
              "    if x < LIMIT:\n"
              "        return 1\n"
              "    return 2\n")
    spans = mutation._statement_spans(ast.parse(source))

    def inside(line):
        return min((s for s in spans if s[0] <= line <= s[1]), key=lambda s: s[1] - s[0])[2]
    assert inside(1) is False           # a module constant: every test judges it
    assert inside(2) is False           # a def line with its defaults runs at import
    assert inside(3) is True and inside(4) is True and inside(5) is True


def test_one_line_diff_shows_the_change_in_context():
    assert mutation.one_line_diff("if plt < PLATELETS_HOLD_BELOW:",
                                  "if plt <= PLATELETS_HOLD_BELOW:") == (
        "`if plt < PLATELETS_HOLD_BELOW:` -> `if plt <= PLATELETS_HOLD_BELOW:`")


def test_every_excluded_operator_has_a_reason():
    assert {e.id for e in mutation.EXCLUSIONS} == {
        "identity-vs-equality", "ror-subsumed", "equality-to-order", "arithmetic-non-inverse",
        "annotation-only", "invalid-python"}
    assert all(len(e.why) > 80 for e in mutation.EXCLUSIONS)
    doc = (REPO / "docs" / "mutation.md").read_text("utf-8")
    assert all(f"`{e.id}`" in doc for e in mutation.EXCLUSIONS)
