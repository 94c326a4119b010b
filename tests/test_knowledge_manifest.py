"""A rule's meaning never changes under the same version, and the recorded manifest is
current (tools/update_knowledge_manifest.py says what meaning is and regenerates it)."""
from __future__ import annotations

import importlib.util
import json

from conftest import REPO

spec = importlib.util.spec_from_file_location(
    "update_knowledge_manifest", REPO / "tools" / "update_knowledge_manifest.py")
manifest_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(manifest_tool)


def recorded() -> dict:
    return json.loads(manifest_tool.MANIFEST.read_text())


def test_no_meaning_changed_under_the_same_version():
    problems = manifest_tool.unversioned_changes(recorded(), manifest_tool.current())
    assert not problems, ("; ".join(problems) + f". Then run {manifest_tool.COMMAND}")


def test_manifest_is_current():
    now, before = manifest_tool.current(), recorded()
    stale = sorted(k for k in set(now["rules"]) | set(before.get("rules", {}))
                   if now["rules"].get(k) != before.get("rules", {}).get(k))
    assert not stale and now == before, (
        f"tests/knowledge_manifest.json is out of date ({', '.join(stale) or 'modules'}): "
        f"run {manifest_tool.COMMAND}")


def test_manifest_lists_every_rule():
    import engine
    assert set(recorded()["rules"]) - {"shared code"} == set(engine.RULES)


def test_comments_and_layout_are_not_meaning_but_code_is():
    base = "def f(x):\n    return x < 50\n"
    assert manifest_tool.code_hash(base) == manifest_tool.code_hash(
        '"""doc"""\n# why\ndef f(x):\n    """doc"""\n    return (x\n            < 50)  # limit\n')
    assert manifest_tool.code_hash(base) != manifest_tool.code_hash(base.replace("<", "<="))
    assert manifest_tool.code_hash(base) != manifest_tool.code_hash(base.replace("50", "60"))


def test_a_changed_declaration_without_a_new_version_is_named():
    before = recorded()
    now = json.loads(json.dumps(before))
    now["rules"]["VTE-LMWH-1"]["meaning"] = "0" * 64
    problems = manifest_tool.unversioned_changes(before, now)
    assert len(problems) == 1 and problems[0].startswith("VTE-LMWH-1 (engine/rules/")
    now["rules"]["VTE-LMWH-1"]["version"] += 1
    assert manifest_tool.unversioned_changes(before, now) == []
