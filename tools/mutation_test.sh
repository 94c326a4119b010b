#!/usr/bin/env bash
# Mutation testing of the decision rules and scores, on demand (never in CI).
#
#   bash tools/mutation_test.sh [--jobs N] [--files 'engine/rules/calcium.py ...']
#                               [--tests 'tests/... tests/...'] [--limit N] [--list]
#
# Why a small hand-rolled mutator rather than mutmut: mutmut 3 mutates only inside
# functions, and most of this engine's thresholds are module constants
# (PLATELETS_HOLD_BELOW = 50, STALE_AFTER = timedelta(hours=72), the SINS tables);
# a threshold change is exactly what the safety notes ask mutation testing to catch.
#
# Each mutant is one change to one file under engine/rules/ or engine/scores/:
#   compare   < <= > >= == != in / not in, is / is not swapped with their neighbour
#   number    an int or float constant n -> n + 1
#   boolop    and <-> or
#   not       `not x` -> `x`
#   bool      True <-> False
#   arith     + <-> -, * <-> /
#   member    one string dropped from a tuple/list/set of strings (contraindication
#             lists, primaries, pathway sets)
#   delete    an ev.alert / ev.act / ev.order / ev.need / ev.disagree call removed
# Rule metadata (the rule(...) declarations), docstrings and message text are not
# mutated. The engine tests below run against each mutant (in a private copy of the
# repository, so the work tree is never touched); a mutant is killed when they fail
# or take more than 60 s. Results: .pytest_cache/mutation/results.jsonl and
# summary.md (the survivors with the line they changed).
#
# Runtime: about 0.5-3 s per mutant per core; two cores take ~30-40 min for the
# ~1,500 mutants. Run it in the background:
#   nohup bash tools/mutation_test.sh --jobs 2 > .pytest_cache/mutation.log 2>&1 &
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
exec "$PY" - "$@" <<'PYCODE'
import argparse
import ast
import copy
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

REPO = Path.cwd()
OUT = REPO / ".pytest_cache" / "mutation"
DEFAULT_FILES = sorted(str(p.relative_to(REPO)) for d in ("engine/rules", "engine/scores")
                       for p in (REPO / d).glob("*.py") if p.name != "__init__.py")
DEFAULT_TESTS = ["tests/safety/test_mcdc.py", "tests/test_thresholds.py", "tests/test_rules.py",
                 "tests/safety/test_golden_inprocess.py", "tests/safety/test_mutation_survivors.py"]
TIMEOUT = 60
DELETABLE = {"alert", "act", "order", "need", "disagree"}
COMPARE_SWAP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
                ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
                ast.Is: ast.IsNot, ast.IsNot: ast.Is}
ARITH_SWAP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}


# --- finding mutation points --------------------------------------------------------------

def skipped_nodes(tree):
    """Nodes never mutated: docstrings, rule(...) declarations, f-string contents."""
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body \
                and isinstance(node.body[0], ast.Expr) \
                and isinstance(node.body[0].value, ast.Constant):
            skip.update(id(n) for n in ast.walk(node.body[0]))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "rule":
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.JoinedStr):
            skip.update(id(n) for n in ast.walk(node))
    return skip


def enclosing_functions(tree):
    """id(node) -> True for nodes inside a function body (run only when called)."""
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            body = node.body if isinstance(node.body, list) else [node.body]
            for part in body:
                inside.update(id(n) for n in ast.walk(part))
    return inside


