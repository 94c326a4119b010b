"""Record the hash of every rule and score module with the versions of the rules it
declares (tests/knowledge_manifest.json).

tests/test_knowledge_manifest.py fails when a module's code changed but none of its
rule versions did: behaviour must not change without a new rule version, because the
rule versions (with the sources) make the knowledge version printed on every
assessment and PDF. Run after bumping: .venv/bin/python tools/update_knowledge_manifest.py"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "tests" / "knowledge_manifest.json"
WATCHED = ("engine/rules", "engine/scores")


def module_versions() -> dict[str, dict]:
    sys.path.insert(0, str(REPO))
    import engine  # noqa: F401  (registers every rule)
    from engine.rules.catalogue import RULES
    from engine.version import RULESET

    out: dict[str, dict] = {}
    for folder in WATCHED:
        for path in sorted((REPO / folder).glob("*.py")):
            rel = path.relative_to(REPO).as_posix()
            text = path.read_text(encoding="utf-8")
            declared = {rid: spec.version for rid, spec in RULES.items()
                        if f'rule("{rid}"' in text}
            # A helper module declares no rule; a change to it is recorded against the
            # rule set (clinical-rules.md version), which then has to move with it.
            declared = declared or {"ruleset": RULESET}
            out[rel] = {"sha256": hashlib.sha256(text.encode()).hexdigest(),
                        "rules": dict(sorted(declared.items()))}
    return out


def main(argv: list[str]) -> int:
    current = module_versions()
    if MANIFEST.exists() and "--force" not in argv:
        recorded = json.loads(MANIFEST.read_text())
        stale = [m for m, now in current.items() if m in recorded
                 and recorded[m]["sha256"] != now["sha256"] and recorded[m]["rules"] == now["rules"]]
        if stale:
            print("refusing: changed without a rule version bump: " + ", ".join(stale)
                  + " (--force only before the first release)", file=sys.stderr)
            return 1
    MANIFEST.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
    print(f"wrote {MANIFEST.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
