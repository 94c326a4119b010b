"""Rule behaviour never changes silently: a changed rule or score module must come with
a bumped rule version (which changes the knowledge version)."""
from __future__ import annotations

import importlib.util
import json

from conftest import REPO

spec = importlib.util.spec_from_file_location(
    "update_knowledge_manifest", REPO / "tools" / "update_knowledge_manifest.py")
manifest_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(manifest_tool)


def test_changed_rule_modules_bump_a_rule_version():
    recorded = json.loads(manifest_tool.MANIFEST.read_text())
    current = manifest_tool.module_versions()
    problems = []
    for module, now in current.items():
        before = recorded.get(module)
        if before is None:
            problems.append(f"{module} is new: record it")
        elif before["sha256"] != now["sha256"] and before["rules"] == now["rules"]:
            problems.append(f"{module} changed but no rule version in it was bumped "
                            f"({', '.join(now['rules']) or 'helper module: bump the rules using it'})")
        elif before["rules"] != now["rules"] and before["sha256"] == now["sha256"]:
            problems.append(f"{module}: versions differ from the manifest")
    assert not problems, ("; ".join(problems) + ". Bump the version, then run "
                          ".venv/bin/python tools/update_knowledge_manifest.py")


def test_manifest_lists_every_rule():
    import engine
    recorded = json.loads(manifest_tool.MANIFEST.read_text())
    listed = {rid for entry in recorded.values() for rid in entry["rules"]} - {"ruleset"}
    assert listed == set(engine.RULES)