def mutation_points(tree):
    """(node index in ast.walk order, kind, variant, description, line, end line,
    in a function)."""
    skip = skipped_nodes(tree)
    in_function = enclosing_functions(tree)
    points = []
    for index, node in enumerate(ast.walk(tree)):
        if id(node) in skip:
            continue
        line = getattr(node, "lineno", 0)
        where = (getattr(node, "end_lineno", line) or line, id(node) in in_function)
        if isinstance(node, ast.Compare):
            for k, op in enumerate(node.ops):
                if type(op) in COMPARE_SWAP:
                    points.append((index, "compare", k, f"{type(op).__name__} -> "
                                   f"{COMPARE_SWAP[type(op)].__name__}", line, *where))
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
            points.append((index, "number", 0, f"{node.value!r} -> {node.value + 1!r}", line, *where))
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            points.append((index, "bool", 0, f"{node.value} -> {not node.value}", line, *where))
        elif isinstance(node, ast.BoolOp):
            points.append((index, "boolop", 0, f"{type(node.op).__name__} -> "
                           f"{'Or' if isinstance(node.op, ast.And) else 'And'}", line, *where))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            points.append((index, "not", 0, "drop `not`", line, *where))
        elif isinstance(node, ast.BinOp) and type(node.op) in ARITH_SWAP:
            points.append((index, "arith", 0, f"{type(node.op).__name__} -> "
                           f"{ARITH_SWAP[type(node.op)].__name__}", line, *where))
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) >= 2 and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            for k, e in enumerate(node.elts):
                points.append((index, "member", k, f"drop {e.value!r}", line, *where))
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) \
                and isinstance(node.value.func, ast.Attribute) \
                and isinstance(node.value.func.value, ast.Name) \
                and node.value.func.value.id == "ev" and node.value.func.attr in DELETABLE:
            points.append((index, "delete", 0, f"delete ev.{node.value.func.attr}(...)", line, *where))
    return points


def mutate(source: str, point) -> str:
    tree = ast.parse(source)
    index, kind, variant = point[0], point[1], point[2]
    node = list(ast.walk(tree))[index]
    if kind == "compare":
        node.ops[variant] = COMPARE_SWAP[type(node.ops[variant])]()
    elif kind == "number":
        node.value = node.value + 1
    elif kind == "bool":
        node.value = not node.value
    elif kind == "boolop":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif kind == "not":
        replace(tree, node, node.operand)
    elif kind == "arith":
        node.op = ARITH_SWAP[type(node.op)]()
    elif kind == "member":
        del node.elts[variant]
    elif kind == "delete":
        replace(tree, node, ast.Pass())
    ast.fix_missing_locations(tree)
    return ast.unparse(tree) + "\n"


def replace(tree, old, new):
    for parent in ast.walk(tree):
        for name, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, name, new)
                return
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is old:
                        value[i] = new
                        return
    raise RuntimeError("node not found")


# --- running --------------------------------------------------------------------------------

def make_copy(dest: Path) -> Path:
    """A private copy of the repository (engine, seeds, tests, tools) beside a link to
    ../shared, so the golden cases resolve as they do from the real work tree."""
    if dest.exists():
        shutil.rmtree(dest)
    work = dest / "main"
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for name in ("engine", "seeds", "tests", "tools", "examples", "resources", "desktop"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, work / name, ignore=ignore)
    for name in ("pyproject.toml",):
        shutil.copy2(REPO / name, work / name)
    shared = REPO.parent / "shared"
    if shared.exists():
        (dest / "shared").symlink_to(shared.resolve())
    return work


# Modules that never change between mutants (no rule or score code in them) stay loaded;
# everything else under engine/ is imported afresh, from the mutated copy, per mutant.
KEEP = ("engine.models", "engine.units", "engine.facts", "engine.validation",
        "engine.canonical", "engine.registry", "engine.version")


def _kept(name: str) -> bool:
    return any(name == k or name.startswith(k + ".") for k in KEEP)


def reload_engine(user_modules) -> None:
    """In a forked child: drop the engine modules that depend on rules or scores,
    import them again (now from the mutated file) and point the test modules' globals
    at the new objects."""
    old = {n: m for n, m in sys.modules.items() if n == "engine" or n.startswith("engine.")}
    for name in old:
        if not _kept(name):
            del sys.modules[name]
    import importlib
    new_engine = importlib.import_module("engine")
    importlib.import_module("engine.cli")
    for name, module in old.items():   # re-attach kept submodules to the new packages
        if _kept(name) and "." in name:
            parent, child = name.rsplit(".", 1)
            if parent in sys.modules:
                setattr(sys.modules[parent], child, module)
    for module in user_modules:
        for key, value in list(vars(module).items()):
            if isinstance(value, type(sys)) and value.__name__ in old and not _kept(value.__name__):
                setattr(module, key, sys.modules.get(value.__name__, value))
            elif callable(value) and getattr(value, "__module__", "") in old \
                    and not _kept(value.__module__):
                fresh = sys.modules.get(value.__module__)
                replacement = getattr(fresh, getattr(value, "__name__", key), None)
                if replacement is not None:
                    setattr(module, key, replacement)
    assert new_engine is sys.modules["engine"]


