#!/usr/bin/env python3
"""Traceability report: every rule -> version -> sources -> hazards -> tests.

    .venv/bin/python tools/trace_report.py            # write docs/safety/traceability.{md,json}
    .venv/bin/python tools/trace_report.py --check    # exit 1 if the committed report is
                                                      # out of date or any link is missing
    options: --trace FILE   rule-trace map (default: $MSCC_TRACE_OUT or
                            .pytest_cache/rule-trace.json, written by tests/safety_plugin.py
                            during a test run; a full `pytest tests` run gives the best map)
             --run          build the map first by running the engine test modules
                            (FAST_MODULES) under the plugin (~10-30 s)
             --strict       with --check: the test lists must match too, byte for byte

Inputs: engine.RULES (id, version, title, sources, thresholds), the source registry
(seeds/sources.toml), docs/safety/hazard-log.yaml (hazards and the rules, code and tests
of each control) and the rule-trace map (which tests saw each rule fire and not fire).

The report also carries what a clinical safety officer signs: the SHA-256 of
seeds/sources.toml, of every golden-case file (../shared/vignettes/*.json), of the hazard
log and of the knowledge manifest, with the engine and knowledge versions.

--check compares the committed traceability.json with a fresh one in everything but the
example test lists (those change whenever a test is added; --strict compares them too),
and fails on any traceability problem: a rule without a source that resolves, without a
hazard, or without a firing and a non-firing test; a hazard control naming a rule or a
test that does not exist."""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
OUT_DIR = REPO / "docs" / "safety"
HAZARD_LOG = OUT_DIR / "hazard-log.yaml"
DEFAULT_TRACE = REPO / ".pytest_cache" / "rule-trace.json"
FAST_MODULES = ("tests/test_thresholds.py", "tests/test_rules.py", "tests/safety/test_mcdc.py",
                "tests/safety/test_golden_inprocess.py", "tests/test_rules_v2.py",
                "tests/test_neuro_trend.py")
EXAMPLES_JSON = 8
EXAMPLES_MD = 3
MODULE_PRIORITY = ("tests/safety/test_mcdc.py", "tests/test_thresholds.py", "tests/test_rules.py",
                   "tests/safety/test_golden_inprocess.py", "tests/test_rules_v2.py",
                "tests/test_neuro_trend.py")
SEVERITY = {5: "catastrophic", 4: "major", 3: "considerable", 2: "significant", 1: "minor"}

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


# --- inputs ------------------------------------------------------------------------------

def load_hazards(path: Path = HAZARD_LOG) -> dict:
    try:
        import yaml
    except ImportError:  # pragma: no cover - dev dependency
        sys.exit("tools/trace_report.py needs PyYAML (requirements-dev.lock)")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def signoff_hashes() -> dict:
    golden = SHARED / "vignettes"
    out = {
        "seeds/sources.toml": sha256_file(REPO / "seeds" / "sources.toml"),
        "docs/safety/hazard-log.yaml": sha256_file(HAZARD_LOG),
        "tests/knowledge_manifest.json": sha256_file(REPO / "tests" / "knowledge_manifest.json"),
    }
    if golden.is_dir():
        out["golden_cases"] = {f"../shared/vignettes/{p.name}": sha256_file(p)
                               for p in sorted(golden.glob("*.json"))}
    else:
        out["golden_cases"] = None  # a clone without ../shared cannot state them
    return out


def run_trace(modules=FAST_MODULES, out: Path | None = None, timeout: int = 600) -> dict:
    """Run the engine test modules under tests/safety_plugin.py; return their trace map."""
    out = out or Path(tempfile.mkdtemp(prefix="mscc-trace-")) / "rule-trace.json"
    env = {**os.environ, "MSCC_TRACE_OUT": str(out),
           "PYTHONPATH": os.pathsep.join([str(REPO / "tests"), os.environ.get("PYTHONPATH", "")]),
           "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "safety_plugin",
                          "-p", "no:cacheprovider", "-o", "addopts=", *modules],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    if not out.exists():
        raise RuntimeError("the trace run wrote no map:\n" + run.stdout[-2000:] + run.stderr[-2000:])
    data = json.loads(out.read_text(encoding="utf-8"))
    data["run_exit_code"] = run.returncode
    return data


