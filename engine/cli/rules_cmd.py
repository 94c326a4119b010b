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
    from engine.rules.catalogue import catalogue
    from engine.version import knowledge_version

    rules = catalogue()
    if args.json:
        sys.stdout.write(json.dumps({"knowledge_version": knowledge_version(), "rules": rules},
                                    indent=2, ensure_ascii=False) + "\n")
        return 0
    sys.stdout.write(readable(rules, knowledge_version()))
    return 0


def readable(rules: list[dict], version: str) -> str:
    lines = [f"MSCC Pathway rule catalogue, knowledge version {version}: {len(rules)} rules", ""]
    for r in rules:
        lines.append(f"{r['id']} v{r['version']}  {r['title']}")
        lines.append(f"  sources: {', '.join(r['sources'])}")
        lines += [f"  - {t}" for t in r["texts"]]
        for t in r["thresholds"] + r["quantities"]:
            lines.append(f"  limit: {t['text']}  [{t['source']}; {t['defined_at']}]")
        for table in r["tables"]:
            lines.append(f"  table: {table['name']} ({', '.join(table['conditions'])} -> "
                         f"{', '.join(table['outcomes'])})")
            for row in table["rows"]:
                when = ", ".join(f"{k}={_cell(v)}" for k, v in row["when"].items()) or "otherwise"
                then = ", ".join(f"{k}={_cell(v)}" for k, v in row["then"].items())
                lines.append(f"    {when} -> {then}  [{row['source']}; {row['defined_at']}]")
        lines.append("")
    return "\n".join(lines)


def _cell(value) -> str:
    return "/".join(map(str, value)) if isinstance(value, list) else str(value)