def collect_items(tests: list[str]) -> list:
    """The test items (function, parameters, node id) collected once by pytest."""
    import pytest

    class Collector:
        items: list = []

        def pytest_collection_finish(self, session):
            self.items = list(session.items)

    collector = Collector()
    with open(os.devnull, "w") as sink:
        saved = sys.stdout
        sys.stdout = sink
        try:
            rc = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", "-p", "no:pytestqt",
                              "-p", "no:cov", "-o", "addopts=", *tests], plugins=[collector])
        finally:
            sys.stdout = saved
    if rc != 0:
        sys.exit(f"collection failed ({rc})")
    items = []
    for item in collector.items:
        params = dict(getattr(getattr(item, "callspec", None), "params", {}) or {})
        extra = [f for f in item.fixturenames if f not in params]
        items.append((item.nodeid, item.obj, params, extra))
    unsupported = [i[0] for i in items if i[3]]
    if unsupported:
        sys.exit("tests with fixtures cannot be run in-process: " + ", ".join(unsupported[:5]))
    return items


def run_tests(items: list, user_modules) -> str:
    """Run the items against the engine as it is on disk now, in a forked child;
    'passed', 'failed' or 'timeout'."""
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            sys.dont_write_bytecode = True
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            reload_engine(user_modules)
            code = 0
            for _nodeid, func, params, _extra in items:
                try:
                    func(**params)
                except BaseException as exc:  # pytest.skip raises an OutcomeException
                    if type(exc).__name__ == "Skipped":
                        continue
                    code = 1
                    break
        finally:
            os._exit(code)
    deadline = time.monotonic() + TIMEOUT
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            return "passed" if code == 0 else "failed"
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout"
        time.sleep(0.005)


def coverage_map(tests: list[str]) -> dict:
    """{file: {line: [test node ids]}} from one run of the tests under coverage with
    per-test contexts; lines run only at import time have no test."""
    work = make_copy(OUT / "work-coverage")
    env = {**os.environ, "PYTHONPATH": str(work),
           "MSCC_TRACE_OUT": str(work / ".pytest_cache" / "rule-trace.json")}
    import subprocess
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "-o", "addopts=", "--cov=engine", "--cov-context=test",
                          "--cov-report=", *tests], cwd=work, env=env,
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("the unmutated tests do not pass:\n" + run.stdout[-3000:])
    import coverage
    data = coverage.CoverageData(basename=str(work / ".coverage"))
    data.read()
    out = {}
    for measured in data.measured_files():
        try:
            rel = str(Path(measured).resolve().relative_to(work.resolve()))
        except ValueError:
            continue
        lines = {}
        for line, contexts in data.contexts_by_lineno(measured).items():
            ids = sorted({c.rsplit("|", 1)[0] for c in contexts if c})
            if ids:
                lines[line] = ids
        out[rel] = lines
    return out


def select_tests(cov: dict, path: str, point, tests: list[str]) -> list[str] | None:
    """The tests to run for a mutant: those that execute its lines; all of them for
    module-level code (run at import); [] when no test reaches it."""
    line, end, in_function = point[4], point[5], point[6]
    if not in_function:
        return tests
    ids = sorted({t for n in range(line, end + 1) for t in cov.get(path, {}).get(n, [])})
    return ids


