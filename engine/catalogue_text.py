"""The rule catalogue as text a clinician reads: `mscc-pathway rules` and the About
dialog print this, from the same declarations as `--json`."""
from __future__ import annotations


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
