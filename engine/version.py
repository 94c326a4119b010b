"""Engine version and the knowledge version (rules + sources)."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache

ENGINE_VERSION = "0.1.0"
RULESET = "2"  # clinical-rules.md version implemented
# Bumped when code shared by the rules (facts, units, thresholds, tables, context) changes
# meaning; tools/update_knowledge_manifest.py asks for it.
SHARED_CODE = 3


@lru_cache(maxsize=1)
def knowledge_version() -> str:
    """'<ruleset>.<hash>': the hash covers every rule's id, version, title, sources and
    thresholds, the source registry's bytes and SHARED_CODE, so it changes whenever either does."""
    from engine.registry import load_registry
    from engine.rules import RULES

    digest = hashlib.sha256()
    specs = [RULES[k].as_dict() for k in sorted(RULES)]
    digest.update(json.dumps(specs, sort_keys=True).encode())
    digest.update(load_registry().raw)
    digest.update(f"shared code {SHARED_CODE}".encode())
    return f"{RULESET}.{digest.hexdigest()[:12]}"