def worker(k: int, jobs: int, mutants: list, tests: list[str], results: Path,
           cov: dict) -> None:
    work = make_copy(OUT / f"work{k}")
    os.chdir(work)
    sys.path[:0] = [str(work), str(work / "tests"), str(work / "tests" / "safety")]
    os.environ["PYTHONPATH"] = str(work)
    os.environ["MSCC_TRACE_OUT"] = str(work / ".pytest_cache" / "rule-trace.json")
    items = collect_items(tests)
    by_id = {i[0]: i for i in items}
    user_modules = [m for n, m in sys.modules.items()
                    if n == "engine_cases" or n == "conftest" or n.startswith("test_")]
    if run_tests(items, user_modules) != "passed":
        print(f"worker {k}: the unmutated tests do not pass in-process; aborting",
              file=sys.stderr)
        os._exit(3)
    with results.open("a", encoding="utf-8") as out:
        for n, (path, point) in enumerate(mutants):
            if n % jobs != k:
                continue
            target = work / path
            original = (REPO / path).read_text(encoding="utf-8")
            selected = select_tests(cov, path, point, list(by_id))
            started = time.monotonic()
            if not selected:
                outcome = "uncovered"
            else:
                target.write_text(mutate(original, point), encoding="utf-8")
                try:
                    outcome = run_tests([by_id[i] for i in selected if i in by_id], user_modules)
                finally:
                    target.write_text(original, encoding="utf-8")
            status = {"passed": "survived", "failed": "killed", "timeout": "timeout",
                      "uncovered": "survived"}[outcome]
            out.write(json.dumps({"id": n, "file": path, "line": point[4], "kind": point[1],
                                  "change": point[3], "status": status,
                                  "tests_run": len(selected) if selected else 0,
                                  "seconds": round(time.monotonic() - started, 2)}) + "\n")
            out.flush()


def source_line(path: str, line: int) -> str:
    try:
        return (REPO / path).read_text(encoding="utf-8").splitlines()[line - 1].strip()
    except IndexError:
        return ""


def summarize(results: Path, total: int, started: float) -> str:
    rows = [json.loads(l) for l in results.read_text(encoding="utf-8").splitlines() if l.strip()]
    killed = sum(r["status"] in ("killed", "timeout") for r in rows)
    survivors = sorted((r for r in rows if r["status"] == "survived"),
                       key=lambda r: (r["file"], r["line"]))
    by_file = {}
    for r in rows:
        f = by_file.setdefault(r["file"], [0, 0])
        f[0] += 1
        f[1] += r["status"] != "survived"
    score = 100.0 * killed / len(rows) if rows else 0.0
    lines = [f"# Mutation testing: {killed}/{len(rows)} killed ({score:.1f}%)", "",
             f"{total} mutants generated, {len(rows)} run in {time.time() - started:.0f} s.", "",
             "| file | mutants | killed | score |", "|---|---|---|---|"]
    for f, (n, k) in sorted(by_file.items()):
        lines.append(f"| {f} | {n} | {k} | {100.0 * k / n:.0f}% |")
    lines += ["", f"## Survivors ({len(survivors)})", ""]
    for r in survivors:
        lines.append(f"- `{r['file']}:{r['line']}` {r['kind']}: {r['change']}"
                     f"{' (no test reaches it)' if not r.get('tests_run') else ''} -- "
                     f"`{source_line(r['file'], r['line'])[:110]}`")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="tools/mutation_test.sh")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--files", default=" ".join(DEFAULT_FILES))
    parser.add_argument("--tests", default=" ".join(DEFAULT_TESTS))
    parser.add_argument("--limit", type=int, default=0, help="run only the first N mutants")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    args = parser.parse_args(sys.argv[1:])
    tests = [t for t in args.tests.split() if (REPO / t).exists()]
    mutants = []
    for path in args.files.split():
        source = (REPO / path).read_text(encoding="utf-8")
        for point in mutation_points(ast.parse(source)):
            mutants.append((path, point))
    if args.list:
        for n, (path, p) in enumerate(mutants):
            print(f"{n:5d} {path}:{p[4]} {p[1]}: {p[3]}")
        print(f"{len(mutants)} mutants")
        return 0
    if args.limit:
        mutants = mutants[:args.limit]
    OUT.mkdir(parents=True, exist_ok=True)
    results = OUT / "results.jsonl"
    results.write_text("")
    started = time.time()
    print(f"{len(mutants)} mutants, {args.jobs} jobs, tests: {' '.join(tests)}", flush=True)
    cov = coverage_map(tests)
    print(f"coverage map built in {time.time() - started:.0f} s", flush=True)
    pids = []
    for k in range(args.jobs):
        pid = os.fork()
        if pid == 0:
            try:
                worker(k, args.jobs, mutants, tests, results, cov)
            finally:
                os._exit(0)
        pids.append(pid)
    failed = False
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        failed |= os.waitstatus_to_exitcode(status) != 0
    summary = summarize(results, len(mutants), started)
    (OUT / "summary.md").write_text(summary, encoding="utf-8")
    print(summary)
    return 1 if failed else 0


sys.exit(main())
PYCODE
