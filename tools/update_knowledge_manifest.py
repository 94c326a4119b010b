"""Record what every rule means, so that its meaning never changes under the same version.

A rule's meaning is its declaration (title, sources, generated texts, thresholds and
tables: `RuleSpec.as_dict()`) and the code of the module that declares it, compared as
a syntax tree, so comments, docstrings and layout are not meaning. A module that
declares no rule (shared code: facts, units, thresholds, tables, context) is recorded
against SHARED_CODE in engine/version.py, which must move when its meaning does.

    .venv/bin/python tools/update_knowledge_manifest.py

rewrites tests/knowledge_manifest.json when every changed meaning comes with a new
version, and refuses, naming the rule and the line to bump, when one does not.
tests/test_knowledge_manifest.py runs the same comparison and checks that the file is
current, so the knowledge version printed on every assessment and PDF moves whenever a
rule's meaning does."""
from __future__ import annotations

import ast
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "tests" / "knowledge_manifest.json"
WATCHED = ("engine/rules", "engine/scores")
# Helper modules outside the watched folders whose code decides (their syntax is
# recorded against the rule set).
HELPERS = ("engine/facts.py", "engine/units.py", "engine/thresholds.py",
           "engine/decision_tables.py")
COMMAND = ".venv/bin/python tools/update_knowledge_manifest.py"


def code_hash(text: str) -> str:
    """The module's syntax tree without docstrings: comments and layout do not count."""
    tree = ast.parse(text)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
    return hashlib.sha256(ast.dump(tree, include_attributes=False).encode()).hexdigest()


def _modules() -> list[Path]:
    found = [p for folder in WATCHED for p in sorted((REPO / folder).glob("*.py"))]
    return found + [REPO / h for h in HELPERS]


def current() -> dict:
    """{"knowledge_version", "modules": {path: {code, rules}},
    "rules": {id: {version, meaning, module, line}}}"""
    sys.path.insert(0, str(REPO))
    import engine  # noqa: F401  (registers every rule)
    from engine.rules.catalogue import RULES
    from engine.version import SHARED_CODE, knowledge_version

    modules: dict[str, dict] = {}
    rules: dict[str, dict] = {}
    for path in _modules():
        rel = path.relative_to(REPO).as_posix()
        text = path.read_text(encoding="utf-8")
        declared = sorted(rid for rid in RULES if f'rule("{rid}"' in text)
        code = code_hash(text)
        modules[rel] = {"code": code, "rules": declared or ["shared code"]}
        for rid in declared:
            spec = RULES[rid].as_dict()
            spec.pop("version")
            meaning = hashlib.sha256((json.dumps(spec, sort_keys=True) + code).encode())
            line = next(i for i, s in enumerate(text.splitlines(), 1) if f'rule("{rid}"' in s)
            rules[rid] = {"version": RULES[rid].version, "meaning": meaning.hexdigest(),
                          "at": f"{rel}:{line}"}
    helpers = hashlib.sha256("".join(m["code"] for m in modules.values()
                                     if m["rules"] == ["shared code"]).encode()).hexdigest()
    rules["shared code"] = {"version": SHARED_CODE, "meaning": helpers,
                            "at": "engine/version.py (SHARED_CODE)"}
    return {"knowledge_version": knowledge_version(), "modules": modules, "rules": rules}


def unversioned_changes(recorded: dict, now: dict) -> list[str]:
    """Rules whose meaning changed while their version did not: one sentence each."""
    problems = []
    for rid, entry in now["rules"].items():
        before = recorded.get("rules", {}).get(rid)
        if before is None or before["meaning"] == entry["meaning"]:
            continue
        if before["version"] == entry["version"]:
            what = ("a helper module changed (" + ", ".join(
                m for m, e in now["modules"].items() if e["rules"] == ["shared code"]
                and recorded["modules"].get(m, {}).get("code") != e["code"]) + "): bump SHARED_CODE"
                    if rid == "shared code" else "its declaration or its module's code changed: "
                    "bump its version")
            problems.append(f"{rid} ({entry['at']}): {what} (still {entry['version']})")
    return problems


def main(argv: list[str]) -> int:
    now = current()
    if MANIFEST.exists():
        recorded = json.loads(MANIFEST.read_text())
        problems = unversioned_changes(recorded, now) if "rules" in recorded else []
        if problems:
            print("refusing: a meaning changed under the same version:\n  "
                  + "\n  ".join(problems) + f"\nthen run {COMMAND}", file=sys.stderr)
            return 1
    MANIFEST.write_text(json.dumps(now, indent=2, sort_keys=True) + "\n")
    print(f"wrote {MANIFEST.relative_to(REPO)} (knowledge version {now['knowledge_version']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