def collect_node_ids(timeout: int = 600) -> set[str]:
    """Every test node id of the suite (pytest --collect-only -q)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "MSCC_TRACE_OUT": os.path.join(tempfile.gettempdir(), "mscc-collect-trace.json")}
    run = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q",
                          "-p", "no:cacheprovider", "tests"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=timeout)
    ids = {line.strip() for line in run.stdout.splitlines() if "::" in line}
    if not ids:
        raise RuntimeError("no tests collected:\n" + run.stdout[-2000:] + run.stderr[-2000:])
    return ids


def node_exists(name: str, node_ids: set[str], functions: set[str]) -> bool:
    return name in node_ids or ("[" not in name and name in functions)


def functions_of(node_ids: set[str]) -> set[str]:
    return {n.split("[", 1)[0] for n in node_ids}


# --- the report --------------------------------------------------------------------------

def rule_sides(trace: dict) -> dict[str, dict[str, list[str]]]:
    """rule id -> side -> sorted test node ids (passing tests only)."""
    sides: dict[str, dict[str, set[str]]] = {}
    for node, entry in trace.get("tests", {}).items():
        if entry.get("outcome") not in ("passed", "running"):
            continue
        for side in ("fired", "not_fired", "not_reached"):
            for rule_id in entry.get(side, []):
                sides.setdefault(rule_id, {"fired": set(), "not_fired": set(),
                                           "not_reached": set()})[side].add(node)
    return {r: {s: sorted(v, key=_test_order) for s, v in d.items()} for r, d in sides.items()}


def _test_order(node: str) -> tuple:
    module = node.split("::", 1)[0]
    rank = MODULE_PRIORITY.index(module) if module in MODULE_PRIORITY else len(MODULE_PRIORITY)
    return (rank, node)


def build(trace: dict, hazards_doc: dict | None = None, node_ids: set[str] | None = None) -> dict:
    import engine
    from engine import RULES, load_registry

    hazards_doc = hazards_doc or load_hazards()
    registry = load_registry()
    hazards = hazards_doc.get("hazards", [])
    hazards_by_rule: dict[str, list[str]] = {}
    for hz in hazards:
        for control in hz.get("controls", []):
            for rule_id in control.get("rules", []) or []:
                if hz["id"] not in hazards_by_rule.setdefault(rule_id, []):
                    hazards_by_rule[rule_id].append(hz["id"])
    sides = rule_sides(trace)
    rules = []
    for rule_id in sorted(RULES):
        spec = RULES[rule_id]
        s = sides.get(rule_id, {"fired": [], "not_fired": [], "not_reached": []})
        non_firing = "recorded" if s["not_fired"] else ("not_reached" if s["not_reached"] else "none")
        rules.append({
            "id": rule_id, "version": spec.version, "title": spec.title,
            "sources": [{"id": sid, "short": registry.get(sid).short if sid in registry else None}
                        for sid in spec.sources],
            "thresholds": list(spec.texts),
            "hazards": sorted(hazards_by_rule.get(rule_id, [])),
            "tests": {"fired": len(s["fired"]), "not_fired": len(s["not_fired"]),
                      "not_reached": len(s["not_reached"]),
                      "non_firing_side": non_firing,
                      "examples_fired": s["fired"][:EXAMPLES_JSON],
                      "examples_not_fired": (s["not_fired"] or s["not_reached"])[:EXAMPLES_JSON]},
        })
    hz_rows = []
    for hz in hazards:
        controls = hz.get("controls", [])
        hz_rows.append({
            "id": hz.get("id"), "title": hz.get("title"), "severity": hz.get("severity"),
            "status": hz.get("status"),
            "rules": sorted({r for c in controls for r in (c.get("rules") or [])}),
            "controls": [{"description": c.get("description"), "rules": c.get("rules") or [],
                          "code": c.get("code") or [], "tests": c.get("tests") or [],
                          "open_issue": c.get("open_issue")} for c in controls],
        })
    report = {
        "format": "mscc-traceability/1",
        "engine_version": engine.ENGINE_VERSION,
        "knowledge_version": engine.knowledge_version(),
        "signoff": signoff_hashes(),
        "rules": rules,
        "hazards": hz_rows,
        "unused_sources": sorted(s.id for s in registry
                                 if not any(s.id in r.sources for r in RULES.values())),
        "trace": {"complete": bool(trace.get("complete")),
                  "tests_with_rule_trace": len(trace.get("tests", {})),
                  "modules": sorted(trace.get("modules", {}))},
    }
    report["problems"] = problems(report, hazards_doc, node_ids)
    return report


def problems(report: dict, hazards_doc: dict, node_ids: set[str] | None) -> list[str]:
    from engine import RULES, load_registry

    registry = load_registry()
    out = []
    for rule in report["rules"]:
        rid = rule["id"]
        if not rule["sources"]:
            out.append(f"{rid}: no source")
        for src in rule["sources"]:
            if src["id"] not in registry:
                out.append(f"{rid}: source {src['id']} is not in seeds/sources.toml")
        if not rule["hazards"]:
            out.append(f"{rid}: no hazard in docs/safety/hazard-log.yaml names this rule")
        if not rule["tests"]["fired"]:
            out.append(f"{rid}: no passing test sees it fire")
        if rule["tests"]["non_firing_side"] == "none":
            out.append(f"{rid}: no passing test sees it not fire")
    ids = [hz.get("id") for hz in hazards_doc.get("hazards", [])]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        out.append(f"{dup}: hazard id used twice")
    functions = functions_of(node_ids) if node_ids is not None else set()
    for hz in hazards_doc.get("hazards", []):
        hid = hz.get("id", "?")
        if not (isinstance(hid, str) and len(hid) == 7 and hid.startswith("HAZ-") and hid[4:].isdigit()):
            out.append(f"{hid}: id is not HAZ-NNN")
        for key in ("title", "cause", "effect", "severity", "controls"):
            if not hz.get(key):
                out.append(f"{hid}: no {key}")
        if hz.get("severity") not in SEVERITY:
            out.append(f"{hid}: severity must be 1-5")
        for n, control in enumerate(hz.get("controls") or [], 1):
            where = f"{hid} control {n}"
            if not control.get("description"):
                out.append(f"{where}: no description")
            if not (control.get("rules") or control.get("code")):
                out.append(f"{where}: names neither a rule nor code")
            if not control.get("tests"):
                out.append(f"{where}: names no test")
            for rule_id in control.get("rules") or []:
                if rule_id not in RULES:
                    out.append(f"{where}: rule {rule_id} does not exist")
            for path in control.get("code") or []:
                if not (REPO / path).exists():
                    out.append(f"{where}: code {path} does not exist")
            for test in control.get("tests") or []:
                if node_ids is not None and not node_exists(test, node_ids, functions):
                    out.append(f"{where}: test {test} does not exist")
    return out


SIGNED_KEYS = ("format", "engine_version", "knowledge_version", "signoff", "unused_sources")


def signed_view(report: dict, strict: bool = False) -> dict:
    """What --check compares: everything a sign-off depends on; the example test lists
    only with --strict."""
    view = {k: report.get(k) for k in SIGNED_KEYS}
    view["rules"] = [{k: v for k, v in r.items() if k != "tests"} for r in report.get("rules", [])]
    view["hazards"] = report.get("hazards")
    if strict:
        view["rule_tests"] = [r.get("tests") for r in report.get("rules", [])]
    return view


# --- markdown ----------------------------------------------------------------------------

def render_markdown(report: dict) -> str:
    L = ["# Traceability: rules, sources, hazards, tests", "",
         "Generated by `tools/trace_report.py` from `engine.RULES`, `seeds/sources.toml`, "
         "`docs/safety/hazard-log.yaml` and the rule trace that `tests/safety_plugin.py` "
         "records during a test run. Do not edit by hand; `tools/trace_report.py --check` "
         "(run by `tests/safety/test_traceability.py`) fails when it is out of date.", "",
         f"- Engine version: `{report['engine_version']}`",
         f"- Knowledge version (rules + sources): `{report['knowledge_version']}`",
         f"- Rules: {len(report['rules'])}; hazards: {len(report['hazards'])}; "
         f"traceability problems: {len(report['problems'])}",
         f"- Rule trace: {report['trace']['tests_with_rule_trace']} tests "
         f"({'complete run' if report['trace']['complete'] else 'partial run'})", ""]
    L += ["## What the clinical safety officer signs", "",
          "| file | SHA-256 |", "|---|---|"]
    signoff = report["signoff"]
    for key in ("seeds/sources.toml", "docs/safety/hazard-log.yaml", "tests/knowledge_manifest.json"):
        L.append(f"| `{key}` | `{signoff[key]}` |")
    if signoff.get("golden_cases"):
        for name, digest in signoff["golden_cases"].items():
            L.append(f"| `{name}` | `{digest}` |")
    else:
        L.append("| golden cases | not available in this clone (../shared absent) |")
    L += ["", "## Rules", "",
          "Tests: how many passing tests saw the rule fire / not fire. \"not reached\" means "
          "the rule is only recorded when it fires (e.g. a later pathway) and the tests "
          "shown evaluated cases where an earlier rule decided instead.", "",
          "| rule | v | sources | hazards | fired | not fired | example tests |",
          "|---|---|---|---|---|---|---|"]
    for r in report["rules"]:
        t = r["tests"]
        not_fired = (f"{t['not_fired']}" if t["non_firing_side"] == "recorded"
                     else f"{t['not_reached']} (not reached)" if t["non_firing_side"] == "not_reached"
                     else "**none**")
        sources = "<br>".join(f"{s['id']} ({s['short']})" for s in r["sources"]) or "**none**"
        examples = "<br>".join(f"fires: `{x}`" for x in t["examples_fired"][:EXAMPLES_MD])
        examples += "<br>" + "<br>".join(f"not: `{x}`" for x in t["examples_not_fired"][:EXAMPLES_MD])
        L.append(f"| **{r['id']}**<br>{r['title']} | {r['version']} | {sources} | "
                 f"{', '.join(r['hazards']) or '**none**'} | {t['fired'] or '**0**'} | {not_fired} "
                 f"| {examples} |")
    L += ["", "## Hazards and their controls", ""]
    for hz in report["hazards"]:
        sev = hz["severity"]
        L += [f"### {hz['id']} {hz['title']}", "",
              f"Severity {sev} ({SEVERITY.get(sev, '?')}); status: {hz['status']}; "
              f"rules: {', '.join(hz['rules']) or '-'}", ""]
        for n, c in enumerate(hz["controls"], 1):
            L.append(f"{n}. {c['description']}")
            if c["rules"]:
                L.append(f"   - rules: {', '.join(c['rules'])}")
            if c["code"]:
                L.append(f"   - code: {', '.join(f'`{p}`' for p in c['code'])}")
            if c.get("open_issue"):
                L.append(f"   - open: {c['open_issue']}")
            for test in c["tests"]:
                L.append(f"   - test: `{test}`")
        L.append("")
    if report["unused_sources"]:
        L += ["## Sources cited by no rule", "",
              "Used by scores shown for context only (never gating a recommendation): "
              + ", ".join(f"`{s}`" for s in report["unused_sources"]) + ".", ""]
    L += ["## Problems", ""]
    L += [f"- {p}" for p in report["problems"]] or ["None."]
    return "\n".join(L) + "\n"


# --- command line --------------------------------------------------------------------------

def load_trace(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/trace_report.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--trace", type=Path,
                        default=Path(os.environ.get("MSCC_TRACE_OUT") or DEFAULT_TRACE))
    parser.add_argument("--run", action="store_true", help="build the trace map first")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)

    if args.run or not args.trace.exists():
        if not args.run:
            print(f"{args.trace} not found: running the engine tests to build it", file=sys.stderr)
        trace = run_trace()
    else:
        trace = load_trace(args.trace)
    report = build(trace, node_ids=collect_node_ids())
    md, js = args.out_dir / "traceability.md", args.out_dir / "traceability.json"
    if args.check:
        failures = list(report["problems"])
        try:
            committed = json.loads(js.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            failures.append(f"{js} is missing or unreadable: run tools/trace_report.py")
        else:
            if signed_view(committed, args.strict) != signed_view(report, args.strict):
                failures.append(f"{js} is out of date (rules, sources, hazards or signed hashes "
                                "changed): run tools/trace_report.py and review the diff")
        for f in failures:
            print(f"trace-report: {f}", file=sys.stderr)
        print(f"trace-report: {len(report['rules'])} rules, {len(report['hazards'])} hazards, "
              f"{len(failures)} problem(s)")
        return 1 if failures else 0
    args.out_dir.mkdir(parents=True, exist_ok=True)
    js.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md.write_text(render_markdown(report), encoding="utf-8")
    print(f"wrote {md.relative_to(REPO) if md.is_relative_to(REPO) else md} and {js.name}: "
          f"{len(report['rules'])} rules, {len(report['hazards'])} hazards, "
          f"{len(report['problems'])} problem(s)")
    for p in report["problems"]:
        print(f"  problem: {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
