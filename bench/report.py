"""`python -m bench.report [bench/results.json]`: the README's Performance table and
machine line, in Markdown, from a results file (no measuring)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.stats import table

DEFAULT = Path(__file__).resolve().parent / "results.json"


def machine_line(result: dict) -> str:
    m = result["machine"]
    cpu = m.get("lscpu Model name", "?")
    hyper = m.get("lscpu Hypervisor vendor")
    parts = [f"{cpu}, {m.get('cpus')} CPUs" + (f" ({hyper} VM)" if hyper else ""),
             f"{m.get('memory_gib')} GiB RAM", f"Python {m.get('python')}"]
    pk = m.get("packages") or {}
    parts.append(", ".join(f"{k} {v}" for k, v in pk.items() if v))
    disp = result.get("display") or {}
    if disp:
        parts.append(f"GUI figures on Qt '{disp.get('platform')}' ({disp.get('note')})")
    load = result.get("load_average") or {}
    if load:
        parts.append(f"1-min load average {load['before'][0]} before, {load['after'][0]} after")
    commit = m.get("git_commit")
    if commit:
        parts.append(f"commit {commit}{' + uncommitted changes' if m.get('git_dirty') else ''}")
    return "; ".join(parts)


def markdown(result: dict) -> str:
    lines = [table(result["figures"], markdown=True), "",
             f"`{result['command']}`, {result['created']}, {result['seconds']} s. "
             f"Machine: {machine_line(result)}."]
    skipped = [f"{k}: {v['status']} ({v.get('reason')})" for k, v in result["sections"].items()
               if v["status"] != "ok"]
    if skipped:
        lines.append("Not measured: " + "; ".join(skipped) + ".")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    print(markdown(json.loads(path.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
