"""`mscc-pathway rules [--json]`: the rule catalogue - every rule with its version,
sources, generated criterion texts, thresholds (value, unit, source, the line that
defines it) and decision tables. The same catalogue the About dialog shows."""
from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("rules", help="print the rule catalogue: ids, versions, sources, "
                       "criteria, thresholds and decision tables")
    p.add_argument("--json", action="store_true", help="machine-readable JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    from engine.catalogue_text import readable
    from engine.rules.catalogue import catalogue
    from engine.version import knowledge_version

    rules = catalogue()
    if args.json:
        sys.stdout.write(json.dumps({"knowledge_version": knowledge_version(), "rules": rules},
                                    indent=2, ensure_ascii=False) + "\n")
        return 0
    sys.stdout.write(readable(rules, knowledge_version()))
    return 0
